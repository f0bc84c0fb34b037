/**
 * The rows of one account that the whose-court clocks, the slip ledger and the per-account metrics are computed
 * from (issue 13). They are plain shapes a service fills straight from Prisma rows: the field names are the
 * columns' names, instants are `Date | null` as Prisma reads them, calendar dates (`@db.Date`) are UTC-midnight
 * Dates, and statuses are the enum strings. A Prisma row with more columns fits as it is; nothing here is derived,
 * so one loader (services/metrics/load-account-record.ts) serves every formula.
 */
import type { ActionStatus } from './action-state';
import type { SlipSide } from './onboarding-clock-types';
import type { ProjectedMilestone } from './plan-projection';
import type { ActionType } from './template';

/** Account: kickoffDate and goLiveActualDate are `@db.Date` columns (UTC midnight). */
export interface AccountRow {
  kickoffDate: Date;
  goLiveActualDate: Date | null;
}

/** Milestone: plannedStartDate/plannedEndDate are `@db.Date`; actualDays is set at completion (null before). */
export interface MilestoneRow extends ProjectedMilestone {
  position: number;
  actualDays: number | null;
}

/** Action: the instants of its life (fired = became ready, executed = sent, completed = the customer answered). */
export interface ActionRow {
  id: string;
  key: string;
  name: string;
  type: ActionType;
  status: ActionStatus;
  milestoneId: string;
  firedAt: Date | null;
  executedAt: Date | null;
  completedAt: Date | null;
  skippedAt: Date | null;
}

/** Submission: a customer's form or upload against an action; reviewedAt null until someone reviews it. */
export interface SubmissionRow {
  actionId: string;
  createdAt: Date;
  reviewedAt: Date | null;
}

/** MilestoneBlock: one block of a milestone; endedAt null while it is still blocked. */
export interface MilestoneBlockRow {
  milestoneId: string;
  cause: SlipSide;
  startedAt: Date;
  endedAt: Date | null;
}

export const ENGAGEMENT_KINDS = [
  'portal_visit',
  'form_submitted',
  'document_uploaded',
  'email_reply',
  'slack_reply',
] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

/** EngagementEvent: something the customer did, and when. */
export interface EngagementEventRow {
  kind: EngagementKind;
  at: Date;
}

/** Everything the formulas read about one account. Milestones in plan order (by position). */
export interface AccountRecord {
  account: AccountRow;
  milestones: readonly MilestoneRow[];
  actions: readonly ActionRow[];
  submissions: readonly SubmissionRow[];
  blocks: readonly MilestoneBlockRow[];
  events: readonly EngagementEventRow[];
}
