import { businessCalendar } from '../../../src/domain/business-days';
import { businessHoursBetween } from '../../../src/domain/business-hours';

const utc = businessCalendar('UTC');

describe('business hours', () => {
  it('count every hour of a working day and none of a weekend', () => {
    // Friday 15:00 to Monday 15:00: the rest of Friday and Monday until 15:00.
    expect(businessHoursBetween(new Date('2026-11-27T15:00:00Z'), new Date('2026-11-30T15:00:00Z'), utc)).toBe(24);
    expect(businessHoursBetween(new Date('2026-11-27T15:00:00Z'), new Date('2026-11-30T14:59:00Z'), utc)).toBeCloseTo(
      23 + 59 / 60,
    );
    // A clock started on Saturday starts counting on Monday at 00:00.
    expect(businessHoursBetween(new Date('2026-11-28T10:00:00Z'), new Date('2026-11-30T06:00:00Z'), utc)).toBe(6);
    expect(businessHoursBetween(new Date('2026-11-24T10:00:00Z'), new Date('2026-11-24T10:30:00Z'), utc)).toBe(0.5);
  });

  it('follow the organisation’s zone and working days, day lengths included', () => {
    // Berlin's clocks go forward on Sunday 29 March 2026: a seven-day week counts that day as 23 hours.
    const berlin = businessCalendar('Europe/Berlin', [1, 2, 3, 4, 5, 6, 7]);
    expect(businessHoursBetween(new Date('2026-03-27T23:00:00Z'), new Date('2026-03-29T22:00:00Z'), berlin)).toBe(47);
    // With Sunday to Thursday, Friday and Saturday do not count.
    const gulf = businessCalendar('Asia/Dubai', [7, 1, 2, 3, 4]);
    expect(businessHoursBetween(new Date('2026-11-26T20:00:00Z'), new Date('2026-11-28T20:00:00Z'), gulf)).toBe(0);
    expect(businessHoursBetween(new Date('2026-11-26T20:00:00Z'), new Date('2026-11-29T20:00:00Z'), gulf)).toBe(24);
  });

  it('are zero for a span that ends before it starts', () => {
    expect(businessHoursBetween(new Date('2026-11-25T10:00:00Z'), new Date('2026-11-24T10:00:00Z'), utc)).toBe(0);
  });
});
