import type { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError, isAppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { readRiskSuggestion } from '../json/stored-json';
import { loadActingPerson, type actingPersonSchema } from '../people/acting-person';

export interface RiskSuggestionSettlement {
  organizationId: string;
  accountId: string;
  actor: z.output<typeof actingPersonSchema>;
  at: Date;
  /** The CSM's answer, as the "nothing to …" sentence names it. */
  answer: 'confirm' | 'dismiss';
  /** Confirming changes the status, so it also needs the account still active. */
  whileStatus?: 'active';
  /**
   * What the answer writes besides clearing the suggestion; as a function, it is given the suggestion's reason
   * codes, sorted (none when the stored suggestion cannot be read).
   */
  data: Prisma.AccountUpdateManyMutationInput | ((reasonCodes: string[]) => Prisma.AccountUpdateManyMutationInput);
  audit: { from?: string; to?: string; reason: string };
}

/**
 * The shared step of confirming or dismissing Thread's at-risk suggestion, in one transaction: only the account's
 * CSM or an admin may answer, there must be one, the account changes only if the suggestion is still the one read
 * (a second click, or the scheduler withdrawing it meanwhile, changes nothing), and the suggested reasons go on the
 * audit trail.
 */
export async function settleRiskSuggestion(ctx: ServiceContext, s: RiskSuggestionSettlement): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { id: s.accountId, organizationId: s.organizationId },
      select: { name: true, csmId: true, status: true, riskSuggestion: true, riskSuggestedAt: true },
    });
    if (!account) throw new AppError('not_found', 'that account does not exist.');
    const person = await loadActingPerson(tx, s.organizationId, s.actor);
    const acting = { userId: person.userId ?? '', role: person.role };
    if (!canManageAccount(acting, account)) {
      throw new AppError('forbidden', accountRefusal(acting, account, `${s.answer} its at-risk suggestion`));
    }
    if (account.riskSuggestedAt === null || (s.whileStatus !== undefined && account.status !== s.whileStatus)) {
      throw new AppError('conflict', `there is no at-risk suggestion on this account to ${s.answer}`);
    }
    const data =
      typeof s.data === 'function' ? s.data(suggestedCodes(ctx, account.riskSuggestion, s.accountId)) : s.data;
    const updated = await tx.account.updateMany({
      where: {
        id: s.accountId,
        riskSuggestedAt: account.riskSuggestedAt,
        ...(s.whileStatus !== undefined ? { status: s.whileStatus } : {}),
      },
      data: { ...data, riskSuggestion: Prisma.DbNull, riskSuggestedAt: null },
    });
    if (updated.count === 0) throw new AppError('conflict', 'the at-risk suggestion changed meanwhile; look again');
    await recordAuditEvent(tx, {
      organizationId: s.organizationId,
      accountId: s.accountId,
      entityType: 'account',
      entityId: s.accountId,
      actor: person.auditActor,
      from: s.audit.from,
      to: s.audit.to,
      reason: s.audit.reason,
      data: { suggestion: account.riskSuggestion },
      at: s.at,
    });
  });
}

function suggestedCodes(ctx: ServiceContext, value: unknown, accountId: string): string[] {
  try {
    return (readRiskSuggestion(value, accountId)?.reasons ?? []).map((r) => r.code).sort();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'internal') throw error;
    ctx.logger.warn(
      { err: error, accountId },
      'settling an at-risk suggestion stored in a shape this version does not read',
    );
    return [];
  }
}
