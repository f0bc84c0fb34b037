/**
 * The frame both decisions on a finding run in: one transaction that locks the account (the same lock the check and
 * every plan or contact change take first, so they never interleave), re-reads the finding, lets only the account's
 * CSM or an admin through, and records who decided what. A finding already decided is returned as it stands, so a
 * second click (or a colleague's) changes nothing.
 */
import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import type { ActingPerson } from '../people/acting-person';
import { authorizeAccountChange, type accountActorSchema } from '../permissions/authorize-account-change';
import { serviceContextIn } from '../transaction-context';
import {
  HANDOFF_FINDING_SELECT,
  readFindingSuggestion,
  toHandoffFindingView,
  type HandoffFindingView,
} from './handoff-finding-view';
import type { FindingSuggestion } from '../../domain/handoff-checks';

export interface FindingDecision {
  finding: HandoffFindingView;
  /** True when it was already decided (by this person or another) and nothing changed now. */
  alreadyDecided: boolean;
}

export interface DecideOptions {
  organizationId: string;
  actor: z.output<typeof accountActorSchema>;
  findingId: string;
  decision: 'accepted' | 'dismissed';
  /** What accepting does, inside the transaction; returns the outcome in words. Dismissing does nothing more. */
  apply?: (
    ctx: ServiceContext,
    o: { accountId: string; suggestion: FindingSuggestion; person: ActingPerson },
  ) => Promise<string>;
  note?: string;
}

export async function decideHandoffFinding(ctx: ServiceContext, o: DecideOptions): Promise<FindingDecision> {
  const now = ctx.now();
  const verb = o.decision === 'accepted' ? 'accept' : 'dismiss';
  return ctx.prisma.$transaction(async (tx) => {
    const owner = await tx.handoffFinding.findFirst({
      where: { id: o.findingId, account: { organizationId: o.organizationId } },
      select: { accountId: true },
    });
    if (!owner)
      throw new AppError('not_found', 'that finding no longer exists; the handoff may have been checked again.');
    const rows = await tx.$queryRaw<{ id: string; name: string; csmId: string | null }[]>`
      SELECT "id", "name", "csmId" FROM "Account" WHERE "id" = ${owner.accountId} FOR UPDATE`;
    const account = rows[0];
    if (!account) throw new AppError('not_found', 'that account does not exist (any more).');
    const person = await authorizeAccountChange(tx, {
      organizationId: o.organizationId,
      actor: o.actor,
      account,
      doing: `${verb} findings of its handoff`,
    });
    // Read again under the lock: a re-run of the check may have replaced it meanwhile.
    const row = await tx.handoffFinding.findUnique({ where: { id: o.findingId }, select: HANDOFF_FINDING_SELECT });
    if (!row)
      throw new AppError('not_found', 'that finding no longer exists; the handoff was checked again meanwhile.');
    if (row.status !== 'open') return { finding: toHandoffFindingView(row), alreadyDecided: true };

    const suggestion = readFindingSuggestion(row.suggestion, row.id);
    const outcome = o.apply
      ? await o.apply(serviceContextIn(ctx, tx), { accountId: account.id, suggestion, person })
      : null;
    const decided = await tx.handoffFinding.update({
      where: { id: row.id },
      data: { status: o.decision, decidedById: person.userId, decidedAt: now, outcome },
      select: HANDOFF_FINDING_SELECT,
    });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: account.id,
      entityType: 'handoff_finding',
      entityId: row.id,
      actor: person.auditActor,
      from: 'open',
      to: o.decision,
      reason: outcome ?? (o.note ? `dismissed: ${o.note}` : 'dismissed'),
      data: { rule: row.rule, source: row.source, message: row.message, suggestion },
      at: now,
    });
    return { finding: toHandoffFindingView(decided), alreadyDecided: false };
  });
}
