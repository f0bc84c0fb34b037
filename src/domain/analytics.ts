/**
 * The analytics a CS leader reads (issue 13): the sections, the rows each aggregate returns, and each section as a
 * table (the CSV export and the numbers shown beside a chart say the same thing). The aggregates themselves are SQL
 * in services/analytics; this is the vocabulary they, the charts and Slack share.
 */
import type { CsvCell } from './csv';
import type { SlipSide } from './onboarding-clock-types';

export const ANALYTICS_SECTIONS = [
  'ttv_by_template',
  'ttv_by_csm',
  'on_time_by_milestone',
  'blockers_by_cause',
  'slip_by_side',
  'csm_workload',
  'kickoff_cohorts',
  'accounts_at_risk',
] as const;
export type AnalyticsSectionId = (typeof ANALYTICS_SECTIONS)[number];

export function isAnalyticsSection(value: string): value is AnalyticsSectionId {
  return (ANALYTICS_SECTIONS as readonly string[]).includes(value);
}

/** Time to value of the accounts that went live in the period, per template or per CSM (business days). */
export interface TtvRow {
  group: string;
  accounts: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** Milestones completed in the period, per plan position and name: how many within their planned days. */
export interface OnTimeRow {
  position: number;
  milestone: string;
  completed: number;
  onTime: number;
  /** onTime / completed, 0–1. */
  rate: number;
  medianActualDays: number | null;
  medianPlannedDays: number | null;
}

/** Blocks started in the period, by the cause the CSM named. */
export interface BlockerRow {
  cause: SlipSide;
  blocks: number;
  accounts: number;
  /** Still blocked now. */
  open: number;
  /** Median length in calendar days (an open block counts up to now). */
  medianDays: number | null;
}

/** Business days behind plan in the period, by whose they were (the slip ledger). */
export interface SlipSideRow {
  side: SlipSide;
  days: number;
  accounts: number;
  /** days / all slip days in the period, 0–1. */
  share: number;
}

/** Each CSM's load now: accounts onboarding, drafts waiting for their review, actions past due. */
export interface WorkloadRow {
  csm: string;
  activeAccounts: number;
  draftsWaiting: number;
  overdueActions: number;
}

/** Accounts that kicked off in a month of the period, and how far they got. */
export interface CohortRow {
  /** YYYY-MM. */
  month: string;
  kickedOff: number;
  live: number;
  onboarding: number;
  churned: number;
  /** Median share of milestones completed, 0–100. */
  medianProgressPct: number;
}

/** Open accounts at risk first, then those furthest behind plan. */
export interface AtRiskRow {
  accountId: string;
  account: string;
  csm: string | null;
  status: string;
  daysBehind: number;
  milestone: string | null;
}

export type AnalyticsSection =
  | { id: 'ttv_by_template'; rows: TtvRow[] }
  | { id: 'ttv_by_csm'; rows: TtvRow[] }
  | { id: 'on_time_by_milestone'; rows: OnTimeRow[] }
  | { id: 'blockers_by_cause'; rows: BlockerRow[] }
  | { id: 'slip_by_side'; rows: SlipSideRow[] }
  | { id: 'csm_workload'; rows: WorkloadRow[] }
  | { id: 'kickoff_cohorts'; rows: CohortRow[] }
  | { id: 'accounts_at_risk'; rows: AtRiskRow[] };

export const SECTION_TITLES: Readonly<Record<AnalyticsSectionId, string>> = {
  ttv_by_template: 'Time to value by template',
  ttv_by_csm: 'Time to value by CSM',
  on_time_by_milestone: 'On-time rate by milestone',
  blockers_by_cause: 'Blockers by cause',
  slip_by_side: 'Slip by side',
  csm_workload: 'CSM workload now',
  kickoff_cohorts: 'Kickoffs by month',
  accounts_at_risk: 'Accounts at risk',
};

/** What each section counts, in one line under its title. */
export const SECTION_NOTES: Readonly<Record<AnalyticsSectionId, string>> = {
  ttv_by_template: 'Accounts that went live in the period; business days from kickoff to go-live.',
  ttv_by_csm: 'Accounts that went live in the period; business days from kickoff to go-live.',
  on_time_by_milestone: 'Milestones completed in the period within their planned business days.',
  blockers_by_cause: 'Blocks started in the period, by the cause the CSM named.',
  slip_by_side: 'Business days behind plan in the period, by whose move it was.',
  csm_workload: 'As of now: accounts onboarding, drafts waiting for review, actions past due.',
  kickoff_cohorts: 'Accounts that kicked off in each month of the period, and where they are now.',
  accounts_at_risk: 'Open accounts: at risk first, then the most business days behind plan.',
};

export const SIDE_WORDS: Readonly<Record<SlipSide, string>> = {
  customer: 'customer',
  us: 'us',
  third_party: 'third party',
};

/** 0.8333 → "83%". */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** A median or percentile in days, to one decimal where it has one: 12, 12.5, "—" for none. */
export function days(value: number | null): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export interface AnalyticsTable {
  header: string[];
  rows: CsvCell[][];
}

/** The section as a table: the CSV export's columns, and the numbers beside the chart. */
export function sectionTable(section: AnalyticsSection): AnalyticsTable {
  switch (section.id) {
    case 'ttv_by_template':
    case 'ttv_by_csm':
      return {
        header: [section.id === 'ttv_by_template' ? 'Template' : 'CSM', 'Accounts live', 'Median days', 'P90 days'],
        rows: section.rows.map((r) => [r.group, r.accounts, r.medianDays, r.p90Days]),
      };
    case 'on_time_by_milestone':
      return {
        header: [
          'Position',
          'Milestone',
          'Completed',
          'On time',
          'On-time rate',
          'Median actual days',
          'Median planned days',
        ],
        rows: section.rows.map((r) => [
          r.position,
          r.milestone,
          r.completed,
          r.onTime,
          Math.round(r.rate * 1000) / 1000,
          r.medianActualDays,
          r.medianPlannedDays,
        ]),
      };
    case 'blockers_by_cause':
      return {
        header: ['Cause', 'Blocks', 'Accounts', 'Still blocked', 'Median calendar days'],
        rows: section.rows.map((r) => [SIDE_WORDS[r.cause], r.blocks, r.accounts, r.open, r.medianDays]),
      };
    case 'slip_by_side':
      return {
        header: ['Side', 'Days behind', 'Accounts', 'Share'],
        rows: section.rows.map((r) => [SIDE_WORDS[r.side], r.days, r.accounts, Math.round(r.share * 1000) / 1000]),
      };
    case 'csm_workload':
      return {
        header: ['CSM', 'Active accounts', 'Drafts waiting', 'Overdue actions'],
        rows: section.rows.map((r) => [r.csm, r.activeAccounts, r.draftsWaiting, r.overdueActions]),
      };
    case 'kickoff_cohorts':
      return {
        header: ['Month', 'Kicked off', 'Live', 'Onboarding', 'Churned', 'Median progress %'],
        rows: section.rows.map((r) => [r.month, r.kickedOff, r.live, r.onboarding, r.churned, r.medianProgressPct]),
      };
    case 'accounts_at_risk':
      return {
        header: ['Account', 'CSM', 'Status', 'Days behind', 'Current milestone'],
        rows: section.rows.map((r) => [r.account, r.csm, r.status, r.daysBehind, r.milestone]),
      };
  }
}

/**
 * Each row in words, for screen readers and for Slack clients that show no images: "Onboarding: 12 live, median
 * 34 days, p90 51". Plain text; the Slack builder escapes it.
 */
export function sectionLines(section: AnalyticsSection): string[] {
  switch (section.id) {
    case 'ttv_by_template':
    case 'ttv_by_csm':
      return section.rows.map(
        (r) => `${r.group}: ${r.accounts} live, median ${days(r.medianDays)} days, p90 ${days(r.p90Days)}`,
      );
    case 'on_time_by_milestone':
      return section.rows.map(
        (r) =>
          `${r.milestone}: ${percent(r.rate)} on time (${r.onTime} of ${r.completed}), median ${days(r.medianActualDays)} days against ${days(r.medianPlannedDays)} planned`,
      );
    case 'blockers_by_cause':
      return section.rows.map(
        (r) =>
          `${capitalise(SIDE_WORDS[r.cause])}: ${r.blocks} block${r.blocks === 1 ? '' : 's'} on ${r.accounts} account${r.accounts === 1 ? '' : 's'}, ${r.open} still open, median ${days(r.medianDays)} days`,
      );
    case 'slip_by_side':
      return section.rows.map(
        (r) =>
          `${capitalise(SIDE_WORDS[r.side])}: ${r.days} day${r.days === 1 ? '' : 's'} (${percent(r.share)}) on ${r.accounts} account${r.accounts === 1 ? '' : 's'}`,
      );
    case 'csm_workload':
      return section.rows.map(
        (r) =>
          `${r.csm}: ${r.activeAccounts} active account${r.activeAccounts === 1 ? '' : 's'}, ${r.draftsWaiting} draft${r.draftsWaiting === 1 ? '' : 's'} waiting, ${r.overdueActions} overdue`,
      );
    case 'kickoff_cohorts':
      return section.rows.map(
        (r) =>
          `${r.month}: ${r.kickedOff} kicked off, ${r.live} live, ${r.onboarding} onboarding, ${r.churned} churned, median progress ${r.medianProgressPct}%`,
      );
    case 'accounts_at_risk':
      return section.rows.map(
        (r) =>
          `${r.account}${r.status === 'at_risk' ? ' (at risk)' : ''}: ${r.daysBehind} day${r.daysBehind === 1 ? '' : 's'} behind${r.milestone ? `, in ${r.milestone}` : ''}${r.csm ? `, ${r.csm}` : ''}`,
      );
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
