import { z } from 'zod';
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountFigures, type AccountFigures } from './account-figures';
import { loadAccountRecords } from './load-account-record';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** The CSM whose running accounts are listed. */
  csmUserId: z.string().min(1),
  limit: z.number().int().min(1).max(50).default(15),
});

export interface AccountFiguresRow extends AccountFigures {
  accountId: string;
  accountName: string;
  status: string;
}

/**
 * `/thread metrics` without an account: the person's running accounts, furthest behind plan first, each with its
 * time to value, whose court and slip.
 */
export async function listAccountFigures(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ rows: AccountFiguresRow[]; more: number }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const where = {
    organizationId: o.organizationId,
    csmId: o.csmUserId,
    status: { in: [...RUNNING_ACCOUNT_STATUSES] },
  };
  const [accounts, total] = await Promise.all([
    ctx.prisma.account.findMany({
      where,
      orderBy: [{ daysBehind: 'desc' }, { name: 'asc' }],
      take: o.limit,
      select: { id: true },
    }),
    ctx.prisma.account.count({ where }),
  ]);
  const loaded = await loadAccountRecords(ctx.prisma, {
    organizationId: o.organizationId,
    accountIds: accounts.map((a) => a.id),
    events: false,
  });
  const rows = loaded.map((l) => ({
    accountId: l.account.id,
    accountName: l.account.name,
    status: l.account.status,
    ...accountFigures(l, now),
  }));
  // The ledger's daysBehind picks which accounts to show (it may be a day old); the order is today's.
  rows.sort((a, b) => b.slip.total - a.slip.total || a.accountName.localeCompare(b.accountName));
  return { rows, more: total - accounts.length };
}
