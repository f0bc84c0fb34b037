import type { ServiceContext } from '../context';
import type { Notifier } from '../notifications/notifier-port';
import { portalRespondent } from './complete-portal-action';
import type { PortalSession } from './resolve-portal-token';
import { submitFormAnswer, type SubmitFormAnswerResult } from './submit-form-answer';

export type SubmitPortalFormResult = SubmitFormAnswerResult;

/**
 * A customer submits a portal form through their magic link: the link's contact answers (submitFormAnswer does the
 * validation, the completion, the engagement event and the CSM's notice).
 */
export async function submitPortalForm(
  ctx: ServiceContext,
  input: {
    session: PortalSession;
    actionId: string;
    values: Record<string, string | string[] | undefined>;
    notifier: Notifier;
  },
): Promise<SubmitPortalFormResult> {
  return submitFormAnswer(ctx, {
    respondent: portalRespondent(input.session),
    actionId: input.actionId,
    values: input.values,
    notifier: input.notifier,
  });
}
