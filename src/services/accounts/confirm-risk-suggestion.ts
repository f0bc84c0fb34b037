import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseOptions } from '../errors/parse-options';
import type { ServiceContext } from '../context';

const optionsSchema = z.object({ accountId: z.string().min(1), actor: z.string().min(1) });

/**
 * The CSM agrees with Thread's at-risk suggestion: the account becomes at_risk, with the suggested reasons
 * kept on the audit trail. Refused when there is no suggestion to confirm (already confirmed, dismissed or
 * withdrawn meanwhile), so a second click changes nothing.
 */
export async function confirmRiskSuggestion(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ accountId: string; status: 'at_risk' }> {
  const options = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: options.accountId }, select: { organizationId: true, status: true, riskSuggestion: true, riskSuggestedAt: true } });
    if (!account) throw new AppError('not_found', `account ${options.accountId} does not exist`);
    if (account.riskSuggestedAt === null || account.status !== 'active') throw new AppError('conflict', 'there is no at-risk suggestion on this account to confirm');
    const updated = await tx.account.updateMany({
      where: { id: options.accountId, status: 'active', riskSuggestedAt: account.riskSuggestedAt },
      data: { status: 'at_risk', riskSuggestion: Prisma.DbNull, riskSuggestedAt: null },
    });
    if (updated.count === 0) throw new AppError('conflict', 'the at-risk suggestion changed meanwhile; look again');
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: options.accountId,
      entityType: 'account',
      entityId: options.accountId,
      actor: options.actor,
      from: 'active',
      to: 'at_risk',
      reason: 'at-risk suggestion confirmed',
      data: { suggestion: account.riskSuggestion as Prisma.InputJsonValue },
      at: now,
    });
    return { accountId: options.accountId, status: 'at_risk' as const };
  });
}
