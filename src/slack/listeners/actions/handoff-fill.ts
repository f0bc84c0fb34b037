import type { ListenerRegistry } from '../../listener-registry';
import { alreadySubmittedMessage, buildHandoffFormStep } from '../../blocks/handoff-form-modal';
import { getHandoffForm } from '../../../services/handoff/get-handoff-form';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, answerClicker, buttonValue, tellClicker, type ThreadClick } from '../interaction';

/**
 * Fill in the handoff (the AE's DM, the account card, `/thread handoff`, the CSM's notes): opens the form's first
 * step for the account's AE, its CSM or an admin (the service says who may), pre-filled from the CRM. A handoff
 * that is in already is not opened again: the person is told who submitted it and when.
 */
export function registerHandoffFill(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.handoffFill, async ({ ack, body, respond, client }) => {
    await ack();
    const click = { body, respond, client };
    try {
      const actor = await actorOf(deps, body);
      const form = await getHandoffForm(deps.ctx, {
        organizationId: actor.organizationId,
        accountId: buttonValue(body),
        actor,
      });
      if (form.submitted) {
        await answerClicker(click, alreadySubmittedMessage(form));
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: buildHandoffFormStep(form, 0) });
    } catch (error) {
      await tellClicker(deps, click, error);
    }
  });
}
