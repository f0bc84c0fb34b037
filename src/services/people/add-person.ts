import { z } from 'zod';
import { ROLE_NAMES, ROLES } from '../../domain/roles';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson, lockOrganization } from './acting-person';
import { PERSON_SELECT, toPersonSummary, type PersonSummary } from './person-summary';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  slackUserId: z.string().regex(SLACK_USER_ID, 'pick a person from Slack (a user id such as U012ABCDEF)'),
  role: z.enum(ROLES),
  /** Their name as Slack's user picker showed it; the profile refresh replaces it. */
  name: z.string().trim().min(1).max(200).optional(),
});

/**
 * An admin adds a workspace member to Thread with a role; from then on they get in. Someone Thread had only
 * seen (named as an account's CSM, or viewing by the organisation's setting) becomes a member. Audited.
 */
export async function addPerson(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<PersonSummary> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const done = await ctx.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, o.organizationId);
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    assertCapability(person, 'manage_people', 'add people');
    const where = { organizationId_slackUserId: { organizationId: o.organizationId, slackUserId: o.slackUserId } };
    const existing = await tx.user.findUnique({ where, select: PERSON_SELECT });
    if (existing?.addedAt) {
      throw new AppError(
        'conflict',
        `${existing.name} is already in Thread as ${ROLE_NAMES[existing.role]}; change their role instead.`,
      );
    }
    const added = await tx.user.upsert({
      where,
      create: {
        organizationId: o.organizationId,
        slackUserId: o.slackUserId,
        name: o.name ?? o.slackUserId,
        role: o.role,
        addedAt: now,
      },
      update: { role: o.role, addedAt: now },
      select: PERSON_SELECT,
    });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'user',
      entityId: added.id,
      actor: person.auditActor,
      from: existing ? 'not added' : null,
      to: o.role,
      reason: `added to Thread by ${person.name}`,
      at: now,
    });
    return toPersonSummary(added);
  });
  ctx.changes?.peopleChanged(o.organizationId);
  return done;
}
