import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { addHandoffQuestion } from '../../../services/handoff/add-handoff-question';
import { updateHandoffQuestion } from '../../../services/handoff/update-handoff-question';
import { QUESTION_REQUIRED_VALUE } from '../../blocks/handoff-questions-modal';
import { escapeMrkdwn } from '../../blocks/text';
import type { SlackDeps } from '../../deps';
import { HANDOFF_QUESTION_FIELDS as F, VIEWS } from '../../ids';
import { handoffQuestionsScreen } from '../../subcommands/handoff-questions-screen';
import { actorOf } from '../interaction';
import { readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';
import { inputValue, selectedValue } from './view-input';

const metadataSchema = z.object({ questionId: z.string().min(1).optional() });

/** The services' field names (plain, and inside `question`) → the editor's blocks. */
const BLOCK_OF_FIELD: Record<string, string> = Object.fromEntries(
  Object.entries(F).flatMap(([field, block]) => [
    [field, block],
    [`question.${field}`, block],
  ]),
);

/**
 * Adds or saves a question from the editor. Each refused field shows under its input and nothing changes; once
 * saved, the editor closes and the list under it shows the change.
 */
export function registerHandoffQuestionSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.handoffQuestionEdit, async ({ ack, body, view, client }) => {
    let notice: string;
    try {
      const meta = readModalMetadata(view, metadataSchema);
      const actor = await actorOf(deps, body);
      const ticked = view.state.values[F.required]?.[F.required]?.selected_options ?? [];
      const question = {
        label: inputValue(view, F.label),
        kind: selectedValue(view, F.kind),
        required: ticked.some((o) => o.value === QUESTION_REQUIRED_VALUE),
        options: inputValue(view, F.options).split('\n'),
        helpText: inputValue(view, F.helpText) || null,
        crmProperty: inputValue(view, F.crmProperty) || null,
      };
      const saved = meta.questionId
        ? await updateHandoffQuestion(deps.ctx, {
            organizationId: actor.organizationId,
            actor,
            questionId: meta.questionId,
            question,
          })
        : await addHandoffQuestion(deps.ctx, {
            organizationId: actor.organizationId,
            actor,
            question: { ...question, key: inputValue(view, F.key) || undefined },
          });
      notice = `:white_check_mark: ${meta.questionId ? 'Saved' : 'Added'} *${escapeMrkdwn(saved.label)}*.`;
    } catch (error) {
      await ack(viewFailure(view, error, deps.logger, { title: 'Not saved', blockOfField: BLOCK_OF_FIELD }));
      return;
    }
    await ack();
    // The list under the editor (the view it was pushed from) shows the change.
    const under = body.view.previous_view_id;
    if (!under) return;
    await client.views
      .update({ view_id: under, view: await handoffQuestionsScreen(deps, await actorOf(deps, body), notice) })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'question saved, but the list was not refreshed'));
  });
}
