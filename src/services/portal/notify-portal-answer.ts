import type { ServiceContext } from '../context';
import type { NotificationMessage, Notifier } from '../notifications/notifier-port';

/**
 * Tells the CSM after the answer is committed. The customer's part is done and saved by then, so a Slack outage
 * must not turn their submission into an error page: the failure is logged for the operator, and the answer is
 * still on the action (its card refreshes from the record on the next change).
 */
export async function notifyPortalAnswer(
  ctx: ServiceContext,
  notifier: Notifier,
  options: { accountId: string; actionId: string; message: NotificationMessage },
): Promise<void> {
  const results = await Promise.allSettled([
    notifier.notifyAccountChannel(options.accountId, options.message),
    notifier.actionChanged(options.actionId),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') {
      ctx.logger.error(
        { err: result.reason, accountId: options.accountId, actionId: options.actionId },
        'could not tell the CSM about a portal answer',
      );
    }
  }
}
