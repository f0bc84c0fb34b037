/**
 * The shapes shared by the whose-court clocks, the slip ledger and the per-account metrics (issue 13). Kept apart
 * from the formulas so services, blocks and the portal agree on one vocabulary.
 *
 * Sides: every open item waits on the customer or on us; a block can also be a third party's (a reseller, an
 * integration partner). A business day an account runs behind its plan is one side's.
 */

export const SLIP_SIDES = ['customer', 'us', 'third_party'] as const;
export type SlipSide = (typeof SLIP_SIDES)[number];

/** What an open item is, in the words the CSM and the customer see. */
export const WAITING_KINDS = [
  /** A portal form or document request the customer has not answered. On the customer. */
  'portal_request',
  /** An email or Slack message sent to the customer and not replied to. On the customer. */
  'awaiting_reply',
  /** A customer submission no one has reviewed (acknowledged or followed up). On us. */
  'submission_review',
  /** A draft waiting for the CSM's review (ready or changes requested). On us. */
  'draft_review',
  /** An internal task fired and not done. On us. */
  'internal_task',
  /** A blocked milestone; its side is the cause the CSM named. */
  'block',
] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

/**
 * One stretch of time during which something waited on one side. Open when `endedAt` is null. Built from the
 * record (actions, submissions, milestone blocks) by domain/waiting-periods.ts, so the history the slip ledger
 * attributes and the clocks shown now come from the same periods.
 */
export interface WaitingPeriod {
  side: SlipSide;
  kind: WaitingKind;
  /** The plan step it belongs to (the action key), when there is one; a block has none. */
  actionKey: string | null;
  /** The milestone it belongs to. */
  milestoneId: string;
  /** The action's or milestone's name, for the item lists. */
  label: string;
  startedAt: Date;
  endedAt: Date | null;
}

/** One business date an account ran behind its plan, and whose it was. */
export interface AttributedSlipDay {
  /** A local business date in the organisation's zone, as UTC midnight. */
  date: Date;
  side: SlipSide;
  milestoneId: string;
  /** block: a block covered the day; waiting: the oldest open item that day; nothing_open: nothing was asked of anyone. */
  reason: 'block' | 'waiting' | 'nothing_open';
  actionKey: string | null;
}

export interface SlipSummary {
  total: number;
  customer: number;
  us: number;
  third_party: number;
}
