import type { App, ViewSubmitAction } from '@slack/bolt';
import { AppError } from '../../../lib/errors';
import { blockMilestone } from '../../../services/milestones/block-milestone';
import { completeMilestone } from '../../../services/milestones/complete-milestone';
import { startMilestone } from '../../../services/milestones/start-milestone';
import { unblockMilestone } from '../../../services/milestones/unblock-milestone';
import type { SlackDeps } from '../../deps';
import { FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { readModalMetadata, recordModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { hasBlock, inputValue } from './view-input';

/**
 * Confirms a milestone change. A missing note or reason is an inline error; any other refusal replaces the modal
 * with the reason (a Start modal has no field to attach it to).
 */
export function registerMilestoneSubmit(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.milestoneChange, async ({ ack, body, view }) => {
    const note = inputValue(view, FIELDS.note);
    const reason = inputValue(view, FIELDS.reason);
    // Only the Block modal has a note field, and a Complete modal asks for a reason only when actions are open.
    if (hasBlock(view, FIELDS.note) && !note) {
      await ack({
        response_action: 'errors',
        errors: { [FIELDS.note]: 'Say what the milestone is waiting on; the customer sees it.' },
      });
      return;
    }
    let accountId: string;
    try {
      const meta = readModalMetadata(view, recordModalMetadata);
      if (meta.change === 'complete' && hasBlock(view, FIELDS.reason) && !reason) {
        const message = 'Actions are still open: give a reason to complete it anyway.';
        throw new AppError('validation_failed', message, { fields: [{ field: 'overrideReason', message }] });
      }
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
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not done',
          blockOfField: { note: FIELDS.note, reason: FIELDS.reason, overrideReason: FIELDS.reason },
        }),
      );
      return;
    }
    await ack();
    await deps.notifier
      .accountChanged(accountId)
      .catch((error) => deps.logger.error({ err: error }, 'could not refresh App Home'));
  });
}
