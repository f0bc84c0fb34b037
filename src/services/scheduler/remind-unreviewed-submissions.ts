/**
 * The review clock on the CSM's side: a customer submission not reviewed within the organisation's SLA gets a
 * reminder in the account's CSM channel at 75% of it and an escalation to the CSM and the admins at 100%.
 * Reviewing (reviewedAt) stops the clock. Each step is claimed with a conditional update before anyone is told,
 * so several processes never send it twice; after a downtime past the SLA only the escalation goes out.
 *
 * A CSM who takes their cards in the morning digest (App Home) is not reminded in the channel: the reminder is marked
 * held, and their digest and App Home list the submission with its buttons. The escalation is the organisation's
 * rule and goes out either way.
 *
 * A step whose Slack post fails is given back (un-marked, audited) and sent again by the next tick. An escalation
 * is also claimed per recipient, so when one of several DMs failed, the retry goes only to whoever missed it.
 */
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { claimEvent } from '../events/claim-event';
import { releaseEvent } from '../events/release-event';
import type { SubmissionReviewNotice } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';

export const REMINDER_SHARE = 0.75;
const ESCALATION_SOURCE = 'submission-escalation';

export interface SubmissionClockResult {
  reminded: string[];
  /** Reminders not posted because the account's CSM takes their cards in the morning digest. */
  held: string[];
  escalated: string[];
  /** Steps not delivered: given back, the next tick tries again. */
  failed: { submissionId: string; step: 'reminder' | 'escalation'; message: string }[];
}

interface OpenSubmission {
  id: string;
  accountId: string;
  organizationId: string;
  csmId: string | null;
  csmTakesDigest: boolean;
  slaHours: number;
}

export async function remindUnreviewedSubmissions(
  ctx: ServiceContext,
  deps: { notifier: Notifier },
  options: { limit?: number } = {},
): Promise<SubmissionClockResult> {
  const now = ctx.now();
  const result: SubmissionClockResult = { reminded: [], held: [], escalated: [], failed: [] };
  const open = await ctx.prisma.submission.findMany({
    // A submission on a live or churned account is no longer on the clock.
    where: { reviewedAt: null, escalatedAt: null, account: { status: { in: [...RUNNING_ACCOUNT_STATUSES] } } },
    orderBy: { createdAt: 'asc' },
    take: options.limit ?? 500,
    include: {
      action: { select: { name: true } },
      contact: { select: { name: true } },
      account: {
        select: {
          id: true,
          name: true,
          csmId: true,
          csm: { select: { reviewCardDelivery: true } },
          organizationId: true,
          organization: { select: { submissionReviewSlaHours: true } },
        },
      },
    },
  });
  for (const submission of open) {
    const slaHours = submission.account.organization.submissionReviewSlaHours;
    const slaMs = slaHours * 3_600_000;
    const elapsed = now.getTime() - submission.createdAt.getTime();
    // What the message says is the notifier's business (Block Kit on the Slack side); this is the fact.
    const notice: SubmissionReviewNotice = {
      submissionId: submission.id,
      accountId: submission.accountId,
      accountName: submission.account.name,
      actionName: submission.action.name,
      contactName: submission.contact?.name ?? null,
      submittedAt: submission.createdAt,
      hoursAgo: Math.floor(elapsed / 3_600_000),
      slaHours,
      hoursLeft: 0,
    };
    const s: OpenSubmission = {
      id: submission.id,
      accountId: submission.accountId,
      organizationId: submission.account.organizationId,
      csmId: submission.account.csmId,
      csmTakesDigest: submission.account.csm?.reviewCardDelivery === 'digest',
      slaHours,
    };

    if (elapsed >= slaMs) {
      const outcome = await escalate(ctx, deps, s, { ...notice, hoursLeft: 0 }, now);
      if (outcome === 'sent') result.escalated.push(s.id);
      else if (outcome !== 'taken')
        result.failed.push({ submissionId: s.id, step: 'escalation', message: outcome.failed });
    } else if (elapsed >= slaMs * REMINDER_SHARE && submission.remindedAt === null) {
      const left = Math.max(1, Math.ceil((slaMs - elapsed) / 3_600_000));
      const outcome = await remind(ctx, deps, s, { ...notice, hoursLeft: left }, now);
      if (outcome === 'sent') result.reminded.push(s.id);
      else if (outcome === 'held') result.held.push(s.id);
      else if (outcome !== 'taken')
        result.failed.push({ submissionId: s.id, step: 'reminder', message: outcome.failed });
    }
  }
  return result;
}

