import type { App } from '@slack/bolt';
import { blockMilestone } from '../../../services/milestones/block-milestone';
import { completeMilestone } from '../../../services/milestones/complete-milestone';
import { startMilestone } from '../../../services/milestones/start-milestone';
import { unblockMilestone } from '../../../services/milestones/unblock-milestone';
import { mrkdwnSection, plain } from '../../blocks/text';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { inputValue, readMetadata } from './view-input';

/**
 * Confirms a milestone change. A missing note or reason is an inline error; any other refusal replaces the modal
 * with the reason (a Start modal has no field to attach it to).
 */
export function registerMilestoneSubmit(app: App, deps: SlackDeps): void {
  app.view(VIEWS.milestoneChange, async ({ ack, body, view }) => {
    const meta = readMetadata(view);
    const note = inputValue(view, FIELDS.note);
    const reason = inputValue(view, FIELDS.reason);
    const hasReason = view.blocks.some((b) => b.block_id === FIELDS.reason);
    if (meta.change === 'block' && !note) {
      await ack({
        response_action: 'errors',
        errors: { [FIELDS.note]: 'Say what the milestone is waiting on; the customer sees it.' },
      });
      return;
    }
    if (meta.change === 'complete' && hasReason && !reason) {
      await ack({
        response_action: 'errors',
        errors: { [FIELDS.reason]: 'Actions are still open: give a reason to complete it anyway.' },
      });
      return;
    }
    let accountId: string;
    try {
      const actor = await actorOf(deps, body);
      const base = { organizationId: actor.organizationId, milestoneId: meta.id, actor };
      switch (meta.change) {
        case 'start':
          accountId = (await startMilestone(deps.ctx, base)).accountId;
          break;
        case 'complete':
          accountId = (await completeMilestone(deps.ctx, { ...base, overrideReason: reason || undefined })).accountId;
          break;
        case 'block':
          accountId = (await blockMilestone(deps.ctx, { ...base, note })).accountId;
          break;
        default:
          accountId = (await unblockMilestone(deps.ctx, { ...base, reason: reason || undefined })).accountId;
      }
    } catch (error) {
      await ack({
        response_action: 'update',
        view: {
          type: 'modal',
          title: plain('Not done', 24),
          close: plain('Close', 24),
          blocks: [mrkdwnSection(errorText(error, deps.logger))],
        },
      } as never);
      return;
    }
    await ack();
    await deps.notifier
      .accountChanged(accountId)
      .catch((error) => deps.logger.error({ err: error }, 'could not refresh App Home'));
  });
}
