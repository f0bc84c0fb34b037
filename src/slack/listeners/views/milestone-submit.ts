import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { SLIP_SIDES, type SlipSide } from '../../../domain/onboarding-clock-types';
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
import { hasBlock, inputValue, selectedValue } from './view-input';

/**
 * Confirms a milestone change. A missing note or reason is an inline error; any other refusal replaces the modal
 * with the reason (a Start modal has no field to attach it to).
 */
export function registerMilestoneSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.milestoneChange, async ({ ack, body, view }) => {
    const note = inputValue(view, FIELDS.note);
    const reason = inputValue(view, FIELDS.reason);
    const chosen = selectedValue(view, FIELDS.blockCause);
    const cause = SLIP_SIDES.find((s): s is SlipSide => s === chosen);
    // Only the Block modal has a note field and a cause, and a Complete modal asks for a reason only when actions
    // are open.
    const missing: Record<string, string> = {};
    if (hasBlock(view, FIELDS.note) && !note) {
      missing[FIELDS.note] = 'Say what the milestone is waiting on; the customer sees it.';
    }
    if (hasBlock(view, FIELDS.blockCause) && !cause) {
      missing[FIELDS.blockCause] = 'Choose whose move it is: the customer, us or a third party.';
    }
    if (Object.keys(missing).length) {
      await ack({ response_action: 'errors', errors: missing });
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
          // A Block modal opened before it asked the cause has no field for it: say so in the modal.
          if (!cause)
            throw new AppError('validation_failed', 'Open Block milestone again and choose whose move it is.');
          accountId = (await blockMilestone(deps.ctx, { ...base, note, cause })).accountId;
          break;
        default:
          accountId = (await unblockMilestone(deps.ctx, { ...base, reason: reason || undefined })).accountId;
      }
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not done',
          blockOfField: {
            note: FIELDS.note,
            cause: FIELDS.blockCause,
            reason: FIELDS.reason,
            overrideReason: FIELDS.reason,
          },
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
