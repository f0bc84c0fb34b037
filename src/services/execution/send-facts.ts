/**
 * What deciding whether actions may be sent needs besides the actions themselves, read once for any number of
 * them: the organisation's approval rule, and the sender customer email goes out as (each account's CSM).
 */
import type { ApprovalRule } from '../../domain/approval-rule';
import type { CustomerEmailSender } from '../../domain/person-profile';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { senderOrRefusal } from '../people/get-customer-email-sender';
import type { ActionForExecution } from './load-action-for-execution';

export interface SendFacts {
  rule: ApprovalRule;
  /** The CSM's sender, or why customer email cannot go out as them (getCustomerEmailSender's refusals). */
  senderOf(userId: string): CustomerEmailSender | AppError;
}

const SENDS_CUSTOMER_EMAIL = new Set(['email', 'portal_form', 'portal_document']);

export async function loadSendFacts(
  ctx: ServiceContext,
  organizationId: string,
  actions: readonly ActionForExecution[],
): Promise<SendFacts> {
  const rule = await ctx.prisma.organization.findUnique({
    where: { id: organizationId },
    select: { executionNeedsApproval: true, approverMustDiffer: true },
  });
  if (!rule) throw new AppError('not_found', 'that organisation does not exist in Thread.');
  const csmIds = [
    ...new Set(actions.flatMap((a) => (a.account.csmId && SENDS_CUSTOMER_EMAIL.has(a.type) ? [a.account.csmId] : []))),
  ];
  const users =
    csmIds.length === 0
      ? []
      : await ctx.prisma.user.findMany({
          where: { id: { in: csmIds }, organizationId },
          select: { id: true, name: true, email: true, replyToEmail: true },
        });
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    rule,
    senderOf: (userId) => senderOrRefusal(userId, byId.get(userId) ?? null),
  };
}
