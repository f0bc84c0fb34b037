import type { ServiceContext } from '../context';
import type { ExecutionDeps } from './ports';

/**
 * Refreshes the review card and App Home after a change is committed. The change stands whatever Slack says: a
 * card that failed to refresh is refreshed on the next change or opened fresh, so a Slack hiccup must not turn a
 * completed send into a reported failure (the CSM would click Retry and send twice).
 */
export async function notifyQuietly(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  actionId: string,
  accountId: string,
): Promise<void> {
  try {
    await deps.notifier.actionChanged(actionId);
    await deps.notifier.accountChanged(accountId);
  } catch (error) {
    ctx.logger.warn({ actionId, err: error }, 'could not refresh the review card after a change');
  }
}

/**
 * A sent portal request is also posted in the account's customer channel (the notifier posts it once, under a claim).
 * The request went out by email either way, so Slack refusing the post must not make the send look failed.
 */
export async function postInCustomerChannel(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  actionId: string,
): Promise<void> {
  try {
    await deps.notifier.portalRequestSent(actionId);
  } catch (error) {
    ctx.logger.warn({ actionId, err: error }, 'could not post the portal request in the customer channel');
  }
}
