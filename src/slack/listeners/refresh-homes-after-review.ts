import type { SlackDeps } from '../deps';

/**
 * After a submission is reviewed, App Home is published again for everyone who sees the account, so it leaves their
 * "Customer submissions to review". The review is saved and the person who clicked has seen it by then: a Home that
 * Slack would not take is logged and catches up with the account's next change, rather than calling the review a
 * failure.
 */
export async function refreshHomesAfterReview(deps: SlackDeps, accountId: string): Promise<void> {
  try {
    await deps.notifier.accountChanged(accountId);
  } catch (error) {
    deps.logger.error({ err: error, accountId }, 'App Home not refreshed after a submission review');
  }
}
