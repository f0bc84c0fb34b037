/**
 * Who may answer a portal request from the account's shared Slack channel. The organisation is the vendor's (resolved
 * by the Slack layer from the installed workspace, never from the clicker's team); the clicker may answer when they
 * are one of the account's contacts mapped to their Slack user, or a member of another workspace (a Slack Connect
 * external user, on the customer's side of the channel). Anyone else is in the vendor's own workspace: a colleague
 * of the CSM, who must not answer in the customer's name.
 */
import { z } from 'zod';
import type { FormField } from '../../domain/template';
import { parseFormFields } from '../../domain/portal-form';
import { SLACK_CHANNEL_ID, SLACK_USER_ID } from '../../domain/slack-ids';
import { AppError } from '../../lib/errors';
import type { ServiceContext, Tx } from '../context';
import type { Respondent } from './complete-portal-action';

/** The person behind a click or a modal in the shared channel, as Slack names them (user.id, user.team_id). */
export const channelResponderSchema = z.object({
  slackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id'),
  /** The clicker's own workspace (user.team_id); absent when Slack did not say, which counts as the vendor's. */
  teamId: z.string().min(1).max(40).optional(),
  /** How Slack names them (user.name), for the CSM's notice when they are not one of the account's contacts. */
  name: z.string().max(200).optional(),
});
export type ChannelResponder = z.infer<typeof channelResponderSchema>;

export const channelRequestSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1).max(100),
  channelId: z.string().regex(SLACK_CHANNEL_ID, 'expected a Slack channel id'),
  responder: channelResponderSchema,
});

export type ChannelRespondentCheck =
  | {
      allowed: true;
      respondent: Respondent;
      accountName: string;
      action: {
        id: string;
        name: string;
        type: 'portal_form' | 'portal_document';
        purpose: string;
        fields: FormField[];
      };
      /** The contact the clicker is mapped to, when they are one. */
      contact: { id: string; email: string; name: string } | null;
    }
  /** A member of the vendor's own workspace who is not one of the account's contacts. */
  | { allowed: false; accountName: string; organizationName: string };

export async function resolveChannelRespondent(
  db: ServiceContext['prisma'] | Tx,
  o: z.infer<typeof channelRequestSchema>,
): Promise<ChannelRespondentCheck> {
  const action = await db.action.findFirst({
    where: {
      id: o.actionId,
      type: { in: ['portal_form', 'portal_document'] },
      account: { organizationId: o.organizationId },
    },
    select: {
      id: true,
      name: true,
      type: true,
      status: true,
      purpose: true,
      formFields: true,
      account: {
        select: {
          id: true,
          name: true,
          slackCustomerChannelId: true,
          contacts: {
            where: { slackUserId: o.responder.slackUserId },
            select: { id: true, email: true, name: true },
            take: 1,
          },
          organization: { select: { name: true, slackTeamId: true, slackEnterpriseId: true } },
        },
      },
    },
  });
  // A request of another channel (or of no channel any more) is not answered here: the post is out of date.
  if (!action || action.account.slackCustomerChannelId !== o.channelId || action.status === 'skipped')
    throw new AppError('not_found', 'this request is no longer open here; the onboarding portal has what is open');
  if (action.status === 'completed')
    throw new AppError('conflict', 'this request has already been answered, thank you');
  if (action.status !== 'executed')
    throw new AppError('not_found', 'this request is no longer open here; the onboarding portal has what is open');

  const { account } = action;
  const contact = account.contacts[0] ?? null;
  const org = account.organization;
  const vendorTeams = [org.slackTeamId, org.slackEnterpriseId].filter((t): t is string => t !== null);
  // Without a known team of its own, Thread cannot tell the sides apart, so only mapped contacts answer.
  const external =
    o.responder.teamId !== undefined && vendorTeams.length > 0 && !vendorTeams.includes(o.responder.teamId);
  if (!contact && !external) return { allowed: false, accountName: account.name, organizationName: org.name };
  return {
    allowed: true,
    accountName: account.name,
    contact,
    action: {
      id: action.id,
      name: action.name,
      type: action.type as 'portal_form' | 'portal_document',
      purpose: action.purpose,
      fields: parseFormFields(action.formFields),
    },
    respondent: {
      accountId: account.id,
      organizationId: o.organizationId,
      contactId: contact?.id ?? null,
      via: 'slack',
      slackUserId: o.responder.slackUserId,
    },
  };
}

/** The refusal a vendor-side member gets when the step cannot show the friendlier message (a modal already open). */
export function vendorSideRefusal(accountName: string): AppError {
  return new AppError(
    'forbidden',
    `this request is for ${accountName} to answer, and you are in your own company's workspace; open the portal preview to see what they see, or ask the customer to answer it`,
  );
}
