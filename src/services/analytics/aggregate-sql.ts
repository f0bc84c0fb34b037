/**
 * The SQL of each analytics aggregate: one statement per section, grouped and counted in the database (percentiles
 * with percentile_cont), scoped by organisation and the view's filters; nothing loads accounts into JavaScript.
 * Exported as statements so the benchmark can send exactly the same SQL through the driver as its baseline.
 *
 * Dates travel as ISO text with explicit casts: date columns (go-live, kickoff, slip days) compare with the local
 * dates of the period, timestamp columns (stored in UTC) with the instants those dates start at.
 */
import { Prisma } from '../../db/generated/client';
import type { AnalyticsSectionId } from '../../domain/analytics';
import { formatCalendarDate } from '../../domain/calendar-date';
import type { AnalyticsScope } from './analytics-scope';

/** How many at-risk accounts the view lists. */
export const AT_RISK_LIMIT = 10;

const day = (d: Date) => formatCalendarDate(d);
const instant = (d: Date) => d.toISOString();

/** The accounts in scope, as a condition on the alias `a`. */
function accountsInScope(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`a."organizationId" = ${s.organizationId}${
    s.template ? Prisma.sql` AND a."templateId" = ${s.template.id}` : Prisma.empty
  }${s.csm ? Prisma.sql` AND a."csmId" = ${s.csm.userId}` : Prisma.empty}`;
}

const OPEN_ACCOUNT = Prisma.sql`a."status" IN ('active'::"AccountStatus", 'at_risk'::"AccountStatus")`;

function ttv(s: AnalyticsScope, by: 'template' | 'csm'): Prisma.Sql {
  const join =
    by === 'template'
      ? Prisma.sql`LEFT JOIN "Template" g ON g."id" = a."templateId"`
      : Prisma.sql`LEFT JOIN "User" g ON g."id" = a."csmId"`;
  const none = by === 'template' ? '(no template)' : '(no CSM)';
  return Prisma.sql`
    SELECT COALESCE(g."name", ${none}) AS "group", count(*)::int AS "accounts",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY a."timeToValueDays") AS "medianDays",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY a."timeToValueDays") AS "p90Days"
    FROM "Account" a ${join}
    WHERE ${accountsInScope(s)} AND a."timeToValueDays" IS NOT NULL
      AND a."goLiveActualDate" >= ${day(s.period.from)}::date AND a."goLiveActualDate" < ${day(s.period.to)}::date
    GROUP BY g."id", g."name"
    ORDER BY "medianDays" ASC, "group" ASC`;
}

function onTime(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT m."position", m."name" AS "milestone", count(*)::int AS "completed",
      (count(*) FILTER (WHERE m."actualDays" <= m."plannedDays"))::int AS "onTime",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY m."actualDays") AS "medianActualDays",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY m."plannedDays") AS "medianPlannedDays"
    FROM "Milestone" m JOIN "Account" a ON a."id" = m."accountId"
    WHERE ${accountsInScope(s)} AND m."actualDays" IS NOT NULL AND m."completedAt" IS NOT NULL
      AND m."completedAt" >= ${instant(s.fromInstant)}::timestamp AND m."completedAt" < ${instant(s.toInstant)}::timestamp
    GROUP BY m."position", m."name"
    ORDER BY m."position" ASC, m."name" ASC`;
}

function blockers(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT b."cause"::text AS "cause", count(*)::int AS "blocks", count(DISTINCT b."accountId")::int AS "accounts",
      (count(*) FILTER (WHERE b."endedAt" IS NULL))::int AS "open",
      percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM (COALESCE(b."endedAt", ${instant(s.asOf)}::timestamp) - b."startedAt")) / 86400
      ) AS "medianDays"
    FROM "MilestoneBlock" b JOIN "Account" a ON a."id" = b."accountId"
    WHERE b."organizationId" = ${s.organizationId} AND ${accountsInScope(s)}
      AND b."startedAt" >= ${instant(s.fromInstant)}::timestamp AND b."startedAt" < ${instant(s.toInstant)}::timestamp
    GROUP BY b."cause"
    ORDER BY b."cause" ASC`;
}

