import type { ServiceContext } from '../context';
import { csmTakesDigest } from '../notifications/csm-takes-digest';
import type { PortalAnswerReceived } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';

/**
 * Tells the CSM after the answer is committed: the answer's card in the CSM channel, unless the CSM takes their
 * cards in the morning digest (App Home then lists the answer with Acknowledge and Follow up, and so does the digest).
 * The action's own card and everyone's App Home are refreshed either way.
 *
 * The customer's part is done and saved by then, so a Slack outage must not turn their submission into an error
 * page: the failure is logged for the operator, and the answer is still on the action (its card refreshes from the
 * record on the next change).
 */
export async function notifyPortalAnswer(
  ctx: ServiceContext,
  notifier: Notifier,
  answer: PortalAnswerReceived,
): Promise<void> {
  const results = await Promise.allSettled([
    csmTakesDigest(ctx, answer.accountId).then((held) => (held ? undefined : notifier.portalAnswerReceived(answer))),
    notifier.actionChanged(answer.actionId),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') {
      ctx.logger.error(
        { err: result.reason, accountId: answer.accountId, actionId: answer.actionId },
        'could not tell the CSM about a portal answer',
      );
    }
  }
}
