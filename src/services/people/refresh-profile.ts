import { z } from 'zod';
import { checkLine } from '../../domain/checked';
import { checkEmailAddress } from '../../domain/email-address';
import { checkLogoUrl } from '../../domain/logo-url';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import { checkTimeZone } from '../../domain/time-zones';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  slackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id'),
  /** What Slack's users.info (or a user_change event) said; a missing or unusable value is stored as unknown. */
  profile: z.object({
    name: z.string().nullish(),
    email: z.string().nullish(),
    title: z.string().nullish(),
    avatarUrl: z.string().nullish(),
    timezone: z.string().nullish(),
  }),
});

interface Profile {
  name: string;
  email: string | null;
  title: string | null;
  avatarUrl: string | null;
  timezone: string | null;
}

export interface RefreshedProfile {
  userId: string;
  /** The profile fields whose value changed. */
  changed: (keyof Profile)[];
  /**
   * Slack has just stopped showing (or never showed) this CSM's or admin's email and they gave no reply-to address:
   * the Slack layer asks them for one. True once per loss of the email, not on every refresh.
   */
  replyToNeeded: boolean;
}

function usable<T>(value: string | null | undefined, check: (v: string) => { ok: true; value: T } | { ok: false }) {
  if (value === null || value === undefined || value.trim() === '') return null;
  const checked = check(value);
  return checked.ok ? checked.value : null;
}

/**
 * Stores a person's Slack profile (name, email, title, avatar, timezone) and when it was read. Slack is the
 * source: a value Slack no longer gives (a hidden email) is cleared, except the name, which stays as it was.
 * Only people Thread already knows are refreshed; returns null for anyone else. Each changed field is audited.
 */
export async function refreshProfile(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<RefreshedProfile | null> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const p = o.profile;
  const incoming = {
    name: usable(p.name, (v) => checkLine(v, { label: 'The name', max: 200 })),
    email: usable(p.email, checkEmailAddress),
    title: usable(p.title, (v) => checkLine(v, { label: 'The title', max: 200 })),
    avatarUrl: usable(p.avatarUrl, checkLogoUrl),
    timezone: usable(p.timezone, checkTimeZone),
  };
  const done = await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { organizationId_slackUserId: { organizationId: o.organizationId, slackUserId: o.slackUserId } },
    });
    if (!user) return null;
    const after: Profile = { ...incoming, name: incoming.name ?? user.name };
    const fields = ['name', 'email', 'title', 'avatarUrl', 'timezone'] as const;
    const changed = fields.filter((f) => user[f] !== after[f]);
    if (after.email && changed.includes('email')) {
      // Slack moved this address to this person; whoever Thread still has it under had a stale profile.
      await tx.user.updateMany({
        where: { organizationId: o.organizationId, email: after.email, id: { not: user.id } },
        data: { email: null },
      });
    }
    await tx.user.update({ where: { id: user.id }, data: { ...after, profileRefreshedAt: now } });
    for (const field of changed) {
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        entityType: 'user',
        entityId: user.id,
        actor: 'system',
        from: user[field],
        to: after[field],
        reason: `profile ${field} refreshed from Slack`,
        data: { field },
        at: now,
      });
    }
    const firstRead = user.profileRefreshedAt === null;
    const replyToNeeded =
      after.email === null &&
      user.replyToEmail === null &&
      (user.role === 'csm' || user.role === 'admin') &&
      (firstRead || changed.includes('email'));
    return { userId: user.id, changed, replyToNeeded };
  });
  ctx.changes?.peopleChanged(o.organizationId);
  return done;
}