function slip(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT d."side"::text AS "side", count(*)::int AS "days", count(DISTINCT d."accountId")::int AS "accounts"
    FROM "SlipDay" d JOIN "Account" a ON a."id" = d."accountId"
    WHERE d."organizationId" = ${s.organizationId} AND ${accountsInScope(s)}
      AND d."date" >= ${day(s.period.from)}::date AND d."date" < ${day(s.period.to)}::date
    GROUP BY d."side"
    ORDER BY d."side" ASC`;
}

/** Drafts and overdue actions as App Home counts them: ready or changes requested; not done and past due. */
function workload(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(u."name", '(no CSM)') AS "csm", count(*)::int AS "activeAccounts",
      COALESCE(sum(w."drafts"), 0)::int AS "draftsWaiting", COALESCE(sum(w."overdue"), 0)::int AS "overdueActions"
    FROM "Account" a
    LEFT JOIN "User" u ON u."id" = a."csmId"
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE x."status" IN ('ready'::"ActionStatus", 'review_pending'::"ActionStatus")) AS "drafts",
        count(*) FILTER (
          WHERE x."status" IN ('pending'::"ActionStatus", 'ready'::"ActionStatus", 'review_pending'::"ActionStatus")
            AND x."dueAt" < ${instant(s.asOf)}::timestamp
        ) AS "overdue"
      FROM "Action" x WHERE x."accountId" = a."id"
    ) w ON true
    WHERE ${accountsInScope(s)} AND ${OPEN_ACCOUNT}
    GROUP BY u."id", u."name"
    ORDER BY "activeAccounts" DESC, "csm" ASC`;
}

function cohorts(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(a."kickoffDate", 'YYYY-MM') AS "month", count(*)::int AS "kickedOff",
      (count(*) FILTER (WHERE a."status" = 'completed'::"AccountStatus"))::int AS "live",
      (count(*) FILTER (WHERE a."status" = 'churned'::"AccountStatus"))::int AS "churned",
      (count(*) FILTER (WHERE a."status" NOT IN ('completed'::"AccountStatus", 'churned'::"AccountStatus")))::int AS "onboarding",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY a."progressPct") AS "medianProgressPct"
    FROM "Account" a
    WHERE ${accountsInScope(s)}
      AND a."kickoffDate" >= ${day(s.period.from)}::date AND a."kickoffDate" < ${day(s.period.to)}::date
    GROUP BY 1
    ORDER BY 1 ASC`;
}

function atRisk(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT a."id" AS "accountId", a."name" AS "account", u."name" AS "csm", a."status"::text AS "status",
      a."daysBehind",
      (SELECT m."name" FROM "Milestone" m
        WHERE m."accountId" = a."id" AND m."status" IN ('in_progress'::"MilestoneStatus", 'blocked'::"MilestoneStatus")
        ORDER BY m."position" ASC LIMIT 1) AS "milestone"
    FROM "Account" a LEFT JOIN "User" u ON u."id" = a."csmId"
    WHERE ${accountsInScope(s)} AND ${OPEN_ACCOUNT}
      AND (a."status" = 'at_risk'::"AccountStatus" OR a."daysBehind" > 0)
    ORDER BY (a."status" = 'at_risk'::"AccountStatus") DESC, a."daysBehind" DESC, a."name" ASC
    LIMIT ${AT_RISK_LIMIT}`;
}

/** The statement behind one section. */
export function aggregateSql(section: AnalyticsSectionId, scope: AnalyticsScope): Prisma.Sql {
  switch (section) {
    case 'ttv_by_template':
      return ttv(scope, 'template');
    case 'ttv_by_csm':
      return ttv(scope, 'csm');
    case 'on_time_by_milestone':
      return onTime(scope);
    case 'blockers_by_cause':
      return blockers(scope);
    case 'slip_by_side':
      return slip(scope);
    case 'csm_workload':
      return workload(scope);
    case 'kickoff_cohorts':
      return cohorts(scope);
    case 'accounts_at_risk':
      return atRisk(scope);
  }
}
