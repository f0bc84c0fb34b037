import { z } from 'zod';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, loadActingPerson } from '../people/acting-person';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: actingPersonSchema,
});

/**
 * "Back on track": the account's CSM (or an admin) clears a confirmed at-risk status, and the account is active
 * again. Only an at-risk account can be put back, so a second click changes nothing. Audited.
 */
export async function clearAtRisk(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ accountId: string; status: 'active' }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  await ctx.prisma.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { id: o.accountId, organizationId: o.organizationId },
      select: { name: true, csmId: true, status: true },
    });
    if (!account) throw new AppError('not_found', 'that account does not exist.');
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    const acting = { userId: person.userId ?? '', role: person.role };
    if (!canManageAccount(acting, account)) {
      throw new AppError('forbidden', accountRefusal(acting, account, 'put it back on track'));
    }
    const updated = await tx.account.updateMany({
      where: { id: o.accountId, status: 'at_risk' },
      data: { status: 'active' },
    });
    if (updated.count === 0) {
      throw new AppError('conflict', `${account.name} is not at risk (it is ${account.status.replace('_', ' ')}).`);
    }
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: o.accountId,
      entityType: 'account',
      entityId: o.accountId,
      actor: person.auditActor,
      from: 'at_risk',
      to: 'active',
      reason: 'back on track',
      at: now,
    });
  });
  return { accountId: o.accountId, status: 'active' };
}
