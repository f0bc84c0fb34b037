import { z } from 'zod';
import { timeToValue } from '../../domain/account-metrics';
import { currentOrNextMilestone } from '../../domain/current-milestone';
import { attributeSlip, customerSlipWords } from '../../domain/slip-attribution';
import { waitingPeriodsFrom } from '../../domain/waiting-periods';
import { customerCourtSentence, whoseCourt } from '../../domain/whose-court';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { loadAccountRecord, type LoadedAccountRecord } from './load-account-record';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface CustomerSchedule {
  /** "On track" or "2 days behind plan". */
  scheduleWords: string;
  daysBehind: number;
  /** "Waiting on you: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours". */
  courtSentence: string;
  /** How many open items wait on the customer. */
  waitingOnYou: number;
  /** The stage under way (or next to start) and when it is planned to end, and the one after it. */
  current: { name: string; status: string; plannedEndDate: Date } | null;
  then: string | null;
  /** While the onboarding runs: when go-live is expected now. */
  projectedGoLive: Date | null;
}

/**
 * What the customer's portal says about the schedule: on track or how far behind plan, whose move it is in their
 * words, and what comes next. Only sentences and counts leave here: the names of our internal items (drafts,
 * internal tasks) never reach the customer.
 */
export async function getCustomerSchedule(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<CustomerSchedule> {
  const o = parseOptions(optionsSchema, input);
  return customerScheduleFrom(await loadAccountRecord(ctx.prisma, { ...o, events: false }), ctx.now());
}

/**
 * The schedule from an account's loaded record as of `now`: pure, so a page built from a record read earlier can
 * tell whether time alone has changed what it says.
 */
export function customerScheduleFrom(
  loaded: Pick<LoadedAccountRecord, 'record' | 'calendar'>,
  now: Date,
): CustomerSchedule {
  const { record, calendar } = loaded;
  const periods = waitingPeriodsFrom(record);
  const court = whoseCourt(periods, now, calendar);
  const daysBehind = attributeSlip({ milestones: record.milestones, periods, now, calendar }).length;
  const current = currentOrNextMilestone(record.milestones);
  const after = current ? record.milestones.find((m) => m.position > current.position) : undefined;
  return {
    scheduleWords: customerSlipWords(daysBehind),
    daysBehind,
    courtSentence: customerCourtSentence(court),
    waitingOnYou: court.customer?.count ?? 0,
    current: current ? { name: current.name, status: current.status, plannedEndDate: current.plannedEndDate } : null,
    then: after?.name ?? null,
    projectedGoLive: timeToValue(record.account, record.milestones, now, calendar).projectedGoLive,
  };
}
