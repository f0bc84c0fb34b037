/**
 * Why each action of an account's plan stands where it stands, in one line the CSM reads beside it in the plan:
 * "waits for *Kickoff call*", "due Tue 14 Mar 09:00", "held: 3 portal requests open", "sent 2 days ago, no reply
 * yet", "completed by the customer", "starts by hand", "skipped by Dana Scully".
 *
 * The line is a list of parts rather than a string, so each surface renders the names it holds its own way (Slack
 * escapes them and sets action names in bold). Pure: the clock and the organisation's time zone are passed in.
 */
import type { ActionStatus } from './action-state';
import { localDateOf } from './business-days';
import type { MilestoneStatus } from './milestone-state';
import { CUSTOMER_FACING_TYPES, type ActionType, type TriggerKind } from './template';
import { triggerAnchor } from './triggers';
import { toLocalDateTime } from './zoned-time';

/** Plain words, the name of another action of the plan, or a person's name. */
export type WhyPart = string | { action: string } | { person: string };

/** Who took an action to its end, as the audit trail records it. */
export type Doer =
  | { kind: 'customer' }
  | { kind: 'person'; name: string }
  /** Thread itself (a reply picked up, a rule applied). */
  | { kind: 'thread' }
  | { kind: 'cli' };

export interface WhyFacts {
  status: ActionStatus;
  type: ActionType;
  triggerKind: TriggerKind;
  delayDays: number;
  afterActionKey: string | null;
  /** The action waited on, when the trigger waits on one that is in the plan. */
  waitsOn: { name: string } | null;
  dueAt: Date | null;
  /** Why a due action still waits (the portal throttle's "waiting: 3 portal requests open"). */
  waitingReason: string | null;
  executedAt: Date | null;
  approvedAt: Date | null;
  lastError: string | null;
  /** Who completed or skipped it, when it is completed or skipped and the audit trail says. */
  doneBy: Doer | null;
  milestoneStatus: MilestoneStatus;
}

export interface WhyClock {
  now: Date;
  /** The organisation's zone: due times read in it. */
  timeZone: string;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** "Tue 14 Mar 09:00" in the zone; the year is added when it is not this year there. */
export function formatLocalTime(instant: Date, timeZone: string, now: Date): string {
  const local = toLocalDateTime(instant, timeZone);
  const weekday = WEEKDAYS[(new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7];
  const year = local.year === toLocalDateTime(now, timeZone).year ? '' : ` ${local.year}`;
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return `${weekday} ${local.day} ${MONTHS[local.month - 1]}${year} ${time}`;
}

/** "today", "yesterday", "3 days ago": calendar days in the zone, so 23:00 → 08:00 the next morning is a day. */
export function daysAgo(instant: Date, now: Date, timeZone: string): string {
  const days = Math.round((localDateOf(now, timeZone).getTime() - localDateOf(instant, timeZone).getTime()) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

function thenDelay(delayDays: number): string {
  if (delayDays <= 0) return '';
  return `, then ${delayDays} business day${delayDays === 1 ? '' : 's'}`;
}

/** The throttle writes "waiting: 3 portal requests open"; the plan says "held: 3 portal requests open". */
function heldBecause(reason: string): string {
  return `held: ${reason.replace(/^waiting:\s*/i, '')}`;
}

function completedWhy(f: WhyFacts): WhyPart[] {
  if (f.type === 'internal_task') {
    return f.doneBy?.kind === 'person' ? ['done by ', { person: f.doneBy.name }] : ['done'];
  }
  if (f.doneBy?.kind === 'person') return ['completed by the customer (marked by ', { person: f.doneBy.name }, ')'];
  return CUSTOMER_FACING_TYPES.includes(f.type) ? ['completed by the customer'] : ['completed'];
}

function skippedWhy(doneBy: Doer | null): WhyPart[] {
  switch (doneBy?.kind) {
    case 'person':
      return ['skipped by ', { person: doneBy.name }];
    case 'cli':
      return ['skipped from the command line'];
    case 'thread':
      return ['skipped by Thread'];
    default:
      return ['skipped'];
  }
}

function sentWhy(f: WhyFacts, clock: WhyClock): WhyPart[] {
  const when = f.executedAt ? `sent ${daysAgo(f.executedAt, clock.now, clock.timeZone)}` : 'sent';
  if (f.type === 'internal_task') return [`${when}, waiting to be marked done`];
  if (f.type === 'portal_form' || f.type === 'portal_document') return [`${when}, no answer yet`];
  return [`${when}, no reply yet`];
}

function pendingWhy(f: WhyFacts, clock: WhyClock): WhyPart[] {
  if (f.dueAt) {
    if (f.waitingReason) return [heldBecause(f.waitingReason)];
    const at = formatLocalTime(f.dueAt, clock.timeZone, clock.now);
    return f.dueAt.getTime() <= clock.now.getTime() ? [`due since ${at}, fires on the next tick`] : [`due ${at}`];
  }
  const delay = thenDelay(f.delayDays);
  switch (triggerAnchor(f.triggerKind, f.afterActionKey)) {
    case 'manual':
      return ['starts by hand'];
    case 'milestone_start':
      return [`waits for the milestone to start${delay}`];
    case 'action_done':
      return f.waitsOn
        ? ['waits for ', { action: f.waitsOn.name }, delay]
        : [`waits for an action that is no longer in the plan${delay}`];
    case 'submission':
      return f.waitsOn
        ? ['waits for the customer to answer ', { action: f.waitsOn.name }, delay]
        : [`waits for an answer to a request that is no longer in the plan${delay}`];
    case 'kickoff':
      return ['not scheduled yet'];
  }
}

/** The "why" line of one action of the plan. */
export function actionWhy(f: WhyFacts, clock: WhyClock): WhyPart[] {
  switch (f.status) {
    case 'completed':
      return completedWhy(f);
    case 'skipped':
      return skippedWhy(f.doneBy);
    case 'executed':
      return sentWhy(f, clock);
    case 'executing':
      return ['being sent now'];
    case 'review_pending':
      return ['changes requested, waiting for a new draft'];
    case 'ready':
      if (f.lastError) return ['the last send failed, ready to retry'];
      return f.approvedAt ? ['approved, ready to execute'] : ['draft ready for review'];
    case 'pending':
      return pendingWhy(f, clock).filter((p) => p !== '');
  }
}

/** The line as plain text, action names in *bold* (as the plan shows them); for logs, the CLI and tests. */
export function whyText(parts: readonly WhyPart[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : 'action' in p ? `*${p.action}*` : p.person))
    .join('')
    .trim();
}
