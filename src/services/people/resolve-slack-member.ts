import { z } from 'zod';
import { profileIsStale } from '../../domain/person-profile';
import type { Role } from '../../domain/roles';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { lockOrganization } from './acting-person';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  slackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id'),
  /** The name the request carries, if any; only used for a person Thread creates now. */
  name: z.string().trim().min(1).max(200).optional(),
});

export interface SlackMember {
  organizationId: string;
  userId: string;
  slackUserId: string;
  name: string;
  /** The role that counts now: a person let in by the organisation's view setting is a viewer. */
  role: Role;
  /** Added by an admin (or the organisation's first person); false for a viewer let in by the setting. */
  member: boolean;
  /** The organisation's timezone: "today" for this person is today there. */
  timeZone: string;
  /** The Slack profile should be read again (users.info, then refreshProfile). */
  profileStale: boolean;
}

/**
 * The Thread person behind a Slack request. The first person to use Thread in an organisation without an admin
 * becomes its admin, even when the operator's command line had already named them (as the CSM of a seeded
 * account): an organisation nobody can administer from Slack would be stuck. Later, only people an admin added get
 * in; anyone else is refused with the admins to ask, unless the organisation lets workspace members view, in which
 * case they come in as viewers.
 */
export async function resolveSlackMember(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SlackMember> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const where = { organizationId_slackUserId: { organizationId: o.organizationId, slackUserId: o.slackUserId } };
  const org = await ctx.prisma.organization.findUnique({
    where: { id: o.organizationId },
    select: { name: true, timezone: true },
  });
  if (!org) throw new AppError('not_found', 'that organisation does not exist in Thread.');
  const answer = (
    user: { id: string; name: string; profileRefreshedAt: Date | null },
    role: Role,
    member: boolean,
  ) => ({
    organizationId: o.organizationId,
    userId: user.id,
    slackUserId: o.slackUserId,
    name: user.name,
    role,
    member,
    timeZone: org.timezone,
    profileStale: profileIsStale(user.profileRefreshedAt, now),
  });

  // The every-request path: a member, read without a lock.
  const anAdmin = { organizationId: o.organizationId, role: 'admin' as const, addedAt: { not: null } };
  const known = await ctx.prisma.user.findUnique({ where });
  if (known?.addedAt) {
    if (known.role === 'admin') return answer(known, known.role, true);
    if (await ctx.prisma.user.findFirst({ where: anAdmin, select: { id: true } }))
      return answer(known, known.role, true);
  }

  // The slow path may make the first admin or let a viewer in: a change others' cached copies must not miss.
  const done = await ctx.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, o.organizationId);
    const user = await tx.user.findUnique({ where });
    const admins = await tx.user.findMany({
      where: anAdmin,
      orderBy: [{ addedAt: 'asc' }, { id: 'asc' }],
      select: { name: true, slackUserId: true },
    });
    if (user?.addedAt && admins.length > 0) return answer(user, user.role, true);
    if (admins.length === 0) {
      const admin = await tx.user.upsert({
        where,
        create: {
          organizationId: o.organizationId,
          slackUserId: o.slackUserId,
          name: o.name ?? o.slackUserId,
          role: 'admin',
          addedAt: now,
        },
        update: { role: 'admin', addedAt: now },
      });
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        entityType: 'user',
        entityId: admin.id,
        actor: admin.id,
        from: user ? (user.addedAt ? user.role : 'not added') : null,
        to: 'admin',
        reason: `the first person to use Thread in ${org.name} becomes its admin`,
        at: now,
      });
      return answer(admin, 'admin', true);
    }

    const settings = await tx.organization.findUniqueOrThrow({
      where: { id: o.organizationId },
      select: { workspaceMembersCanView: true },
    });
    if (settings.workspaceMembersCanView) {
      if (user) return answer(user, 'viewer', false);
      const viewer = await tx.user.create({
        data: {
          organizationId: o.organizationId,
          slackUserId: o.slackUserId,
          name: o.name ?? o.slackUserId,
          role: 'viewer',
        },
      });
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        entityType: 'user',
        entityId: viewer.id,
        actor: viewer.id,
        to: 'viewer',
        reason: 'workspace members may view Thread (organisation setting)',
        at: now,
      });
      return answer(viewer, 'viewer', false);
    }

    const names = admins.map((a) => a.name);
    const ask = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
    throw new AppError(
      'forbidden',
      `Thread in ${org.name} is open to the people an admin has added, and you have not been added yet. Ask ${ask} to add you.`,
      { details: { admins } },
    );
  });
  ctx.changes?.peopleChanged(o.organizationId);
  return done;
}
