/**
 * The send itself, after the claim: mint the portal link when the text needs one (unless the caller minted it
 * already, as a batch does for all of its sends at once), then hand the message to the channel. Returns what the
 * record should keep. Throws on any failure; the caller returns the action to Ready.
 */
import { fillPortalLink, mentionsPortalLink } from '../../domain/send-time-placeholders';
import type { ActionForExecution } from './load-action-for-execution';
import type { SendPlan } from './plan-send';
import type { ExecutionDeps } from './ports';

export interface SendOutcome {
  slackChannel?: string;
  slackTs?: string;
}

export async function performSend(
  deps: ExecutionDeps,
  action: ActionForExecution,
  plan: SendPlan,
  ids: { messageId?: string; clientMsgId?: string; actor: string; portalUrl?: string },
): Promise<SendOutcome> {
  if (plan.channel === 'internal') return {};
  let subject = plan.subject;
  let body = plan.body;
  if (plan.needsPortalLink && plan.recipient) {
    const url =
      ids.portalUrl ??
      (
        await deps.portalLinks!.create({
          accountId: action.accountId,
          contactEmail: plan.recipient.email,
          actor: ids.actor,
        })
      ).url;
    const hadLink = mentionsPortalLink(body);
    subject = fillPortalLink(subject, url);
    body = fillPortalLink(body, url);
    // A portal request always carries its link, even when the draft forgot to place it.
    if (plan.channel === 'portal' && !hadLink)
      body = `${body.trimEnd()}\n\nYou can answer in your onboarding portal:\n${url}`;
  }

  if (plan.channel === 'slack') {
    const posted = await deps.slackMessenger!.post({
      organizationId: action.account.organizationId,
      channel: plan.slackTarget!,
      text: body,
      clientMsgId: ids.clientMsgId!,
      actionId: action.id,
    });
    return { slackChannel: posted.channel, slackTs: posted.ts };
  }

  await deps.mailer!.send({
    messageId: ids.messageId!,
    fromName: plan.sender?.name ?? null,
    replyTo: plan.sender?.replyTo ?? null,
    to: { name: plan.recipient!.name, email: plan.recipient!.email },
    subject: subject.trim() === '' ? action.name : subject,
    text: body,
  });
  return {};
}
