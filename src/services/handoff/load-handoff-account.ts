/**
 * An account as the handoff services need it, inside their transaction and, for a change, locked (FOR UPDATE), so a
 * submit, a "start anyway" and a new request on the same account never interleave: its status, CSM and AE, its handoff, and the
 * organisation's calendar and name.
 */
import type { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';

export const HANDOFF_ACCOUNT_SELECT = {
  id: true,
  name: true,
  organizationId: true,
  status: true,
  kickoffDate: true,
  csmId: true,
  aeId: true,
  crmFacts: true,
  csm: { select: { id: true, name: true, slackUserId: true, email: true, replyToEmail: true } },
  ae: { select: { id: true, name: true, slackUserId: true, email: true, replyToEmail: true, addedAt: true } },
  organization: { select: { name: true, timezone: true, workingDays: true, handoffReminderHours: true } },
  handoff: {
    select: {
      id: true,
      submittedAt: true,
      submittedBy: { select: { name: true } },
      requestedAt: true,
      tokenHash: true,
      tokenExpiresAt: true,
      remindedAt: true,
      escalatedAt: true,
      startedWithoutHandoffAt: true,
      stepAnswers: true,
    },
  },
} satisfies Prisma.AccountSelect;

export type HandoffAccount = Prisma.AccountGetPayload<{ select: typeof HANDOFF_ACCOUNT_SELECT }>;

export async function loadHandoffAccount(
  tx: Tx,
  organizationId: string,
  accountId: string,
  o: { lock: boolean } = { lock: true },
): Promise<HandoffAccount> {
  const found = o.lock
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Account" WHERE "id" = ${accountId} AND "organizationId" = ${organizationId} FOR UPDATE`
    : await tx.account.findMany({ where: { id: accountId, organizationId }, select: { id: true } });
  if (found.length === 0) throw new AppError('not_found', 'that account does not exist (any more).');
  // One relation per query: Prisma reads several relations of one row at once, which a transaction's single
  // connection can only take one after the other.
  const { csm, ae, organization, handoff, ...account } = HANDOFF_ACCOUNT_SELECT;
  const row = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: account });
  const users = { csm: csm.select, ae: ae.select };
  return {
    ...row,
    organization: await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: organization.select,
    }),
    csm: row.csmId ? await tx.user.findUnique({ where: { id: row.csmId }, select: users.csm }) : null,
    ae: row.aeId ? await tx.user.findUnique({ where: { id: row.aeId }, select: users.ae }) : null,
    handoff: await tx.handoff.findUnique({ where: { accountId }, select: handoff.select }),
  };
}

/** "already submitted by Alex Kim on 24 Nov 2026 at 10:00 UTC": the polite refusal of a second handoff. */
export function alreadySubmitted(account: HandoffAccount): AppError | null {
  const h = account.handoff;
  if (!h?.submittedAt) return null;
  const when = h.submittedAt.toISOString().slice(0, 16).replace('T', ' at ');
  const who = h.submittedBy?.name ?? 'someone';
  return new AppError(
    'conflict',
    `the handoff for ${account.name} was already submitted by ${who} on ${when} UTC; thank you, nothing more is needed.`,
  );
}

/** An AE who can use Thread in Slack (a member of the organisation there), who is asked by DM rather than email. */
export function aeInSlack(ae: HandoffAccount['ae']): ae is NonNullable<HandoffAccount['ae']> & { slackUserId: string } {
  return ae !== null && ae.slackUserId !== null && ae.addedAt !== null;
}
