import { z } from 'zod';
import { accountMetrics, type AccountMetrics } from '../../domain/account-metrics';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountFigures, type AccountFigures } from './account-figures';
import { loadAccountRecord } from './load-account-record';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface AccountMetricsView extends AccountFigures {
  accountId: string;
  accountName: string;
  status: string;
  /** Time to value, milestone velocity, how the customer answers what is sent, engagement. */
  metrics: AccountMetrics;
}

/** `/thread metrics <account>` and the card's Metrics button: one account's numbers, from its record. */
export async function getAccountMetrics(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<AccountMetricsView> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const loaded = await loadAccountRecord(ctx.prisma, { organizationId: o.organizationId, accountId: o.accountId });
  return {
    accountId: loaded.account.id,
    accountName: loaded.account.name,
    status: loaded.account.status,
    metrics: accountMetrics(loaded.record, now, loaded.calendar),
    ...accountFigures(loaded, now),
  };
}
