/** Runs one section's SQL (aggregate-sql.ts) and reads its rows into the shapes of domain/analytics.ts. */
import type { AnalyticsSection, AnalyticsSectionId } from '../../domain/analytics';
import type { SlipSide } from '../../domain/onboarding-clock-types';
import type { ServiceContext } from '../context';
import { aggregateSql } from './aggregate-sql';
import type { AnalyticsScope } from './analytics-scope';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
/** A percentile or median, to one decimal; null for none. */
const stat = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(num(v) * 10) / 10);
const str = (v: unknown): string => String(v);

export async function runAggregate(
  db: Pick<ServiceContext['prisma'], '$queryRaw'>,
  id: AnalyticsSectionId,
  scope: AnalyticsScope,
): Promise<AnalyticsSection> {
  const rows = await db.$queryRaw<Row[]>(aggregateSql(id, scope));
  switch (id) {
    case 'ttv_by_template':
    case 'ttv_by_csm':
      return {
        id,
        rows: rows.map((r) => ({
          group: str(r.group),
          accounts: num(r.accounts),
          medianDays: stat(r.medianDays),
          p90Days: stat(r.p90Days),
        })),
      };
    case 'on_time_by_milestone':
      return {
        id,
        rows: rows.map((r) => ({
          position: num(r.position),
          milestone: str(r.milestone),
          completed: num(r.completed),
          onTime: num(r.onTime),
          rate: num(r.completed) > 0 ? num(r.onTime) / num(r.completed) : 0,
          medianActualDays: stat(r.medianActualDays),
          medianPlannedDays: stat(r.medianPlannedDays),
        })),
      };
    case 'blockers_by_cause':
      return {
        id,
        rows: rows.map((r) => ({
          cause: str(r.cause) as SlipSide,
          blocks: num(r.blocks),
          accounts: num(r.accounts),
          open: num(r.open),
          medianDays: stat(r.medianDays),
        })),
      };
    case 'slip_by_side': {
      const total = rows.reduce((sum, r) => sum + num(r.days), 0);
      return {
        id,
        rows: rows.map((r) => ({
          side: str(r.side) as SlipSide,
          days: num(r.days),
          accounts: num(r.accounts),
          share: total > 0 ? num(r.days) / total : 0,
        })),
      };
    }
    case 'csm_workload':
      return {
        id,
        rows: rows.map((r) => ({
          csm: str(r.csm),
          activeAccounts: num(r.activeAccounts),
          draftsWaiting: num(r.draftsWaiting),
          overdueActions: num(r.overdueActions),
        })),
      };
    case 'kickoff_cohorts':
      return {
        id,
        rows: rows.map((r) => ({
          month: str(r.month),
          kickedOff: num(r.kickedOff),
          live: num(r.live),
          onboarding: num(r.onboarding),
          churned: num(r.churned),
          medianProgressPct: Math.round(num(r.medianProgressPct)),
        })),
      };
    case 'accounts_at_risk':
      return {
        id,
        rows: rows.map((r) => ({
          accountId: str(r.accountId),
          account: str(r.account),
          csm: r.csm === null ? null : str(r.csm),
          status: str(r.status),
          daysBehind: num(r.daysBehind),
          milestone: r.milestone === null ? null : str(r.milestone),
        })),
      };
  }
}
