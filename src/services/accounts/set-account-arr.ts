import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema, authorizeAccountChange } from '../permissions/authorize-account-change';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: accountActorSchema,
  accountId: z.string().min(1),
  arr: z.number().int('ARR is a whole amount').min(0, 'ARR cannot be negative').max(1_000_000_000_000),
  /** Why, for the audit trail (e.g. "the AE's handoff gives 48,000 USD"). */
  reason: z.string().trim().max(500).optional(),
});

export interface SetAccountArr {
  accountId: string;
  arr: number;
  previousArr: number;
  changed: boolean;
}

/** Changes an account's ARR (its CSM or an admin). Audited with the old and new amounts. */
export async function setAccountArr(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<SetAccountArr> {
  const o = parseOptions(optionsSchema, input);
  return ctx.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; name: string; csmId: string | null; arr: number }[]>`
      SELECT "id", "name", "csmId", "arr" FROM "Account"
      WHERE "id" = ${o.accountId} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
    const account = rows[0];
    if (!account) throw new AppError('not_found', 'that account does not exist.');
    const person = await authorizeAccountChange(tx, {
      organizationId: o.organizationId,
      actor: o.actor,
      account,
      doing: "change the account's ARR",
    });
    const result = { accountId: account.id, arr: o.arr, previousArr: account.arr, changed: account.arr !== o.arr };
    if (!result.changed) return result;
    await tx.account.update({ where: { id: account.id }, data: { arr: o.arr } });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      actor: person.auditActor,
      from: String(account.arr),
      to: String(o.arr),
      reason: o.reason ? `ARR changed: ${o.reason}` : 'ARR changed',
      data: { setting: 'arr' },
      at: ctx.now(),
    });
    return result;
  });
}
