import { claimEvent } from '../../services/events/claim-event';
import { releaseEvent } from '../../services/events/release-event';
import type { SlackDeps } from '../deps';
import type { SlackStep } from './step';

/**
 * Slack redelivers an Events API event (with X-Slack-Retry-Num) when it did not see the acknowledgement in time,
 * or delivers it twice on its own. Bolt acknowledges events before any middleware runs, so every copy gets its
 * 200; this middleware lets only the first copy of an event id through to the listeners. A failed run gives the
 * claim back, so a later retry can do the work. Slash commands and interactions carry no event id and pass.
 */
export function dedupeEvents(deps: SlackDeps): SlackStep {
  return async ({ body, context }, next) => {
    const eventId = 'event_id' in body && body.type === 'event_callback' ? body.event_id : undefined;
    if (typeof eventId !== 'string' || eventId === '') return next();
    if (!(await claimEvent(deps.ctx, { source: 'slack', eventId }))) {
      deps.logger.debug(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        'Slack event already processed: skipped',
      );
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseEvent(deps.ctx, { source: 'slack', eventId }).catch((e) =>
        deps.logger.error({ err: e, eventId }, 'could not release a Slack event claim'),
      );
      throw error;
    }
  };
}
