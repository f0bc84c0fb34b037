import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseOptions } from '../errors/parse-options';
import type { ServiceContext } from '../context';

const optionsSchema = z.object({ accountId: z.string().min(1), actor: z.string().min(1), note: z.string().trim().max(500).optional() });

/**
 * The CSM disagrees with Thread's at-risk suggestion: it is removed, the status stays, and the scheduler leaves
 * the account alone for a while (services/scheduler/suggest-at-risk.ts). The reasons and the CSM's note are kept
 * on the audit trail.
 */
export async function dismissRiskSuggestion(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ accountId: string }> {
  const options = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: options.accountId }, select: { organizationId: true, riskSuggestion: true, riskSuggestedAt: true } });
    if (!account) throw new AppError('not_found', `account ${options.accountId} does not exist`);
    if (account.riskSuggestedAt === null) throw new AppError('conflict', 'there is no at-risk suggestion on this account to dismiss');
    const updated = await tx.account.updateMany({
      where: { id: options.accountId, riskSuggestedAt: account.riskSuggestedAt },
      data: { riskSuggestion: Prisma.DbNull, riskSuggestedAt: null, riskDismissedAt: now },
    });
    if (updated.count === 0) throw new AppError('conflict', 'the at-risk suggestion changed meanwhile; look again');
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: options.accountId,
      entityType: 'account',
      entityId: options.accountId,
      actor: options.actor,
      reason: options.note ? `at-risk suggestion dismissed: ${options.note}` : 'at-risk suggestion dismissed',
      data: { suggestion: account.riskSuggestion as Prisma.InputJsonValue },
      at: now,
    });
    return { accountId: options.accountId };
  });
}
