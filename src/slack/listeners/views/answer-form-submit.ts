import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { AppError } from '../../../lib/errors';
import { answerFormInSlack } from '../../../services/portal/answer-form-in-slack';
import { getChannelAnswerForm } from '../../../services/portal/get-channel-answer-form';
import { buildAnswerThanksModal, buildVendorSideRefusalModal } from '../../blocks/customer-channel';
import type { SlackDeps } from '../../deps';
import { VIEWS } from '../../ids';
import { installedOrganization, responderOf } from '../shared-channel';
import { answerErrorsByBlock, readAnswerValues } from './answer-form-values';
import { readModalMetadata } from './modal-metadata';
import { viewFailure } from './view-failure';

const answerFormMetadata = z.object({
  actionId: z.string().min(1),
  channel: z.string().min(1),
  keys: z.array(z.string()).optional(),
});

const FORM_CHANGED = 'the questions changed while this was open; close it and click Answer here again.';

/**
 * The answer from the Answer here modal: the portal's submission (answerFormInSlack), its field messages under the
 * fields, then thanks in place of the form. A second answer, or one from someone who may not answer, replaces the
 * modal with the reason.
 */
export function registerAnswerFormSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.answerForm, async ({ ack, body, view }) => {
    try {
      const meta = readModalMetadata(view, answerFormMetadata);
      const org = await installedOrganization(deps, body);
      const request = {
        organizationId: org.id,
        actionId: meta.actionId,
        channelId: meta.channel,
        responder: responderOf(body),
      };
      const form = await getChannelAnswerForm(deps.ctx, request);
      if (form.kind === 'vendor_side') {
        await ack({ response_action: 'update', view: buildVendorSideRefusalModal(form) });
        return;
      }
      if (meta.keys && meta.keys.join('\n') !== form.fields.map((f) => f.key).join('\n'))
        throw new AppError('form_out_of_date', FORM_CHANGED);
      const result = await answerFormInSlack(deps.ctx, deps.notifier, {
        ...request,
        values: readAnswerValues(form.fields, view),
      });
      if (!result.ok) {
        const errors = answerErrorsByBlock(form.fields, result.errors);
        if (!errors) throw new AppError('form_out_of_date', FORM_CHANGED);
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack({ response_action: 'update', view: buildAnswerThanksModal(form.title) });
    } catch (error) {
      await ack(viewFailure(view, error, deps.logger, { title: 'Not sent' }));
    }
  });
}
