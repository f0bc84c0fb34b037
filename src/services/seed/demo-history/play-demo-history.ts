/**
 * Plays the demo's past year (demo-history-script.ts) through Thread's own services, one business day at a time
 * on a clock that walks from a year ago to yesterday: the scheduler fires what is due, the CSM sends drafts,
 * finishes tasks and reviews answers, customers answer portal forms through a magic link and reply to messages,
 * milestones are blocked with the cause the script names and completed when their work is done. Nothing is
 * written around the services, so the analytics read a history people could have made.
 *
 * The past customers are fictional: their email goes to an outbox that delivers nowhere (the execution record
 * keeps its message ids); document requests and Slack messages are skipped before sending, with the CSM's reason,
 * since no one uploads files in a seed and the past customers share no Slack channel.
 */
import { localDateOf, businessCalendar, localDateAt, type BusinessCalendar } from '../../../domain/business-days';
import {
  addBusinessDaysToDate,
  businessDatesBetween,
  formatCalendarDate,
  rollToBusinessDate,
} from '../../../domain/calendar-date';
import { createAccount } from '../../accounts/create-account';
import type { ServiceContext } from '../../context';
import { completeInternalTask } from '../../execution/complete-internal-task';
import { executeAction } from '../../execution/execute-action';
import { markCustomerResponded } from '../../execution/mark-customer-responded';
import type { ExecutionDeps } from '../../execution/ports';
import { blockMilestone } from '../../milestones/block-milestone';
import { completeMilestone } from '../../milestones/complete-milestone';
import { unblockMilestone } from '../../milestones/unblock-milestone';
import { silentNotifier } from '../../notifications/notifier-port';
import { startActionNow } from '../../plan/start-action-now';
import { acknowledgeSubmission } from '../../portal/acknowledge-submission';
import { mintPortalLink } from '../../portal/mint-portal-link';
import { resolvePortalToken } from '../../portal/resolve-portal-token';
import { submitPortalForm } from '../../portal/submit-portal-form';
import { skipAction } from '../../review/skip-action';
import { draftFromTemplate } from '../../scheduler/draft-from-template';
import { fireDueActions } from '../../scheduler/fire-due-actions';
import { demoFormAnswers } from './demo-form-answers';
import { holdTickLease } from './hold-tick-lease';
import { DEMO_PAST_ACCOUNTS, type DemoPastAccount } from './demo-history-script';

export interface PlayDemoHistoryOptions {
  organizationId: string;
  templateName: string;
  /** The Thread user who plays the CSM of every past account. */
  csm: { userId: string; slackUserId: string };
  /** Base of the portal links the past customers answer through. */
  publicUrl: string;
  /** Called after each simulated day, for a progress line. */
  onProgress?: (day: number, days: number) => void;
}

export interface PlayDemoHistoryResult {
  created: string[];
  existing: string[];
}

/** A clock the player moves; the services read it through the context. */
function clockedContext(ctx: ServiceContext): { ctx: ServiceContext; set(at: Date): void } {
  let now = ctx.now();
  return { ctx: { ...ctx, now: () => now }, set: (at) => void (now = at) };
}

function kickoffOf(today: Date, monthsAgo: number, calendar: BusinessCalendar): Date {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsAgo, today.getUTCDate()));
  return rollToBusinessDate(date, calendar.workingDays);
}

const outbox: Pick<ExecutionDeps, 'mailer'> = {
  mailer: {
    messageIdFor: (key) => `<${key}@demo.thread.invalid>`,
    send: async (email) => ({ messageId: email.messageId, accepted: [email.to.email] }),
  },
};

/** What the past accounts never sent, and the reason the CSM gave for skipping it. */
const SKIPPED: Partial<Record<string, string>> = {
  portal_document: 'Received during the sales process',
  slack_message: 'No shared Slack channel with this customer',
};

export async function playDemoHistory(base: ServiceContext, o: PlayDemoHistoryOptions): Promise<PlayDemoHistoryResult> {
  const org = await base.prisma.organization.findUniqueOrThrow({
    where: { id: o.organizationId },
    select: { timezone: true, workingDays: true },
  });
  const calendar = businessCalendar(org.timezone, org.workingDays);
  const existingNames = new Set(
    (
      await base.prisma.account.findMany({
        where: { organizationId: o.organizationId, name: { in: DEMO_PAST_ACCOUNTS.map((a) => a.name) } },
        select: { name: true },
      })
    ).map((a) => a.name),
  );
  const toPlay = DEMO_PAST_ACCOUNTS.filter((a) => !existingNames.has(a.name));
  const result: PlayDemoHistoryResult = { created: [], existing: [...existingNames] };
  if (toPlay.length === 0) return result;

  const today = localDateOf(base.now(), calendar.timeZone);
  const kickoffs = new Map(toPlay.map((a) => [a.name, kickoffOf(today, a.monthsAgo, calendar)]));
  const first = new Date(Math.min(...[...kickoffs.values()].map((d) => d.getTime())));
  const days = businessDatesBetween(first, today, calendar.workingDays);
  const clock = clockedContext(base);
  const ctx = clock.ctx;
  const deps: ExecutionDeps = {
    ...outbox,
    notifier: silentNotifier,
    portalLinks: {
      create: ({ accountId, contactEmail, actor }) =>
        mintPortalLink(ctx, { accountId, contactEmail, actor, publicUrl: o.publicUrl }),
    },
    pacing: { slackPerChannelMs: 0, emailMs: 0 },
  };
  const playing: { id: string; script: DemoPastAccount; blocked: boolean }[] = [];
  const lease = await holdTickLease(base);
  try {
    let day = 0;
    // Every date here is a business date: the kickoffs are rolled to one, and each step adds a business day.
    for (
      let date = first;
      date.getTime() < today.getTime();
      date = addBusinessDaysToDate(date, 1, calendar.workingDays)
    ) {
      clock.set(localDateAt(date, 10, calendar.timeZone));
      for (const script of toPlay) {
        if (kickoffs.get(script.name)!.getTime() !== date.getTime()) continue;
        const account = await createAccount(ctx, {
          organizationId: o.organizationId,
          name: script.name,
          templateName: o.templateName,
          domain: script.domain,
          industry: script.industry,
          arr: script.arr,
          contact: script.contact,
          kickoffDate: formatCalendarDate(date),
          csmSlackUserId: o.csm.slackUserId,
          actor: 'cli',
        });
        playing.push({ id: account.id, script, blocked: false });
        result.created.push(script.name);
      }
      await fireDueActions(ctx, {
        notifier: silentNotifier,
        draft: async (actionId) => void (await draftFromTemplate(ctx, { actionId })),
      });
      for (const account of playing) await playDay(ctx, deps, o, calendar, date, account);
      o.onProgress?.(++day, days);
      if (day % 20 === 0) await lease.renew();
    }
  } finally {
    await lease.release();
  }
  return result;
}

