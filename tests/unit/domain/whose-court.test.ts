import { businessCalendar } from '../../../src/domain/business-days';
import { csmCourtSentence, customerCourtSentence, whoseCourt } from '../../../src/domain/whose-court';
import { at, berlin, waiting } from './account-record-builders';

/** Sunday to Thursday: the DST changes in Berlin and New York fall on a Sunday, so they fall on a working day. */
const sundayToThursday = [7, 1, 2, 3, 4];

describe('whoseCourt', () => {
  // Berlin, winter time (UTC+1). Now: Friday 2026-03-06 10:00.
  // Customer: a portal request since Monday 09:00 (Mon 15 h + Tue–Thu 72 h + Fri 10 h = 97 business hours = 4 days)
  // and an email since Thursday. Us: a draft since Friday 04:00 (6 hours).
  const now = at('2026-03-06T09:00:00Z');
  const periods = [
    waiting({ side: 'customer', kind: 'portal_request', startedAt: at('2026-03-02T08:00:00Z') }),
    waiting({
      side: 'customer',
      kind: 'awaiting_reply',
      actionKey: 'kickoff_mail',
      startedAt: at('2026-03-05T09:00:00Z'),
    }),
    waiting({ side: 'us', kind: 'draft_review', actionKey: 'agenda', startedAt: at('2026-03-06T03:00:00Z') }),
    // Closed: no longer anyone's move.
    waiting({
      side: 'us',
      kind: 'internal_task',
      startedAt: at('2026-02-20T08:00:00Z'),
      endedAt: at('2026-03-01T08:00:00Z'),
    }),
  ];

  it('counts the open items per side and ages the oldest in business hours', () => {
    const court = whoseCourt(periods, now, berlin);
    expect(court.customer).toMatchObject({
      count: 2,
      oldestStartedAt: at('2026-03-02T08:00:00Z'),
      businessHours: 97,
      ageWords: '4 days',
    });
    expect(court.customer?.items.map((p) => p.actionKey)).toEqual(['sso_form', 'kickoff_mail']);
    expect(court.us).toMatchObject({ count: 1, businessHours: 6, ageWords: '6 hours' });
    expect(court.third_party).toBeNull();
  });

  it('says it to the CSM and to the customer in their words', () => {
    const court = whoseCourt(periods, now, berlin);
    expect(csmCourtSentence(court)).toBe(
      'Waiting on the customer: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours',
    );
    expect(customerCourtSentence(court)).toBe(
      'Waiting on you: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours',
    );
  });

  it('says "nothing waiting" for a side with nothing open', () => {
    const onlyUs = whoseCourt([periods[2]!], now, berlin);
    expect(csmCourtSentence(onlyUs)).toBe('Nothing waiting on the customer · waiting on us: 1 item, 6 hours');
    expect(customerCourtSentence(onlyUs)).toBe('Nothing waiting on you · waiting on us: 1 item, 6 hours');
    const onlyCustomer = whoseCourt([periods[1]!], now, berlin);
    expect(customerCourtSentence(onlyCustomer)).toBe('Waiting on you: 1 item, 1 day · nothing waiting on us');
    expect(csmCourtSentence(whoseCourt([], now, berlin))).toBe(
      'Nothing waiting on the customer · nothing waiting on us',
    );
  });

  it('adds a third party only when a third-party block is open', () => {
    // Blocked since Wednesday 10:00 Berlin: Wed 14 h + Thu 24 h + Fri 10 h = 48 business hours = 2 days.
    const block = waiting({
      side: 'third_party',
      kind: 'block',
      actionKey: null,
      startedAt: at('2026-03-04T09:00:00Z'),
    });
    expect(csmCourtSentence(whoseCourt([...periods, block], now, berlin))).toBe(
      'Waiting on the customer: 2 items, oldest 4 days · waiting on us: 1 item, 6 hours · waiting on a third party: 1 item, 2 days',
    );
  });

  it('does not count the weekend: Friday 15:00 to Monday 09:00 is 18 hours', () => {
    // Friday 15:00 → 24:00 is 9 h, Saturday and Sunday are not working days, Monday 00:00 → 09:00 is 9 h.
    const friday = waiting({ startedAt: at('2026-03-06T14:00:00Z') });
    const court = whoseCourt([friday], at('2026-03-09T08:00:00Z'), berlin);
    expect(court.customer).toMatchObject({ businessHours: 18, ageWords: '18 hours' });
  });

  it('counts the 23-hour day of Berlin spring-forward as 23 hours, not a day', () => {
    // Sunday 2026-03-29 00:00 CET (23:00Z the day before) to Monday 00:00 CEST (22:00Z): the clocks jumped 02:00 → 03:00.
    const calendar = businessCalendar('Europe/Berlin', sundayToThursday);
    const court = whoseCourt(
      [waiting({ startedAt: at('2026-03-28T23:00:00Z') })],
      at('2026-03-29T22:00:00Z'),
      calendar,
    );
    expect(court.customer).toMatchObject({ businessHours: 23, ageWords: '23 hours' });
  });

  it('counts the 25-hour day of New York fall-back: at 23:30 on the wall clock it is already a day', () => {
    // Sunday 2026-11-01 00:00 EDT (04:00Z) to 23:30 EST (04:30Z next day): 24.5 real hours, 23.5 on the wall clock.
    const calendar = businessCalendar('America/New_York', sundayToThursday);
    const court = whoseCourt(
      [waiting({ startedAt: at('2026-11-01T04:00:00Z') })],
      at('2026-11-02T04:30:00Z'),
      calendar,
    );
    expect(court.customer).toMatchObject({ businessHours: 24.5, ageWords: '1 day' });
  });

  it('says "under an hour" for an item just opened', () => {
    const court = whoseCourt([waiting({ side: 'us', startedAt: at('2026-03-06T08:20:00Z') })], now, berlin);
    expect(customerCourtSentence(court)).toBe('Nothing waiting on you · waiting on us: 1 item, under an hour');
  });
});
