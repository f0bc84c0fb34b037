/**
 * The daily digest: one Slack DM per CSM at the organisation's digest hour in its timezone, in place of many
 * separate pings: drafts to review (for a CSM who chose the digest, the only place their review cards are pushed),
 * drafts due today, overdue, blocked milestones, accounts at risk, submissions waiting for review.
 * Each digest is claimed once per CSM and local day (a ProcessedEvent row), so several processes send it once;
 * a tick that comes late (after a downtime) still sends that day's digest. A failed send gives the claim back.
 */
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import { addCalendarDays, formatCalendarDate } from '../../domain/calendar-date';
import { localDateAt, localDateOf } from '../../domain/business-days';
import { toLocalDateTime } from '../../domain/zoned-time';
import type { ServiceContext } from '../context';
import { isDigestEmpty, type DigestContent } from '../notifications/notification-facts';
import type { Notifier } from '../notifications/notifier-port';

export type { DigestContent } from '../notifications/notification-facts';

export interface DailyDigestsResult {
  sent: { userId: string; date: string }[];
  /** Claimed for the day but with nothing to say: no DM. */
  empty: string[];
  failed: { userId: string; message: string }[];
}

export async function sendDailyDigests(ctx: ServiceContext, deps: { notifier: Notifier }): Promise<DailyDigestsResult> {
  const now = ctx.now();
  const result: DailyDigestsResult = { sent: [], empty: [], failed: [] };
  const organizations = await ctx.prisma.organization.findMany({
    select: { id: true, timezone: true, digestHour: true },
  });
  for (const org of organizations) {
    if (toLocalDateTime(now, org.timezone).hour < org.digestHour) continue;
    const today = localDateOf(now, org.timezone);
    const date = formatCalendarDate(today);
    const dayStart = localDateAt(today, 0, org.timezone);
    const dayEnd = localDateAt(addCalendarDays(today, 1), 0, org.timezone);
    const csms = await ctx.prisma.user.findMany({
      where: { organizationId: org.id, csmAccounts: { some: { status: { in: [...RUNNING_ACCOUNT_STATUSES] } } } },
      select: { id: true, name: true },
    });
    for (const csm of csms) {
      const claimId = `digest:${csm.id}:${date}`;
      const claim = await ctx.prisma.processedEvent.createMany({
        data: [{ id: claimId, source: 'daily-digest', receivedAt: now }],
        skipDuplicates: true,
      });
      if (claim.count === 0) continue;
      try {
        const content = await digestFor(ctx, csm.id, now, dayStart, dayEnd);
        if (isDigestEmpty(content)) {
          result.empty.push(csm.id);
          continue;
        }
        // The Slack side renders it (Block Kit); the service only says what is in it.
        await deps.notifier.sendDigest(csm.id, { recipientName: csm.name, date, content });
        result.sent.push({ userId: csm.id, date });
      } catch (error) {
        await ctx.prisma.processedEvent.deleteMany({ where: { id: claimId } });
        const message = error instanceof Error ? error.message : String(error);
        ctx.logger.error({ userId: csm.id, err: error }, 'daily digest failed');
        result.failed.push({ userId: csm.id, message });
      }
    }
  }
  return result;
}

async function digestFor(
  ctx: ServiceContext,
  csmId: string,
  now: Date,
  dayStart: Date,
  dayEnd: Date,
): Promise<DigestContent> {
  // Live and churned accounts have nothing left for the digest.
  const mine = { csmId, status: { in: [...RUNNING_ACCOUNT_STATUSES] } };
  const label = (a: { name: string; account: { name: string } }) => `${a.account.name}: ${a.name}`;
  const toReview = await ctx.prisma.action.findMany({
    where: { account: mine, status: { in: ['ready', 'review_pending'] }, reviewCardTs: null },
    orderBy: [{ firedAt: { sort: 'asc', nulls: 'last' } }, { position: 'asc' }],
    select: { name: true, status: true, account: { select: { name: true } } },
  });
  const dueToday = await ctx.prisma.action.findMany({
    where: {
      account: mine,
      status: { in: ['pending', 'ready', 'review_pending'] },
      dueAt: { gte: dayStart, lt: dayEnd },
    },
    orderBy: { dueAt: 'asc' },
    select: { name: true, account: { select: { name: true } } },
  });
  const overdue = await ctx.prisma.action.findMany({
    where: { account: mine, status: { in: ['ready', 'review_pending'] }, dueAt: { lt: dayStart } },
    orderBy: { dueAt: 'asc' },
    select: { name: true, dueAt: true, account: { select: { name: true } } },
  });
  const blocked = await ctx.prisma.milestone.findMany({
    where: { account: mine, status: 'blocked' },
    orderBy: { blockedAt: 'asc' },
    select: { name: true, blockerNote: true, account: { select: { name: true } } },
  });
  const risky = await ctx.prisma.account.findMany({
    where: { ...mine, OR: [{ status: 'at_risk' }, { riskSuggestedAt: { not: null } }] },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, status: true, riskSuggestion: true },
  });
  const reviews = await ctx.prisma.submission.findMany({
    where: { account: mine, reviewedAt: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true, createdAt: true, action: { select: { name: true } }, account: { select: { name: true } } },
  });
  const days = (d: Date | null) => (d ? Math.floor((now.getTime() - d.getTime()) / 86_400_000) : 0);
  return {
    draftsToReview: toReview.map((a) => `${label(a)}${a.status === 'review_pending' ? ' (changes requested)' : ''}`),
    dueToday: dueToday.map(label),
    overdue: overdue.map((a) => `${label(a)} (due ${days(a.dueAt)} d ago)`),
    blocked: blocked.map((m) => `${m.account.name}: ${m.name}${m.blockerNote ? ` (${m.blockerNote})` : ''}`),
    atRisk: risky
      .filter((a) => a.status === 'at_risk' || suggestedReasons(a.riskSuggestion).length > 0)
      .map((a) =>
        a.status === 'at_risk'
          ? { accountId: a.id, text: `${a.name} (at risk)`, suggested: false }
          : {
              accountId: a.id,
              text: `${a.name} (suggested: ${suggestedReasons(a.riskSuggestion).join('; ')})`,
              suggested: true,
            },
      ),
    waitingReviews: reviews.map((s) => ({
      submissionId: s.id,
      text: `${s.account.name}: ${s.action.name} (submitted ${Math.floor((now.getTime() - s.createdAt.getTime()) / 3_600_000)} h ago)`,
    })),
  };
}

function suggestedReasons(suggestion: unknown): string[] {
  const reasons = (suggestion as { reasons?: { message?: unknown }[] } | null)?.reasons;
  return Array.isArray(reasons) ? reasons.map((r) => String(r.message ?? '')).filter(Boolean) : [];
}
