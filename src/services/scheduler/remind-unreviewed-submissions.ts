/**
 * The review clock on the CSM's side: a customer submission not reviewed within the organisation's SLA gets a
 * reminder in the account's CSM channel at 75% of it and an escalation to the CSM and the admins at 100%.
 * Reviewing (reviewedAt) stops the clock. Each step is claimed with a conditional update before anyone is told,
 * so several processes never send it twice; after a downtime past the SLA only the escalation goes out.
 */
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import type { SubmissionReviewNotice } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';

export const REMINDER_SHARE = 0.75;

export interface SubmissionClockResult {
  reminded: string[];
  escalated: string[];
}

export async function remindUnreviewedSubmissions(
  ctx: ServiceContext,
  deps: { notifier: Notifier },
  options: { limit?: number } = {},
): Promise<SubmissionClockResult> {
  const now = ctx.now();
  const result: SubmissionClockResult = { reminded: [], escalated: [] };
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

    if (elapsed >= slaMs) {
      const claimed = await ctx.prisma.$transaction(async (tx) => {
        const { count } = await tx.submission.updateMany({
          where: { id: submission.id, escalatedAt: null, reviewedAt: null },
          data: { escalatedAt: now },
        });
        if (count === 0) return false;
        await tx.submission.updateMany({ where: { id: submission.id, remindedAt: null }, data: { remindedAt: now } });
        await recordAuditEvent(tx, {
          organizationId: submission.account.organizationId,
          accountId: submission.accountId,
          entityType: 'submission',
          entityId: submission.id,
          actor: 'system',
          reason: `not reviewed within the ${slaHours} h review SLA: escalated to the CSM and admins`,
          at: now,
        });
        return true;
      });
      if (!claimed) continue;
      const admins = await ctx.prisma.user.findMany({
        where: { organizationId: submission.account.organizationId, role: 'admin' },
        select: { id: true },
      });
      const recipients = [
        ...new Set([submission.account.csmId, ...admins.map((a) => a.id)].filter((id): id is string => id !== null)),
      ];
      for (const userId of recipients)
        await deps.notifier.submissionReviewEscalation(userId, { ...notice, hoursLeft: 0 });
      result.escalated.push(submission.id);
    } else if (elapsed >= slaMs * REMINDER_SHARE && submission.remindedAt === null) {
      const claimed = await ctx.prisma.$transaction(async (tx) => {
        const { count } = await tx.submission.updateMany({
          where: { id: submission.id, remindedAt: null, reviewedAt: null },
          data: { remindedAt: now },
        });
        if (count === 0) return false;
        await recordAuditEvent(tx, {
          organizationId: submission.account.organizationId,
          accountId: submission.accountId,
          entityType: 'submission',
          entityId: submission.id,
          actor: 'system',
          reason: `review reminder: 75% of the ${slaHours} h review SLA used`,
          at: now,
        });
        return true;
      });
      if (!claimed) continue;
      const left = Math.max(1, Math.ceil((slaMs - elapsed) / 3_600_000));
      await deps.notifier.submissionReviewReminder(submission.accountId, { ...notice, hoursLeft: left });
      result.reminded.push(submission.id);
    }
  }
  return result;
}
