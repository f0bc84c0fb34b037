/**
 * Properties of the slip ledger on random histories: random calendars (zones either side of UTC with DST, three
 * working weeks), random plans run late or early, and random waiting periods and blocks that overlap each other.
 * The ledger must count exactly the overrun dates (so days behind = the sum of the milestones' overruns), give each
 * one side once, not depend on the order the record came in, and never throw on a valid record, however odd.
 */
import fc from 'fast-check';
import { accountMetrics } from '../../../src/domain/account-metrics';
import type { MilestoneRow } from '../../../src/domain/account-record';
import { ACTION_STATUSES } from '../../../src/domain/action-state';
import { businessCalendar, localDateOf, type BusinessCalendar } from '../../../src/domain/business-days';
import { businessDatesSpanned } from '../../../src/domain/calendar-date';
import { MILESTONE_STATUSES } from '../../../src/domain/milestone-state';
import { SLIP_SIDES, WAITING_KINDS, type WaitingPeriod } from '../../../src/domain/onboarding-clock-types';
import { attributeSlip, overrunDates, slipSentence, summariseSlip } from '../../../src/domain/slip-attribution';
import { ACTION_TYPES } from '../../../src/domain/template';
import { waitingPeriodsFrom } from '../../../src/domain/waiting-periods';
import { csmCourtSentence, customerCourtSentence, whoseCourt } from '../../../src/domain/whose-court';
import { milestoneRow } from './account-record-builders';

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 0, 1);

const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'),
    workingDays: fc.constantFrom([1, 2, 3, 4, 5], [7, 1, 2, 3, 4], [1, 2, 3, 4, 5, 6]),
  })
  .map(({ timeZone, workingDays }) => businessCalendar(timeZone, workingDays));

const instant = (hours: number) => new Date(BASE + hours * HOUR);

