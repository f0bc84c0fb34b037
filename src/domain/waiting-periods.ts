/**
 * Waiting periods: every stretch of time during which something waited on one side, derived from the record
 * (issue 13). The clocks shown now (whose-court.ts) and the history the slip ledger attributes
 * (slip-attribution.ts) both read these, so they can never disagree.
 *
 * Rules (the brief's definitions):
 * - a sent portal form or document request waits on the customer (`portal_request`), a sent email or Slack
 *   message too (`awaiting_reply`), from executedAt until it completes, is skipped, or its milestone completes
 *   (once the milestone is done nobody waits on that message any more; but one sent after its milestone completed,
 *   as open actions can be, is still waited on);
 * - a customer-facing draft (fired, not yet sent) waits on us (`draft_review`) from firedAt until it is sent, skipped
 *   or its milestone completes; an action sent since keeps that stretch as history;
 * - a fired internal task waits on us until done (completed, or executed), skipped or its milestone completes;
 * - an unreviewed submission waits on us from its creation until reviewed;
 * - a milestone block waits on the side the CSM named as its cause.
 * Periods that end before they start (or at the same instant) are dropped: nothing waited.
 */
import type { AccountRecord, ActionRow, MilestoneRow, SubmissionRow } from './account-record';
import type { WaitingPeriod } from './onboarding-clock-types';
import { CUSTOMER_FACING_TYPES, PORTAL_TYPES } from './template';

/** The rows waiting periods are built from. */
export type WaitingRecord = Pick<AccountRecord, 'milestones' | 'actions' | 'submissions' | 'blocks'>;

type Milestones = ReadonlyMap<string, Pick<MilestoneRow, 'name' | 'completedAt'>>;

function period(
  from: Omit<WaitingPeriod, 'startedAt' | 'endedAt'>,
  startedAt: Date | null,
  endedAt: Date | null,
): WaitingPeriod[] {
  if (!startedAt) return [];
  if (endedAt && endedAt.getTime() <= startedAt.getTime()) return [];
  return [{ ...from, startedAt, endedAt }];
}

/**
 * The milestone's completion ends what started before it. An item that started after its milestone completed (a
 * milestone completed over open actions, which fire later) is still waited on: its milestone's past does not end it.
 */
function milestoneEnd(milestoneDone: Date | null, startedAt: Date | null): Date | null {
  if (!milestoneDone || !startedAt) return null;
  return milestoneDone.getTime() > startedAt.getTime() ? milestoneDone : null;
}

function actionPeriods(action: ActionRow, milestones: Milestones): WaitingPeriod[] {
  const done = milestones.get(action.milestoneId)?.completedAt ?? null;
  const base = { actionKey: action.key, milestoneId: action.milestoneId, label: action.name };
  if (action.type === 'internal_task') {
    const end = action.completedAt ?? action.executedAt ?? action.skippedAt ?? milestoneEnd(done, action.firedAt);
    return period({ ...base, side: 'us', kind: 'internal_task' }, action.firedAt, end);
  }
  if (!CUSTOMER_FACING_TYPES.includes(action.type)) return [];
  const draft = period(
    { ...base, side: 'us', kind: 'draft_review' },
    action.firedAt,
    action.executedAt ?? action.skippedAt ?? milestoneEnd(done, action.firedAt),
  );
  const kind = PORTAL_TYPES.includes(action.type) ? 'portal_request' : 'awaiting_reply';
  const sent = period(
    { ...base, side: 'customer', kind },
    action.executedAt,
    action.completedAt ?? action.skippedAt ?? milestoneEnd(done, action.executedAt),
  );
  return [...draft, ...sent];
}

function submissionPeriods(submission: SubmissionRow, actions: ReadonlyMap<string, ActionRow>): WaitingPeriod[] {
  const action = actions.get(submission.actionId);
  if (!action) return [];
  return period(
    {
      side: 'us',
      kind: 'submission_review',
      actionKey: action.key,
      milestoneId: action.milestoneId,
      label: action.name,
    },
    submission.createdAt,
    submission.reviewedAt,
  );
}

/** All waiting periods of one account, open ones with endedAt null; empty or negative periods are dropped. */
export function waitingPeriodsFrom(record: WaitingRecord): WaitingPeriod[] {
  const milestones: Milestones = new Map(record.milestones.map((m) => [m.id, m]));
  const actions = new Map(record.actions.map((a) => [a.id, a]));
  return [
    ...record.actions.flatMap((a) => actionPeriods(a, milestones)),
    ...record.submissions.flatMap((s) => submissionPeriods(s, actions)),
    ...record.blocks.flatMap((b) =>
      period(
        {
          side: b.cause,
          kind: 'block',
          actionKey: null,
          milestoneId: b.milestoneId,
          label: milestones.get(b.milestoneId)?.name ?? '',
        },
        b.startedAt,
        b.endedAt,
      ),
    ),
  ];
}
