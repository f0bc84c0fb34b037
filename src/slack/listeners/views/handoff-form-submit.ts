import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { announceHandoff } from '../../../services/handoff/announce-handoff';
import { getHandoffForm } from '../../../services/handoff/get-handoff-form';
import { saveHandoffStep } from '../../../services/handoff/save-handoff-step';
import { submitHandoff, type SubmittedHandoff } from '../../../services/handoff/submit-handoff';
import { buildHandoffFormStep, handoffSteps, nextStepAction } from '../../blocks/handoff-form-modal';
import { mrkdwnSection, safe } from '../../blocks/text';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { handoffBlockOfField, readHandoffStep } from './handoff-form-input';
import { readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';

const metadataSchema = z.object({ accountId: z.string().min(1), step: z.number().int().min(0) });

/**
 * A step of the handoff modal. Every step but the last is checked and kept for this person, then the next step is
 * pushed (or shown in place once Slack's stack of three views is full); the last submits the whole handoff. A
 * problem shows under its question and nothing of that step is kept; the handoff is written only when all of it is
 * good. Once it is in, the modal closes, the person gets a confirmation, and the CSM the handoff card.
 */
export function registerHandoffFormSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.handoffForm, async ({ ack, body, view, client }) => {
    let submitted: SubmittedHandoff;
    let keys: string[] = [];
    try {
      const meta = readModalMetadata(view, metadataSchema);
      const actor = await actorOf(deps, body);
      const about = { organizationId: actor.organizationId, accountId: meta.accountId, actor };
      const form = await getHandoffForm(deps.ctx, about);
      const steps = handoffSteps(form.questions);
      keys = (steps[meta.step] ?? []).map((q) => q.key);
      const answers = readHandoffStep(view);
      if (meta.step < steps.length - 1) {
        if (keys.length > 0) await saveHandoffStep(deps.ctx, { ...about, keys, answers });
        await ack({ response_action: nextStepAction(meta.step), view: buildHandoffFormStep(form, meta.step + 1) });
        return;
      }
      submitted = await submitHandoff(deps.ctx, { ...about, answers });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, { title: 'Not submitted', blockOfField: handoffBlockOfField(keys) }),
      );
      return;
    }
    await ack({ response_action: 'clear' });
    const plan = submitted.planStarted ? ` The plan has started from ${submitted.kickoffDate}.` : '';
    const text = `:white_check_mark: Thank you: the handoff for *${safe(submitted.accountName, 200)}* is in.${plan}`;
    await client.chat
      .postMessage({
        channel: body.user.id,
        text: `The handoff for ${submitted.accountName} is in.`,
        blocks: [mrkdwnSection(text)],
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'handoff submitted, but the confirmation failed'));
    await announceHandoff(deps.ctx, { notifier: deps.notifier, checkHandoff: deps.workflows.checkHandoff }, submitted);
  });
}
