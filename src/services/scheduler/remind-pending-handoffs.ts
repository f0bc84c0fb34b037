/**
 * The handoff clock: an account waiting for its AE's handoff reminds the AE once after the organisation's
 * handoffReminderHours business hours (a DM in Slack, or a fresh link by email), and tells its CSM and every admin
 * once after twice as many. Each step is claimed with a conditional update (remindedAt, escalatedAt) before anyone
 * is told, and the CSM's and admins' notices once more per person (ProcessedEvent), as the submission review clock
 * does, so several processes ticking at once never send anything twice. A step that could not be delivered is given
 * back and tried again on the next tick; an AE nobody can reach is not retried (the CSM hears at twice the time).
 */
import { businessCalendar } from '../../domain/business-days';
import { businessHoursBetween } from '../../domain/business-hours';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { claimEvent } from '../events/claim-event';
import { releaseEvent } from '../events/release-event';
import type { Mailer } from '../execution/ports';
import { deliverHandoffRequest } from '../handoff/deliver-handoff-request';
import { loadActiveQuestions } from '../handoff/handoff-question-view';
import { HANDOFF_ACCOUNT_SELECT, type HandoffAccount } from '../handoff/load-handoff-account';
import type { HandoffOverdueNotice } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';

const OVERDUE_SOURCE = 'handoff-overdue';

export interface HandoffClockResult {
  reminded: string[];
  /** Reminders due, but the AE could not be reached (no Slack, no email): the CSM hears at twice the time. */
  unreachable: string[];
  escalated: string[];
  failed: { accountId: string; step: 'reminder' | 'escalation'; message: string }[];
}

export interface HandoffClockDeps {
  notifier: Notifier;
  mailer?: Mailer;
  publicUrl?: string;
}

/** An account waiting for its handoff, with the request the clock counts from. */
interface Waiting {
  account: HandoffAccount;
  handoffId: string;
  requestedAt: Date;
}

export async function remindPendingHandoffs(
  ctx: ServiceContext,
  deps: HandoffClockDeps,
  options: { limit?: number } = {},
): Promise<HandoffClockResult> {
  const now = ctx.now();
  const result: HandoffClockResult = { reminded: [], unreachable: [], escalated: [], failed: [] };
  const accounts = await ctx.prisma.account.findMany({
    where: {
      status: 'pending_handoff',
      handoff: {
        submittedAt: null,
        requestedAt: { not: null },
        OR: [{ remindedAt: null }, { escalatedAt: null }],
      },
    },
    orderBy: { createdAt: 'asc' },
    take: options.limit ?? 500,
    select: HANDOFF_ACCOUNT_SELECT,
  });
  for (const account of accounts) {
    const h = account.handoff;
    if (!h?.requestedAt) continue;
    const waiting: Waiting = { account, handoffId: h.id, requestedAt: h.requestedAt };
    const hours = account.organization.handoffReminderHours;
    const calendar = businessCalendar(account.organization.timezone, account.organization.workingDays);
    const elapsed = businessHoursBetween(h.requestedAt, now, calendar);
    if (elapsed >= hours && h.remindedAt === null) await remind(ctx, deps, waiting, result, now);
    if (elapsed >= hours * 2 && h.escalatedAt === null) await escalate(ctx, deps, waiting, result, now);
  }
  return result;
}

async function audit(ctx: ServiceContext, w: Waiting, reason: string, at: Date): Promise<void> {
  await ctx.prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      organizationId: w.account.organizationId,
      accountId: w.account.id,
      entityType: 'handoff',
      entityId: w.handoffId,
      actor: 'system',
      reason,
      at,
    }),
  );
}

async function claim(ctx: ServiceContext, w: Waiting, mark: 'remindedAt' | 'escalatedAt', at: Date): Promise<boolean> {
  // Only while the request the clock counted from is still the open one (not submitted, not asked again).
  const { count } = await ctx.prisma.handoff.updateMany({
    where: { id: w.handoffId, submittedAt: null, [mark]: null, requestedAt: w.requestedAt },
    data: { [mark]: at },
  });
  return count === 1;
}

