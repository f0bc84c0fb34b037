/**
 * The slip ledger of one account, rebuilt from its record: which business dates it ran behind its plan and whose
 * each was (domain/slip-attribution.ts), as SlipDay rows replaced as a whole, with Account.daysBehind and
 * slipRefreshedAt. Runs inside the caller's transaction: a milestone change (start, complete, block, unblock), a
 * reopen, or the tick's daily refresh (scheduler/refresh-slip-ledgers.ts).
 */
import type { SlipSummary } from '../../domain/onboarding-clock-types';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { refreshAccountSlips } from './refresh-account-slips';

export interface RefreshedSlip {
  accountId: string;
  daysBehind: number;
  summary: SlipSummary;
}

/** One account's ledger: the batch refresh with a batch of one, so both write the ledger the same way. */
export async function refreshAccountSlip(tx: Tx, o: { accountId: string; now: Date }): Promise<RefreshedSlip> {
  const [refreshed] = await refreshAccountSlips(tx, { accountIds: [o.accountId], now: o.now });
  if (!refreshed) throw new AppError('not_found', 'that account does not exist (any more)');
  return refreshed;
}
