/**
 * Asks the AE for a handoff, or reminds them: an AE who uses Thread in Slack gets a DM with Fill in the handoff; any
 * other AE gets an email with a fresh link to the web form (the previous link stops working, so only the newest
 * email opens it). Used by openHandoff and by the scheduler's reminder. Nothing here throws for a channel that is
 * not there: the outcome says who was reached, or why nobody was, so the caller tells the CSM.
 */
import { firstName } from '../../domain/first-name';
import { HANDOFF_LIMITS } from '../../domain/handoff-questions';
import type { ServiceContext } from '../context';
import type { Mailer } from '../execution/ports';
import type { Notifier } from '../notifications/notifier-port';
import { recordAuditEvent } from '../audit/record-audit-event';
import { generateHandoffToken, HANDOFF_LINK_DAYS, handoffUrl, hashHandoffToken } from './handoff-token';
import { aeInSlack, type HandoffAccount } from './load-handoff-account';

export interface HandoffDeliveryDeps {
  notifier: Notifier;
  /** Undefined when email is off: an AE outside Slack cannot be reached. */
  mailer?: Mailer;
  /** Base of the web form's link (PUBLIC_URL). */
  publicUrl?: string;
}

export interface HandoffDelivery {
  reached: 'slack' | 'email' | 'nobody';
  email: string | null;
  /** Why nobody was reached, or why the chosen channel failed, in words. */
  problem: string | null;
  /** The AE has a channel and it failed this time (Slack or the mail server refused): worth trying again. */
  retryable: boolean;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function emailText(o: {
  account: HandoffAccount;
  url: string;
  expiresAt: Date;
  questions: number;
  required: number;
  kind: 'request' | 'reminder';
}): { subject: string; text: string } {
  const { account } = o;
  const who = account.csm?.name ?? 'The onboarding team';
  const hello = account.ae ? `Hi ${firstName(account.ae.name)},` : 'Hello,';
  const subject =
    o.kind === 'reminder'
      ? `Reminder: the handoff for ${account.name} is still open`
      : `Handoff for ${account.name}: ${o.questions} questions before the onboarding starts`;
  const lead =
    o.kind === 'reminder'
      ? `${who} at ${account.organization.name} is still waiting for your handoff of ${account.name}: the onboarding plan starts once it is in.`
      : `${who} at ${account.organization.name} is starting the onboarding of ${account.name}. Before the plan starts, please tell us what was sold and promised.`;
  const text = [
    hello,
    '',
    lead,
    '',
    `It is ${o.questions} question${o.questions === 1 ? '' : 's'} (${o.required} required) and takes a few minutes:`,
    '',
    o.url,
    '',
    `This link is for you only: please do not forward it. It works until ${o.expiresAt.toISOString().slice(0, 10)}${o.kind === 'reminder' ? ' and replaces the one sent earlier' : ''}.`,
    '',
    `Thank you,`,
    who,
  ].join('\n');
  return { subject, text };
}

export async function deliverHandoffRequest(
  ctx: ServiceContext,
  deps: HandoffDeliveryDeps,
  o: {
    account: HandoffAccount;
    handoffId: string;
    kind: 'request' | 'reminder';
    questions: { required: boolean }[];
    requestedAt: Date;
  },
): Promise<HandoffDelivery> {
  const { account } = o;
  const ae = account.ae;
  const questions = Math.min(o.questions.length, HANDOFF_LIMITS.activeQuestions);
  const required = o.questions.filter((q) => q.required).length;
  if (aeInSlack(ae)) {
    try {
      await deps.notifier.handoffRequested(ae.id, {
        accountId: account.id,
        accountName: account.name,
        csmName: account.csm?.name ?? null,
        csmSlackUserId: account.csm?.slackUserId ?? null,
        questions,
        required,
        kind: o.kind,
        requestedAt: o.requestedAt,
      });
      return { reached: 'slack', email: null, problem: null, retryable: false };
    } catch (error) {
      ctx.logger.error({ err: error, accountId: account.id }, 'could not DM the AE about the handoff');
      return {
        reached: 'nobody',
        email: null,
        problem: `Slack did not take the DM to the AE (${message(error)})`,
        retryable: true,
      };
    }
  }
  const email = ae?.replyToEmail ?? ae?.email ?? null;
  const none = (problem: string): HandoffDelivery => ({ reached: 'nobody', email, problem, retryable: false });
  if (!ae) return none('the account has no account executive');
  if (!email) return none(`Thread has no email address for ${ae.name}`);
  if (!deps.mailer) return none('email is not configured (SMTP_URL, EMAIL_FROM)');
  if (!deps.publicUrl) return none('PUBLIC_URL is not set, so there is no link to send');

  const token = generateHandoffToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + HANDOFF_LINK_DAYS * 86_400_000);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.handoff.update({
      where: { id: o.handoffId },
      data: { tokenHash: hashHandoffToken(token), tokenExpiresAt: expiresAt },
    });
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'handoff',
      entityId: o.handoffId,
      actor: 'system',
      reason: `handoff form link for ${email}, valid ${HANDOFF_LINK_DAYS} days${o.kind === 'reminder' ? ' (replaces the earlier link)' : ''}`,
      at: now,
    });
  });
  const content = emailText({
    account,
    url: handoffUrl(deps.publicUrl, token),
    expiresAt,
    questions,
    required,
    kind: o.kind,
  });
  try {
    await deps.mailer.send({
      messageId: deps.mailer.messageIdFor(`handoff-${o.handoffId}-${o.kind}-${now.getTime()}`),
      fromName: account.csm?.name ?? account.organization.name,
      replyTo: account.csm?.replyToEmail ?? account.csm?.email ?? null,
      to: { name: ae.name, email },
      subject: content.subject,
      text: content.text,
    });
    return { reached: 'email', email, problem: null, retryable: false };
  } catch (error) {
    ctx.logger.error({ err: error, accountId: account.id }, 'could not email the AE the handoff link');
    return {
      reached: 'nobody',
      email,
      problem: `the email to ${email} was not accepted (${message(error)})`,
      retryable: true,
    };
  }
}