/** Un-marks a step this tick claimed (only its own mark), so the next tick tries again. */
async function giveBack(ctx: ServiceContext, w: Waiting, mark: 'remindedAt' | 'escalatedAt', at: Date): Promise<void> {
  await ctx.prisma.handoff.updateMany({ where: { id: w.handoffId, [mark]: at }, data: { [mark]: null } });
}

async function remind(
  ctx: ServiceContext,
  deps: HandoffClockDeps,
  w: Waiting,
  result: HandoffClockResult,
  now: Date,
): Promise<void> {
  if (!(await claim(ctx, w, 'remindedAt', now))) return;
  const { account } = w;
  const questions = await loadActiveQuestions(ctx.prisma, account.organizationId);
  const delivery = await deliverHandoffRequest(ctx, deps, {
    account,
    handoffId: w.handoffId,
    kind: 'reminder',
    questions,
    requestedAt: w.requestedAt,
  });
  const hours = account.organization.handoffReminderHours;
  if (delivery.reached !== 'nobody') {
    await audit(ctx, w, `the AE was reminded (${delivery.reached}) after ${hours} business hours`, now);
    result.reminded.push(account.id);
    return;
  }
  // An AE whose channel failed this time is tried again; one with no channel is not (the CSM hears later).
  if (delivery.retryable) {
    await giveBack(ctx, w, 'remindedAt', now);
    await audit(ctx, w, `the AE's reminder was not delivered (${delivery.problem}): retried on the next tick`, now);
    result.failed.push({ accountId: account.id, step: 'reminder', message: delivery.problem ?? 'not delivered' });
    return;
  }
  await audit(ctx, w, `the AE could not be reminded: ${delivery.problem ?? 'no way to reach them'}`, now);
  result.unreachable.push(account.id);
}

async function escalate(
  ctx: ServiceContext,
  deps: HandoffClockDeps,
  w: Waiting,
  result: HandoffClockResult,
  now: Date,
): Promise<void> {
  if (!(await claim(ctx, w, 'escalatedAt', now))) return;
  const { account } = w;
  const hours = account.organization.handoffReminderHours;
  await audit(ctx, w, `no handoff after ${hours * 2} business hours: the CSM and admins were told`, now);
  const admins = await ctx.prisma.user.findMany({
    where: { organizationId: account.organizationId, role: 'admin', addedAt: { not: null } },
    select: { id: true },
  });
  const recipients = [
    ...new Set([account.csmId, ...admins.map((x) => x.id)].filter((id): id is string => id !== null)),
  ];
  const notice: HandoffOverdueNotice = {
    accountId: account.id,
    accountName: account.name,
    aeName: account.ae?.name ?? null,
    aeSlackUserId: account.ae?.slackUserId ?? null,
    requestedAt: w.requestedAt,
    reminderHours: hours,
  };
  const failures: string[] = [];
  for (const userId of recipients) {
    // Per person and per request, so a retry after one failed DM goes only to whoever missed it.
    const told = { source: OVERDUE_SOURCE, eventId: `${w.handoffId}:${w.requestedAt.toISOString()}:${userId}` };
    if (!(await claimEvent(ctx, told))) continue;
    try {
      await deps.notifier.handoffOverdue(userId, notice);
    } catch (error) {
      await releaseEvent(ctx, told);
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (failures.length === 0) {
    result.escalated.push(account.id);
    return;
  }
  await giveBack(ctx, w, 'escalatedAt', now);
  const message = failures.join('; ');
  await audit(
    ctx,
    w,
    `the overdue notice missed ${failures.length} of ${recipients.length} (${message}): retried on the next tick`,
    now,
  );
  result.failed.push({ accountId: account.id, step: 'escalation', message });
}