/** A plan run end to end: each milestone starts when the one before completes; the last may still be open. */
const planArb = (minPlanned: number) =>
  fc
    .record({
      startHour: fc.integer({ min: 0, max: 24 * 40 }),
      legs: fc.array(
        fc.record({
          plannedDays: fc.integer({ min: minPlanned, max: 8 }),
          hours: fc.integer({ min: 0, max: 24 * 30 }),
        }),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      lastOpen: fc.constantFrom<MilestoneRow['status'] | null>(null, 'in_progress', 'blocked'),
      hoursAfter: fc.integer({ min: 0, max: 24 * 15 }),
    })
    .map(({ startHour, legs, lastOpen, hoursAfter }) => {
      let at = startHour;
      const milestones = legs.map((leg, i) => {
        const startedAt = instant(at);
        at += leg.hours;
        const open = lastOpen !== null && i === legs.length - 1;
        return milestoneRow({
          id: `m${i}`,
          position: i,
          plannedDays: leg.plannedDays,
          status: open ? lastOpen : 'completed',
          startedAt,
          completedAt: open ? null : instant(at),
        });
      });
      return { milestones, now: instant(at + hoursAfter) };
    });

/** Waiting periods anywhere around the plan, on any side and milestone, open or closed, overlapping at will. */
const periodsArb: fc.Arbitrary<WaitingPeriod[]> = fc.array(
  fc
    .record({
      side: fc.constantFrom(...SLIP_SIDES),
      kind: fc.constantFrom(...WAITING_KINDS),
      milestone: fc.integer({ min: 0, max: 5 }),
      key: fc.constantFrom('sso_form', 'contract', 'agenda', null),
      // Whole days plus one of three hours, so starts often tie and the tie rule is exercised.
      startHour: fc.tuple(fc.integer({ min: 0, max: 120 }), fc.constantFrom(0, 9, 15)).map(([d, h]) => d * 24 + h),
      hours: fc.option(fc.integer({ min: 1, max: 24 * 20 })),
    })
    .map((p): WaitingPeriod => ({
      side: p.side,
      kind: p.kind,
      actionKey: p.kind === 'block' ? null : p.key,
      milestoneId: `m${p.milestone}`,
      label: p.key ?? 'block',
      startedAt: instant(p.startHour),
      endedAt: p.hours === null ? null : instant(p.startHour + p.hours),
    })),
  { maxLength: 12 },
);

/** A fixed shuffle from a seed, so a failing case replays. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

describe('slip attribution, on random histories', () => {
  it('days behind equal the sum of the milestones’ overruns, max(0, actual − planned)', () => {
    fc.assert(
      fc.property(calendarArb, planArb(1), periodsArb, (calendar, { milestones, now }, periods) => {
        const days = attributeSlip({ milestones, periods, now, calendar });
        const overruns = milestones.reduce((sum, m) => {
          const end = m.completedAt ?? now;
          const actual = businessDatesSpanned(
            localDateOf(m.startedAt!, calendar.timeZone),
            localDateOf(end, calendar.timeZone),
            calendar.workingDays,
          );
          return sum + Math.max(0, actual - m.plannedDays);
        }, 0);
        expect(days).toHaveLength(overruns);
        expect(summariseSlip(days).total).toBe(overruns);
      }),
      { numRuns: 300 },
    );
  });

  it('attributes every overrun date exactly once, oldest first, even when milestones overlap', () => {
    fc.assert(
      fc.property(calendarArb, planArb(0), periodsArb, (calendar, { milestones, now }, periods) => {
        const days = attributeSlip({ milestones, periods, now, calendar });
        const overrun = new Set(milestones.flatMap((m) => overrunDates(m, now, calendar).map(ymd)));
        const attributed = days.map((d) => ymd(d.date));
        expect(new Set(attributed).size).toBe(attributed.length);
        expect([...attributed].sort()).toEqual(attributed);
        expect(new Set(attributed)).toEqual(overrun);
        const summary = summariseSlip(days);
        expect(summary.customer + summary.us + summary.third_party).toBe(summary.total);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same record in any order gives the same ledger', () => {
    fc.assert(
      fc.property(calendarArb, planArb(1), periodsArb, fc.integer(), (calendar, { milestones, now }, periods, seed) => {
        const first = attributeSlip({ milestones, periods, now, calendar });
        expect(attributeSlip({ milestones, periods: shuffled(periods, seed), now, calendar })).toEqual(first);
        expect(attributeSlip({ milestones, periods, now, calendar })).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

/** Any record whose fields have the right types, however unlikely the combination (statuses and instants disagree). */
const maybeInstant = fc.option(fc.integer({ min: -24 * 30, max: 24 * 400 }).map(instant));
const recordArb = fc.record({
  milestones: fc.array(
    fc.record({
      status: fc.constantFrom(...MILESTONE_STATUSES),
      plannedDays: fc.integer({ min: 0, max: 30 }),
      plannedStart: fc.integer({ min: 0, max: 400 }),
      startedAt: maybeInstant,
      completedAt: maybeInstant,
      actualDays: fc.option(fc.integer({ min: 0, max: 60 })),
    }),
    { maxLength: 5 },
  ),
  actions: fc.array(
    fc.record({
      type: fc.constantFrom(...ACTION_TYPES),
      status: fc.constantFrom(...ACTION_STATUSES),
      milestone: fc.integer({ min: 0, max: 5 }),
      firedAt: maybeInstant,
      executedAt: maybeInstant,
      completedAt: maybeInstant,
      skippedAt: maybeInstant,
    }),
    { maxLength: 8 },
  ),
  submissions: fc.array(
    fc.record({ action: fc.integer({ min: 0, max: 8 }), createdAt: maybeInstant, reviewedAt: maybeInstant }),
    {
      maxLength: 4,
    },
  ),
  blocks: fc.array(
    fc.record({
      milestone: fc.integer({ min: 0, max: 5 }),
      cause: fc.constantFrom(...SLIP_SIDES),
      startedAt: maybeInstant,
      endedAt: maybeInstant,
    }),
    { maxLength: 4 },
  ),
  events: fc.array(
    fc.record({
      kind: fc.constantFrom(
        'portal_visit',
        'form_submitted',
        'document_uploaded',
        'email_reply',
        'slack_reply' as const,
      ),
      at: maybeInstant,
    }),
    { maxLength: 5 },
  ),
  kickoff: fc.integer({ min: 0, max: 400 }),
  goLive: fc.option(fc.integer({ min: 0, max: 400 })),
  nowHour: fc.integer({ min: -24 * 30, max: 24 * 420 }),
});

const dateAfter = (days: number) => new Date(BASE + days * 24 * HOUR);

describe('the issue 13 formulas, on any valid record', () => {
  it('never throw', () => {
    fc.assert(
      fc.property(calendarArb, recordArb, (calendar, r) => {
        const milestones = r.milestones.map((m, i) =>
          milestoneRow({
            id: `m${i}`,
            position: i,
            status: m.status,
            plannedDays: m.plannedDays,
            plannedStartDate: dateAfter(m.plannedStart),
            plannedEndDate: dateAfter(m.plannedStart + m.plannedDays),
            startedAt: m.startedAt,
            completedAt: m.completedAt,
            actualDays: m.actualDays,
          }),
        );
        const actions = r.actions.map((a, i) => ({
          id: `a${i}`,
          key: `k${i}`,
          name: `Action ${i}`,
          type: a.type,
          status: a.status,
          milestoneId: `m${a.milestone}`,
          firedAt: a.firedAt,
          executedAt: a.executedAt,
          completedAt: a.completedAt,
          skippedAt: a.skippedAt,
        }));
        const submissions = r.submissions.flatMap((s) =>
          s.createdAt ? [{ actionId: `a${s.action}`, createdAt: s.createdAt, reviewedAt: s.reviewedAt }] : [],
        );
        const blocks = r.blocks.flatMap((b) =>
          b.startedAt
            ? [{ milestoneId: `m${b.milestone}`, cause: b.cause, startedAt: b.startedAt, endedAt: b.endedAt }]
            : [],
        );
        const events = r.events.flatMap((e) => (e.at ? [{ kind: e.kind, at: e.at }] : []));
        const account = {
          kickoffDate: dateAfter(r.kickoff),
          goLiveActualDate: r.goLive === null ? null : dateAfter(r.goLive),
        };
        const now = instant(r.nowHour);

        const periods = waitingPeriodsFrom({ milestones, actions, submissions, blocks });
        const court = whoseCourt(periods, now, calendar);
        expect(typeof csmCourtSentence(court)).toBe('string');
        expect(typeof customerCourtSentence(court)).toBe('string');
        const days = attributeSlip({ milestones, periods, now, calendar });
        expect(slipSentence(summariseSlip(days))).toMatch(/^(On track|\d+ days? behind: .+)$/);
        accountMetrics({ account, milestones, actions, events }, now, calendar);
      }),
      { numRuns: 300 },
    );
  });
});
