/**
 * Decides, before anything is claimed, where an action goes and whether it can go there: the channel, the
 * recipient, and the connectors it needs. Every refusal names what to fix, and nothing has changed yet.
 */
import type { CustomerEmailSender } from '../../domain/person-profile';
import { mentionsPortalLink } from '../../domain/send-time-placeholders';
import { AppError } from '../../lib/errors';
import type { ActionForExecution } from './load-action-for-execution';
import type { ExecutionDeps } from './ports';
import type { SendChannel } from './send-record';

export const EMAIL_NOT_CONFIGURED = 'email is not configured: set SMTP_URL and EMAIL_FROM';

export interface SendPlan {
  channel: SendChannel;
  recipient: { id: string; name: string; email: string; slackUserId: string | null } | null;
  /** Slack channel or user id for slack messages. */
  slackTarget?: string;
  subject: string;
  body: string;
  needsPortalLink: boolean;
  /** Email and portal: the CSM the customer sees as the sender and replies to (getCustomerEmailSender). */
  sender?: CustomerEmailSender;
}

export function planSend(action: ActionForExecution, deps: ExecutionDeps): SendPlan {
  const recipient = action.account.contacts[0] ?? null;
  const subject = action.draftSubject ?? '';
  const body = action.draftBody ?? '';
  if (action.type === 'internal_task')
    return { channel: 'internal', recipient: null, subject, body, needsPortalLink: false };

  if (body.trim() === '')
    throw new AppError('validation_failed', `"${action.name}" has no draft to send yet; write or redraft it first`);
  const linkInText = mentionsPortalLink(subject) || mentionsPortalLink(body);
  const isPortal = action.type === 'portal_form' || action.type === 'portal_document';
  if ((linkInText || isPortal) && !deps.portalLinks) {
    throw new AppError(
      'not_configured',
      'portal links are not available in this process, so the magic link cannot be sent',
    );
  }

  if (action.type === 'slack_message') {
    const slackTarget = action.account.slackCustomerChannelId ?? recipient?.slackUserId ?? undefined;
    if (!deps.slackMessenger)
      throw new AppError('not_configured', 'Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    if (!slackTarget) {
      throw new AppError(
        'validation_failed',
        `${action.account.name} has no customer Slack channel and its primary contact has no Slack user; add one or send this as an email`,
      );
    }
    if (linkInText && !recipient)
      throw new AppError('validation_failed', `${action.account.name} has no contact to make a portal link for`);
    return { channel: 'slack', recipient, slackTarget, subject, body, needsPortalLink: linkInText };
  }

  if (!deps.mailer) throw new AppError('not_configured', EMAIL_NOT_CONFIGURED);
  if (!recipient)
    throw new AppError(
      'validation_failed',
      `${action.account.name} has no contact to send "${action.name}" to; add a primary contact first`,
    );
  return { channel: isPortal ? 'portal' : 'email', recipient, subject, body, needsPortalLink: isPortal || linkInText };
}
