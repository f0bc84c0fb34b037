import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { checkChurnReason, isAccountStatus, type AccountStatus } from '../../domain/account-state';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, loadActingPerson } from '../people/acting-person';
import { transitionAccount } from './transition-account';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: actingPersonSchema,
  /** Why the customer left; required, shown on the account card. */
  reason: z.string(),
});

/**
 * The account's CSM (or an admin) records that the customer left: the account is churned with the reason and the
 * time, its at-risk suggestion is dropped, and the scheduler does nothing more for it (no firing, reminders,
 * digest lines or at-risk suggestions). An admin can reopen it. Audited.
 */
export async function markAccountChurned(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ accountId: string; from: AccountStatus; status: 'churned'; reason: string }> {
  const o = parseOptions(optionsSchema, input);
  const reason = checkChurnReason(o.reason);
  if (!reason.ok) throw fieldError('reason', reason.message);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { id: o.accountId, organizationId: o.organizationId },
      select: { id: true, name: true, organizationId: true, status: true, csmId: true },
    });
    if (!account || !isAccountStatus(account.status)) throw new AppError('not_found', 'that account does not exist.');
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    const acting = { userId: person.userId ?? '', role: person.role };
    if (!canManageAccount(acting, account)) {
      throw new AppError('forbidden', accountRefusal(acting, account, 'mark it churned'));
    }
    const { from } = await transitionAccount(tx, {
      account: { ...account, status: account.status },
      event: 'churn',
      data: { churnReason: reason.value, churnedAt: now, riskSuggestion: Prisma.DbNull, riskSuggestedAt: null },
      actor: person.auditActor,
      reason: `churned: ${reason.value}`,
      at: now,
    });
    return { accountId: account.id, from, status: 'churned' as const, reason: reason.value };
  });
}
