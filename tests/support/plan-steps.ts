/**
 * The steps of a plan as Thread itself takes them, for tests to arrange state by (the Reachability rule): the
 * scheduler fires an action when it is due, the CSM executes it, the customer answers a portal request through the
 * link that was emailed to them. Nothing here writes a table; every step is a service a person or Thread calls.
 */
import { RISK_THRESHOLD_DAYS } from '../../src/domain/at-risk-signals';
import { confirmRiskSuggestion } from '../../src/services/accounts/confirm-risk-suggestion';
import type { ServiceContext } from '../../src/services/context';
import type { ActingPersonInput } from '../../src/services/people/acting-person';
import { blockMilestone } from '../../src/services/milestones/block-milestone';
import { unblockMilestone } from '../../src/services/milestones/unblock-milestone';
import { suggestAtRisk } from '../../src/services/scheduler/suggest-at-risk';
import { executeAction } from '../../src/services/execution/execute-action';
import type { ExecutionDeps, Mailer } from '../../src/services/execution/ports';
import type { Notifier } from '../../src/services/notifications/notifier-port';
import { mintPortalLink } from '../../src/services/portal/mint-portal-link';
import { resolvePortalToken, type PortalSession } from '../../src/services/portal/resolve-portal-token';
import { submitPortalForm } from '../../src/services/portal/submit-portal-form';
import { draftFromTemplate } from '../../src/services/scheduler/draft-from-template';
import { fireDueActions, type DraftHook } from '../../src/services/scheduler/fire-due-actions';
import { RecordingNotifier } from './recording-notifier';
import type { TestServiceContext } from './service-context';

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export type MemoryMailer = Mailer & { readonly sent: SentEmail[] };

/**
 * The Mailer port keeping what it is given, for arranging only: the SMTP connector has its own tests against a
 * capture server, and a test about email uses that instead.
 */
export function memoryMailer(): MemoryMailer {
  const sent: SentEmail[] = [];
  return {
    sent,
    messageIdFor: (key) => `<${key}@thread.test>`,
    send: async (email) => {
      sent.push({ to: email.to.email, subject: email.subject, text: email.text, messageId: email.messageId });
      return { messageId: email.messageId, accepted: [email.to.email] };
    },
  };
}

export const ARRANGE_PUBLIC_URL = 'https://thread.test';

/** Execution ports for arranging: email kept in memory, portal links minted for real, no pacing between sends. */
export function arrangeDeps(
  ctx: ServiceContext,
  o: { notifier?: Notifier; publicUrl?: string } = {},
): ExecutionDeps & { mailer: MemoryMailer } {
  return {
    mailer: memoryMailer(),
    notifier: o.notifier ?? new RecordingNotifier(),
    portalLinks: {
      create: ({ accountId, contactEmail, actor }) =>
        mintPortalLink(ctx, { accountId, contactEmail, actor, publicUrl: o.publicUrl ?? ARRANGE_PUBLIC_URL }),
    },
    pacing: { slackPerChannelMs: 0, emailMs: 0 },
  };
}

/**
 * A scheduler tick at the action's due time (the clock moves forward to it when it lies ahead; never back): the
 * action fires with whatever else is due by then, and each is drafted (from the template, as the scheduler does
 * when no drafter is wired, unless `draft` says otherwise) and announced to `notifier`. An action that is already
 * ready (fired by an earlier tick) is left as it is. Fails, saying why, when the action cannot fire.
 */
export async function fireAction(
  ctx: TestServiceContext,
  actionId: string,
  o: { notifier?: Notifier; draft?: DraftHook } = {},
): Promise<void> {
  const action = await ctx.prisma.action.findUniqueOrThrow({
    where: { id: actionId },
    select: { name: true, status: true, dueAt: true, triggerKind: true },
  });
  if (action.status === 'ready') return;
  if (action.status !== 'pending') throw new Error(`"${action.name}" cannot fire: it is ${action.status}`);
  if (action.triggerKind === 'manual') throw new Error(`"${action.name}" is started by hand, not by the scheduler`);
  if (!action.dueAt) throw new Error(`"${action.name}" has no due time yet: what it waits on has not happened`);
  if (action.dueAt > ctx.now()) ctx.setNow(action.dueAt);
  await fireDueActions(ctx, {
    notifier: o.notifier ?? new RecordingNotifier(),
    draft: o.draft ?? (async (id) => void (await draftFromTemplate(ctx, { actionId: id }))),
  });
  const after = await ctx.prisma.action.findUniqueOrThrow({
    where: { id: actionId },
    select: { status: true, waitingReason: true },
  });
  if (after.status !== 'ready')
    throw new Error(`"${action.name}" did not fire: ${after.waitingReason ?? `it is ${after.status}`}`);
}