type Outcome = 'sent' | 'taken' | { failed: string };

async function remind(
  ctx: ServiceContext,
  deps: { notifier: Notifier },
  s: OpenSubmission,
  notice: SubmissionReviewNotice,
  now: Date,
): Promise<Outcome | 'held'> {
  const claimed = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: { id: s.id, remindedAt: null, reviewedAt: null },
      data: { remindedAt: now },
    });
    if (count === 0) return false;
    await recordAuditEvent(tx, {
      organizationId: s.organizationId,
      accountId: s.accountId,
      entityType: 'submission',
      entityId: s.id,
      actor: 'system',
      reason: s.csmTakesDigest
        ? `review reminder held for the CSM's morning digest: 75% of the ${s.slaHours} h review SLA used`
        : `review reminder: 75% of the ${s.slaHours} h review SLA used`,
      at: now,
    });
    return true;
  });
  if (!claimed) return 'taken';
  if (s.csmTakesDigest) return 'held';
  try {
    await deps.notifier.submissionReviewReminder(s.accountId, notice);
    return 'sent';
  } catch (error) {
    const message = messageOf(error);
    ctx.logger.error({ submissionId: s.id, err: error }, 'review reminder not delivered; retried next tick');
    await giveBack(ctx, s, 'remindedAt', now, `review reminder not delivered (${message}): retried on the next tick`);
    return { failed: message };
  }
}

async function escalate(
  ctx: ServiceContext,
  deps: { notifier: Notifier },
  s: OpenSubmission,
  notice: SubmissionReviewNotice,
  now: Date,
): Promise<Outcome> {
  const claimed = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: { id: s.id, escalatedAt: null, reviewedAt: null },
      data: { escalatedAt: now },
    });
    if (count === 0) return false;
    // Past the SLA the reminder has no point any more: it is never sent after the escalation.
    await tx.submission.updateMany({ where: { id: s.id, remindedAt: null }, data: { remindedAt: now } });
    await recordAuditEvent(tx, {
      organizationId: s.organizationId,
      accountId: s.accountId,
      entityType: 'submission',
      entityId: s.id,
      actor: 'system',
      reason: `not reviewed within the ${s.slaHours} h review SLA: escalated to the CSM and admins`,
      at: now,
    });
    return true;
  });
  if (!claimed) return 'taken';
  const admins = await ctx.prisma.user.findMany({
    where: { organizationId: s.organizationId, role: 'admin' },
    select: { id: true },
  });
  const recipients = [...new Set([s.csmId, ...admins.map((a) => a.id)].filter((id): id is string => id !== null))];
  const failures: string[] = [];
  for (const userId of recipients) {
    const told = { source: ESCALATION_SOURCE, eventId: `${s.id}:${userId}` };
    if (!(await claimEvent(ctx, told))) continue; // told by an earlier attempt whose other DMs failed
    try {
      await deps.notifier.submissionReviewEscalation(userId, notice);
    } catch (error) {
      await releaseEvent(ctx, told);
      failures.push(messageOf(error));
      ctx.logger.error(
        { submissionId: s.id, userId, err: error },
        'review escalation not delivered; retried next tick',
      );
    }
  }
  if (failures.length === 0) return 'sent';
  const message = failures.join('; ');
  await giveBack(
    ctx,
    s,
    'escalatedAt',
    now,
    `escalation not delivered to ${failures.length} of ${recipients.length} (${message}): retried on the next tick`,
  );
  return { failed: message };
}

/** Un-marks a step this tick claimed (only its own mark, `at`), audited, so the next tick sends it again. */
async function giveBack(
  ctx: ServiceContext,
  s: OpenSubmission,
  mark: 'remindedAt' | 'escalatedAt',
  at: Date,
  reason: string,
): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({ where: { id: s.id, [mark]: at }, data: { [mark]: null } });
    if (count === 0) return;
    await recordAuditEvent(tx, {
      organizationId: s.organizationId,
      accountId: s.accountId,
      entityType: 'submission',
      entityId: s.id,
      actor: 'system',
      reason,
      at: ctx.now(),
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
