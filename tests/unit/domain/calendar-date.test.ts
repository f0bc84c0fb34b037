import {
  addBusinessDaysToDate,
  businessDatesBetween,
  businessDatesSpanned,
  formatCalendarDate,
  isWorkingDate,
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

  describe('with working days other than Monday to Friday', () => {
    const SUN_THU = [7, 1, 2, 3, 4];

    it('rolls a day off forward to the next working day', () => {
      expect(f(rollToBusinessDate(d('2026-03-06'), SUN_THU))).toBe('2026-03-08');
      expect(f(rollToBusinessDate(d('2026-03-08'), SUN_THU))).toBe('2026-03-08');
      expect(f(rollToBusinessDate(d('2026-03-05'), [1]))).toBe('2026-03-09');
    });

    it('knows which dates are working dates', () => {
      expect(isWorkingDate(d('2026-03-08'), SUN_THU)).toBe(true);
      expect(isWorkingDate(d('2026-03-06'), SUN_THU)).toBe(false);
      expect(isWorkingDate(d('2026-03-06'))).toBe(true);
    });

    it('adds, counts and spans only working dates', () => {
      expect(f(addBusinessDaysToDate(d('2026-03-05'), 1, SUN_THU))).toBe('2026-03-08');
      expect(f(addBusinessDaysToDate(d('2026-03-05'), 1, [1, 2, 3, 4]))).toBe('2026-03-09');
      expect(f(addBusinessDaysToDate(d('2026-03-02'), 2, [1, 3, 5]))).toBe('2026-03-06');
      expect(businessDatesBetween(d('2026-03-05'), d('2026-03-08'), SUN_THU)).toBe(1);
      expect(businessDatesSpanned(d('2026-03-08'), d('2026-03-12'), SUN_THU)).toBe(5);
      expect(businessDatesSpanned(d('2026-03-06'), d('2026-03-07'), SUN_THU)).toBe(0);
    });

    it('refuses a week with no working day', () => {
      expect(() => addBusinessDaysToDate(d('2026-03-05'), 1, [])).toThrow('at least one working day');
    });
  });
});