/**
 * The action fired (see fireAction) if it has not been yet, then executed by `actor` (its CSM, or an admin): an
 * email or Slack message is sent, a portal request is published to the customer with a fresh link.
 */
export async function publishAction(
  ctx: TestServiceContext,
  deps: ExecutionDeps,
  o: { organizationId: string; actionId: string; actor: { userId: string } },
): Promise<void> {
  await fireAction(ctx, o.actionId, { notifier: deps.notifier });
  const result = await executeAction(ctx, deps, o);
  if (result.outcome !== 'executed') throw new Error(`the action was not executed: it is ${result.status}`);
}

/** The portal as the customer opens it from the last link emailed to `email`. */
export async function portalSessionFromEmail(
  ctx: ServiceContext,
  mailer: MemoryMailer,
  email: string,
): Promise<PortalSession> {
  const token = mailer.sent
    .filter((m) => m.to === email)
    .map((m) => /\/portal\/([A-Za-z0-9_-]{20,})/.exec(m.text)?.[1])
    .filter((t): t is string => t !== undefined)
    .at(-1);
  if (!token) throw new Error(`no portal link was emailed to ${email}`);
  const session = await resolvePortalToken(ctx, { token });
  if (!session) throw new Error(`the portal link emailed to ${email} does not open the portal`);
  return session;
}

/**
 * The customer answers a published portal form through the link it was emailed with (to the account's primary
 * contact, or `email`). Returns the submission's id; fails with the field errors when the answers are refused.
 */
export async function answerPortalForm(
  ctx: ServiceContext,
  deps: { mailer: MemoryMailer },
  o: {
    actionId: string;
    values: Record<string, string | string[] | undefined>;
    email?: string;
    notifier?: Notifier;
  },
): Promise<string> {
  const action = await ctx.prisma.action.findUniqueOrThrow({
    where: { id: o.actionId },
    select: { account: { select: { contacts: { where: { isPrimary: true }, select: { email: true } } } } },
  });
  const email = o.email ?? action.account.contacts[0]?.email;
  if (!email) throw new Error('the account has no primary contact to answer the form');
  const session = await portalSessionFromEmail(ctx, deps.mailer, email);
  const result = await submitPortalForm(ctx, {
    session,
    actionId: o.actionId,
    values: o.values,
    notifier: o.notifier ?? new RecordingNotifier(),
  });
  if (!result.ok) throw new Error(`the portal refused the answers: ${JSON.stringify(result.errors)}`);
  return result.submissionId;
}

/**
 * The account's CSM (or an admin, or the operator: `actor`) confirms Thread's suggestion that it is at risk, as the
 * card's "Confirm at risk" does. The suggestion comes the way the scheduler makes it: the account's current milestone
 * is blocked for longer than the at-risk threshold (the clock moves forward by that much and an hour), then, once
 * confirmed, unblocked again, so only the status remains.
 */
export async function confirmAtRisk(
  ctx: TestServiceContext,
  o: { organizationId: string; accountId: string; actor: ActingPersonInput; notifier?: Notifier },
): Promise<void> {
  const milestone = await ctx.prisma.milestone.findFirstOrThrow({
    where: { accountId: o.accountId, status: 'in_progress' },
    orderBy: { position: 'asc' },
  });
  const target = { organizationId: o.organizationId, milestoneId: milestone.id, actor: o.actor };
  await blockMilestone(ctx, { ...target, note: 'Waiting on the customer', cause: 'customer' });
  ctx.advance((RISK_THRESHOLD_DAYS.blocked * 24 + 1) * 3_600_000);
  const { suggested } = await suggestAtRisk(ctx, { notifier: o.notifier ?? new RecordingNotifier() });
  if (!suggested.includes(o.accountId)) throw new Error('Thread did not suggest the account is at risk');
  await confirmRiskSuggestion(ctx, { organizationId: o.organizationId, accountId: o.accountId, actor: o.actor });
  await unblockMilestone(ctx, { ...target, reason: 'The customer came back' });
}
