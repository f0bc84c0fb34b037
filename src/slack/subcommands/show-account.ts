import { canManageAccount } from '../../domain/roles';
import { getAccountOverview } from '../../services/accounts/get-account-overview';
import { getHandoffSummary } from '../../services/accounts/get-handoff-summary';
import { getTimeline } from '../../services/accounts/get-timeline';
import { listReviewQueue } from '../../services/review/list-review-queue';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { getAccountMetrics } from '../../services/metrics/get-account-metrics';
import { listAccountFigures } from '../../services/metrics/list-account-figures';
import { buildAccountCard } from '../blocks/account-card';
import { buildAccountFiguresList, buildAccountMetrics } from '../blocks/account-metrics';
import { buildHandoffSummary } from '../blocks/handoff-summary';
import { handoffFindingBlocks } from '../blocks/handoff-findings';
import { listHandoffFindings } from '../../services/handoff/list-handoff-findings';
import { buildReviewQueue } from '../blocks/review-queue';
import { buildTimeline } from '../blocks/timeline';
import type { SlackMessage } from '../blocks/slack-message';
import type { SlackDeps } from '../deps';
import { showPlan } from './show-plan';

export type AccountView = 'account' | 'timeline' | 'review' | 'handoff' | 'plan' | 'metrics';

/** The account views a command, a pick list or a button leads to. */
export async function showAccountView(
  deps: SlackDeps,
  actor: SlackActor,
  view: AccountView,
  accountId?: string,
): Promise<SlackMessage> {
  const organizationId = actor.organizationId;
  if (view === 'review' && !accountId) {
    // Without an account: the CSM's own queue; an admin sees everyone's.
    return buildReviewQueue(
      await listReviewQueue(deps.ctx, { organizationId, csmUserId: actor.role === 'admin' ? undefined : actor.userId }),
    );
  }
  if (view === 'metrics' && !accountId) {
    return buildAccountFiguresList(await listAccountFigures(deps.ctx, { organizationId, csmUserId: actor.userId }));
  }
  if (!accountId) throw new Error('an account is needed for this view');
  if (view === 'metrics') return buildAccountMetrics(await getAccountMetrics(deps.ctx, { organizationId, accountId }));
  if (view === 'account') return buildAccountCard(await getAccountOverview(deps.ctx, { organizationId, accountId }));
  if (view === 'plan') return showPlan(deps, actor, accountId);
  if (view === 'timeline') return buildTimeline(await getTimeline(deps.ctx, { organizationId, accountId }));
  if (view === 'handoff') {
    const h = await getHandoffSummary(deps.ctx, { organizationId, accountId });
    // Offered to those the service lets fill it in: the AE, the CSM, an admin.
    const canFill = actor.role === 'admin' || actor.userId === h.aeUserId || actor.userId === h.csmUserId;
    const findings = h.state === 'submitted' ? await listHandoffFindings(deps.ctx, { organizationId, accountId }) : [];
    return buildHandoffSummary(h, { canFill, findings: handoffFindingBlocks(findings) });
  }
  const queue = await listReviewQueue(deps.ctx, { organizationId, accountId });
  // "Start now" is offered only to those who may start the account's actions (the service checks again).
  return buildReviewQueue({ ...queue, toStart: queue.toStart.filter((a) => canManageAccount(actor, a)) });
}
