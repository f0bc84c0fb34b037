import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { Notifier } from '../notifications/notifier-port';
import { channelRequestSchema, resolveChannelRespondent, vendorSideRefusal } from './resolve-channel-respondent';
import { submitFormAnswer, type SubmitFormAnswerResult } from './submit-form-answer';

const optionsSchema = channelRequestSchema.extend({
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional()),
});

/**
 * The answer given in the Answer here modal of the account's shared channel. Who may answer is checked again here
 * (a modal outlives the click that opened it); then it is the portal's own submission: the same validation and
 * messages, the completion, the engagement event and the CSM's notice (submitFormAnswer).
 */
export async function answerFormInSlack(
  ctx: ServiceContext,
  notifier: Notifier,
  input: z.input<typeof optionsSchema>,
): Promise<SubmitFormAnswerResult> {
  const o = parseOptions(optionsSchema, input);
  const check = await resolveChannelRespondent(ctx.prisma, o);
  if (!check.allowed) throw vendorSideRefusal(check.accountName);
  return submitFormAnswer(ctx, {
    respondent: check.respondent,
    actionId: o.actionId,
    values: o.values,
    respondentName: o.responder.name,
    notifier,
  });
}
