import { parseAnalyticsPeriod } from '../../../src/domain/analytics-period';

/** Tuesday 24 November 2026, the organisation's local date. */
const TODAY = new Date('2026-11-24T00:00:00Z');
const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('analytics periods', () => {
  it('a rolling number of days ends with today: 30d is today and the 29 days before it', () => {
    // Worked example: 24 Nov − 29 days = 26 Oct; the range is [26 Oct, 25 Nov).
    expect(parseAnalyticsPeriod('30d', TODAY)).toEqual({
      text: '30d',
      from: d('2026-10-26'),
      to: d('2026-11-25'),
      label: 'the last 30 days',
    });
    expect(parseAnalyticsPeriod('90D', TODAY)).toMatchObject({
      text: '90d',
      from: d('2026-08-27'),
      to: d('2026-11-25'),
    });
  });

  it('12m is this month so far and the 11 whole months before it, so cohorts by month are whole months', () => {
    expect(parseAnalyticsPeriod('12m', TODAY)).toMatchObject({ from: d('2025-12-01'), to: d('2026-11-25') });
  });

  it('ytd starts on 1 January; a quarter, a month and a year are whole', () => {
    expect(parseAnalyticsPeriod('ytd', TODAY)).toMatchObject({
      from: d('2026-01-01'),
      to: d('2026-11-25'),
      label: '2026 to date',
    });
    expect(parseAnalyticsPeriod('2026-q3', TODAY)).toMatchObject({
      from: d('2026-07-01'),
      to: d('2026-10-01'),
      label: 'Q3 2026',
    });
    expect(parseAnalyticsPeriod('2025-Q4', TODAY)).toMatchObject({ from: d('2025-10-01'), to: d('2026-01-01') });
    expect(parseAnalyticsPeriod('2026-02', TODAY)).toMatchObject({
      from: d('2026-02-01'),
      to: d('2026-03-01'),
      label: 'Feb 2026',
    });
    expect(parseAnalyticsPeriod('2025', TODAY)).toMatchObject({ from: d('2025-01-01'), to: d('2026-01-01') });
  });

  it('reads nothing else as a period', () => {
    for (const text of ['', 'last week', '0d', '5000d', '0m', '48m', '2026-q5', '2026-13', 'q3', '<!channel>'])
      expect(parseAnalyticsPeriod(text, TODAY)).toBeNull();
  });
});
