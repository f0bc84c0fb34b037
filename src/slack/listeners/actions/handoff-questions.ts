import type { BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { AppError } from '../../../lib/errors';
import { listHandoffQuestions } from '../../../services/handoff/list-handoff-questions';
import { moveHandoffQuestion } from '../../../services/handoff/move-handoff-question';
import { removeHandoffQuestion } from '../../../services/handoff/remove-handoff-question';
import { assertCapability } from '../../../services/people/acting-person';
import { buildHandoffQuestionEditor } from '../../blocks/handoff-questions-modal';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import { escapeMrkdwn } from '../../blocks/text';
import type { SlackDeps } from '../../deps';
import { errorText } from '../../error-text';
import { ACTIONS } from '../../ids';
import { handoffQuestionsScreen } from '../../subcommands/handoff-questions-screen';
import { actorOf } from '../interaction';

const menuSchema = z.tuple([z.enum(['edit', 'up', 'down', 'remove']), z.string().min(1)]);

/** Whether the click was inside a modal: then the screen is pushed onto it, else it opens as a modal of its own. */
function inModal(body: BlockAction): boolean {
  return body.view?.type === 'modal';
}

/**
 * The Handoff questions screen: its button in Settings (pushed onto the Settings modal) and on App Home (opened),
 * the "…" menu beside each question (Edit pushes the editor; Move up, Move down and Remove change the list at once
 * and show it again), and Add a question. The services decide who may; a refusal is shown in the screen itself.
 */
export function registerHandoffQuestions(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.handoffQuestionsOpen, async ({ ack, body, client }) => {
    await ack();
    const show = (view: Parameters<typeof client.views.open>[0]['view']) =>
      inModal(body)
        ? client.views.push({ trigger_id: body.trigger_id, view })
        : client.views.open({ trigger_id: body.trigger_id, view });
    try {
      await show(await handoffQuestionsScreen(deps, await actorOf(deps, body)));
    } catch (error) {
      await show(buildRefusalModal('Handoff questions', errorText(error, deps.logger)));
    }
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.handoffQuestionAdd, async ({ ack, body, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      assertCapability({ ...actor, auditActor: actor.userId }, 'manage_settings', 'change the handoff questions');
      await client.views.push({ trigger_id: body.trigger_id, view: buildHandoffQuestionEditor() });
    } catch (error) {
      await client.views.push({
        trigger_id: body.trigger_id,
        view: buildRefusalModal('Handoff questions', errorText(error, deps.logger)),
      });
    }
  });

  app.action<BlockAction<OverflowAction>>(ACTIONS.handoffQuestionMenu, async ({ ack, body, action, client }) => {
    await ack();
    const viewId = body.view?.id;
    let notice: string;
    try {
      const parsed = menuSchema.safeParse(action.selected_option.value.split(':'));
      if (!parsed.success) throw new AppError('form_out_of_date', 'open the handoff questions again.');
      const [verb, questionId] = parsed.data;
      const actor = await actorOf(deps, body);
      const about = { organizationId: actor.organizationId, actor, questionId };
      if (verb === 'edit') {
        assertCapability({ ...actor, auditActor: actor.userId }, 'manage_settings', 'change the handoff questions');
        const question = (await listHandoffQuestions(deps.ctx, { organizationId: actor.organizationId })).find(
          (q) => q.id === questionId,
        );
        if (!question) throw new AppError('not_found', 'that question was removed meanwhile; open the list again.');
        await client.views.push({ trigger_id: body.trigger_id, view: buildHandoffQuestionEditor(question) });
        return;
      }
      if (verb === 'remove') {
        const removed = await removeHandoffQuestion(deps.ctx, about);
        notice = `:white_check_mark: Removed *${escapeMrkdwn(removed.label)}*. The answers past handoffs gave it are kept.`;
      } else {
        await moveHandoffQuestion(deps.ctx, { ...about, direction: verb });
        notice = `:white_check_mark: Moved ${verb}.`;
      }
    } catch (error) {
      notice = `:warning: ${errorText(error, deps.logger)}`;
    }
    if (!viewId) return;
    await client.views.update({
      view_id: viewId,
      view: await handoffQuestionsScreen(deps, await actorOf(deps, body), notice),
    });
  });
}