/** One business day of one past account: what the CSM and the customer do that day, in the order they would. */
async function playDay(
  ctx: ServiceContext,
  deps: ExecutionDeps,
  o: PlayDemoHistoryOptions,
  calendar: BusinessCalendar,
  date: Date,
  account: { id: string; script: DemoPastAccount; blocked: boolean },
): Promise<void> {
  const { script } = account;
  const organizationId = o.organizationId;
  const actor = { userId: o.csm.userId };
  const since = (at: Date | null) => (at ? businessDatesBetween(localDateOf(at, calendar.timeZone), date) : -1);
  const milestone = await ctx.prisma.milestone.findFirst({
    where: { accountId: account.id, status: { in: ['in_progress', 'blocked'] } },
    orderBy: { position: 'asc' },
    select: { id: true, position: true, status: true, startedAt: true, blockedAt: true, plannedDays: true },
  });
  if (!milestone) return;

  const actions = await ctx.prisma.action.findMany({
    where: { accountId: account.id, status: { in: ['pending', 'ready', 'executed'] } },
    orderBy: { position: 'asc' },
    select: {
      id: true,
      milestoneId: true,
      type: true,
      status: true,
      triggerKind: true,
      firedAt: true,
      executedAt: true,
      formFields: true,
    },
  });
  for (const action of actions) {
    if (action.status === 'pending') {
      // A manual step (a recap) is started by the CSM once the rest of its milestone is under way.
      if (action.triggerKind === 'manual' && action.milestoneId === milestone.id && since(milestone.startedAt) >= 2)
        await startActionNow(ctx, { organizationId, actionId: action.id, actor });
      continue;
    }
    if (action.status === 'ready') {
      if (since(action.firedAt) < script.ourDays) continue;
      if (action.type === 'internal_task')
        await completeInternalTask(ctx, deps, { organizationId, actionId: action.id, actor });
      else if (action.type in SKIPPED)
        await skipAction(ctx, { organizationId, actionId: action.id, actor, reason: SKIPPED[action.type]! });
      else await executeAction(ctx, deps, { organizationId, actionId: action.id, actor });
      continue;
    }
    if (since(action.executedAt) < script.customerDays) continue;
    if (action.type === 'portal_form') await answerForm(ctx, o, account.id, action.id, action.formFields);
    else if (action.type === 'email' || action.type === 'slack_message')
      await markCustomerResponded(ctx, deps, { organizationId, actionId: action.id, actor });
  }

  const unreviewed = await ctx.prisma.submission.findMany({
    where: { accountId: account.id, reviewedAt: null },
    select: { id: true, createdAt: true },
  });
  for (const submission of unreviewed) {
    if (since(submission.createdAt) >= script.ourDays)
      await acknowledgeSubmission(ctx, { organizationId, submissionId: submission.id, actor });
  }

  const target = { organizationId, milestoneId: milestone.id, actor };
  const block = script.block;
  if (block && block.milestonePosition === milestone.position) {
    if (!account.blocked && milestone.status === 'in_progress' && since(milestone.startedAt) >= block.afterDays) {
      await blockMilestone(ctx, { ...target, cause: block.cause, note: block.note });
      account.blocked = true;
      return;
    }
    if (milestone.status === 'blocked') {
      if (since(milestone.blockedAt) < block.days) return;
      await unblockMilestone(ctx, { ...target, reason: 'Resolved' });
    }
  }
  const open = await ctx.prisma.action.count({
    where: { milestoneId: milestone.id, status: { notIn: ['completed', 'skipped'] } },
  });
  if (open === 0) await completeMilestone(ctx, target);
  else if (since(milestone.startedAt) > milestone.plannedDays * 3)
    await completeMilestone(ctx, { ...target, overrideReason: 'Closed out at the review meeting' });
}

async function answerForm(
  ctx: ServiceContext,
  o: PlayDemoHistoryOptions,
  accountId: string,
  actionId: string,
  formFields: unknown,
): Promise<void> {
  const link = await mintPortalLink(ctx, { accountId, actor: 'system', publicUrl: o.publicUrl });
  const session = await resolvePortalToken(ctx, { token: link.url.slice(link.url.lastIndexOf('/') + 1) });
  if (!session) throw new Error(`the demo's portal link for ${accountId} did not open`);
  const answer = await submitPortalForm(ctx, {
    session,
    actionId,
    values: demoFormAnswers(formFields, ctx.now()),
    notifier: silentNotifier,
  });
  if (!answer.ok) throw new Error(`the demo's answers were refused: ${JSON.stringify(answer.errors)}`);
}
