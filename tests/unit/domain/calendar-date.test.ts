import {
  addBusinessDaysToDate,
  businessDatesBetween,
  businessDatesSpanned,
  formatCalendarDate,
  rollToBusinessDate,
  toCalendarDate,
} from '../../../src/domain/calendar-date';

const d = (s: string): Date => toCalendarDate(s);
const f = formatCalendarDate;

describe('calendar dates', () => {
  it('rolls a weekend forward to Monday and leaves weekdays alone', () => {
    expect(f(rollToBusinessDate(d('2026-03-07')))).toBe('2026-03-09');
    expect(f(rollToBusinessDate(d('2026-03-08')))).toBe('2026-03-09');
    expect(f(rollToBusinessDate(d('2026-03-06')))).toBe('2026-03-06');
  });

  it.each([
    ['2026-03-02', 0, '2026-03-02'],
    ['2026-03-02', 4, '2026-03-06'],
    ['2026-03-06', 1, '2026-03-09'],
    ['2026-03-09', -1, '2026-03-06'],
    ['2026-03-07', 0, '2026-03-09'],
    ['2026-03-07', -1, '2026-03-06'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', 260, '2026-12-31'],
    ['1969-12-31', 2, '1970-01-02'],
  ])('%s + %i business days is %s', (start, days, expected) => {
    expect(f(addBusinessDaysToDate(d(start), days))).toBe(expected);
  });

  it('counts business dates in (a, b] and in [a, b]', () => {
    expect(businessDatesBetween(d('2026-03-02'), d('2026-03-06'))).toBe(4);
    expect(businessDatesSpanned(d('2026-03-02'), d('2026-03-06'))).toBe(5);
    expect(businessDatesSpanned(d('2026-03-07'), d('2026-03-13'))).toBe(5);
    expect(businessDatesSpanned(d('2026-03-04'), d('2026-03-04'))).toBe(1);
    expect(businessDatesSpanned(d('2026-03-07'), d('2026-03-08'))).toBe(0);
    expect(businessDatesSpanned(d('2026-03-06'), d('2026-03-02'))).toBe(0);
  });
});
