import type { z } from 'zod';
import type { FormField } from '../../domain/template';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { channelRequestSchema, resolveChannelRespondent } from './resolve-channel-respondent';

export type ChannelAnswerForm =
  | { kind: 'form'; actionId: string; title: string; purpose: string; accountName: string; fields: FormField[] }
  /** The clicker is in the vendor's own workspace and not one of the account's contacts: told politely, no form. */
  | { kind: 'vendor_side'; accountName: string; organizationName: string };

/**
 * What Answer here opens for the person who clicked it in the account's shared channel: the form's questions when
 * they may answer it (see resolveChannelRespondent), or why not. Reads only.
 */
export async function getChannelAnswerForm(
  ctx: ServiceContext,
  input: z.input<typeof channelRequestSchema>,
): Promise<ChannelAnswerForm> {
  const o = parseOptions(channelRequestSchema, input);
  const check = await resolveChannelRespondent(ctx.prisma, o);
  if (!check.allowed)
    return { kind: 'vendor_side', accountName: check.accountName, organizationName: check.organizationName };
  if (check.action.type !== 'portal_form')
    throw new AppError('validation_failed', 'this request is answered with an upload, in the onboarding portal');
  if (check.action.fields.length === 0)
    throw new AppError('not_configured', 'this form has no questions yet; please let your contact know');
  return {
    kind: 'form',
    actionId: check.action.id,
    title: check.action.name,
    purpose: check.action.purpose,
    accountName: check.accountName,
    fields: check.action.fields,
  };
}
