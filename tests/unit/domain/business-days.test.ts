import {
  businessCalendar,
  addBusinessDays,
  businessDaysBetween,
  isValidTimeZone,
  localDateAt,
  localDateOf,
} from '../../../src/domain/business-days';
import { InvalidArgumentError, InvalidTimeZoneError } from '../../../src/domain/errors';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

describe('addBusinessDays', () => {
  it('skips the weekend: Friday + 1 is Monday at the same time', () => {
    expect(iso(addBusinessDays(at('2026-03-06T10:00:00Z'), 1, businessCalendar('UTC')))).toBe(
      '2026-03-09T10:00:00.000Z',
    );
  });

  it('Monday + 4 is Friday and Monday + 5 is the next Monday', () => {
    expect(iso(addBusinessDays(at('2026-03-02T10:00:00Z'), 4, businessCalendar('UTC')))).toBe(
      '2026-03-06T10:00:00.000Z',
    );
    expect(iso(addBusinessDays(at('2026-03-02T10:00:00Z'), 5, businessCalendar('UTC')))).toBe(
      '2026-03-09T10:00:00.000Z',
    );
  });

  it('Monday + 10 is two weeks later, and − 10 two weeks earlier', () => {
    expect(iso(addBusinessDays(at('2026-03-16T10:00:00Z'), 10, businessCalendar('UTC')))).toBe(
      '2026-03-30T10:00:00.000Z',
    );
    expect(iso(addBusinessDays(at('2026-03-16T10:00:00Z'), -10, businessCalendar('UTC')))).toBe(
      '2026-03-02T10:00:00.000Z',
    );
  });

  it('negative days go backwards over the weekend: Monday − 1 is Friday', () => {
    expect(iso(addBusinessDays(at('2026-03-09T10:00:00Z'), -1, businessCalendar('UTC')))).toBe(
      '2026-03-06T10:00:00.000Z',
    );
  });

  it('zero days on a weekday is the instant itself', () => {
    const start = at('2026-03-04T15:47:12.345Z');
    const result = addBusinessDays(start, 0, businessCalendar(BERLIN));
    expect(result.getTime()).toBe(start.getTime());
    expect(result).not.toBe(start);
  });

  describe('a start on a weekend counts from the next Monday at 09:00 local', () => {
    const saturdayNoon = at('2026-03-07T12:00:00Z'); // Saturday 13:00 in Berlin
    it('Saturday + 0 is Monday 09:00', () => {
      expect(iso(addBusinessDays(saturdayNoon, 0, businessCalendar(BERLIN)))).toBe('2026-03-09T08:00:00.000Z');
    });
    it('Saturday + 2 is Wednesday 09:00', () => {
      expect(iso(addBusinessDays(saturdayNoon, 2, businessCalendar(BERLIN)))).toBe('2026-03-11T08:00:00.000Z');
    });
    it('Saturday − 1 is Friday 09:00', () => {
      expect(iso(addBusinessDays(saturdayNoon, -1, businessCalendar(BERLIN)))).toBe('2026-03-06T08:00:00.000Z');
    });
    it('Sunday + 1 is Tuesday 09:00', () => {
      expect(iso(addBusinessDays(at('2026-03-08T20:00:00Z'), 1, businessCalendar(BERLIN)))).toBe(
        '2026-03-10T08:00:00.000Z',
      );
    });
  });

  it('the weekday is the local one, not the UTC one', () => {
    // Friday 23:30 UTC is already Saturday in Berlin but still Friday afternoon in New York.
    const instant = at('2026-03-06T23:30:00Z');
    expect(iso(addBusinessDays(instant, 0, businessCalendar(BERLIN)))).toBe('2026-03-09T08:00:00.000Z');
    expect(iso(addBusinessDays(instant, 0, businessCalendar(NY)))).toBe('2026-03-06T23:30:00.000Z');
    // Sunday 23:30 UTC is Monday 00:30 in Berlin: a weekday.
    expect(iso(addBusinessDays(at('2026-03-08T23:30:00Z'), 1, businessCalendar(BERLIN)))).toBe(
      '2026-03-09T23:30:00.000Z',
    );
  });

  describe('America/New_York across DST', () => {
    it('keeps 14:00 local when clocks spring forward (EST → EDT)', () => {
      // Friday 6 March 14:00 EST → Monday 9 March 14:00 EDT: only 71 hours later.
      expect(iso(addBusinessDays(at('2026-03-06T19:00:00Z'), 1, businessCalendar(NY)))).toBe(
        '2026-03-09T18:00:00.000Z',
      );
    });
    it('keeps 10:00 local when clocks fall back (EDT → EST)', () => {
      // Thursday 29 October 10:00 EDT → Monday 2 November 10:00 EST.
      expect(iso(addBusinessDays(at('2026-10-29T14:00:00Z'), 2, businessCalendar(NY)))).toBe(
        '2026-11-02T15:00:00.000Z',
      );
    });
    it('keeps the wall-clock time going backwards over the change', () => {
      expect(iso(addBusinessDays(at('2026-03-09T18:00:00Z'), -1, businessCalendar(NY)))).toBe(
        '2026-03-06T19:00:00.000Z',
      );
    });
  });

  describe('Europe/Berlin across DST', () => {
    it('keeps 14:30 local when clocks spring forward (CET → CEST)', () => {
      expect(iso(addBusinessDays(at('2026-03-27T13:30:00Z'), 1, businessCalendar(BERLIN)))).toBe(
        '2026-03-30T12:30:00.000Z',
      );
    });
    it('keeps 09:00 local when clocks fall back (CEST → CET)', () => {
      expect(iso(addBusinessDays(at('2026-10-23T07:00:00Z'), 1, businessCalendar(BERLIN)))).toBe(
        '2026-10-26T08:00:00.000Z',
      );
    });
    it('a weekend start on the change day still lands on Monday 09:00 local', () => {
      // Sunday 29 March 2026 is the spring-forward day.
      expect(iso(addBusinessDays(at('2026-03-29T10:00:00Z'), 0, businessCalendar(BERLIN)))).toBe(
        '2026-03-30T07:00:00.000Z',
      );
    });
  });

  it('refuses a fractional day count', () => {
    expect(() => addBusinessDays(at('2026-03-02T10:00:00Z'), 1.5, businessCalendar('UTC'))).toThrow(
      InvalidArgumentError,
    );
  });

  it('refuses an unknown time zone', () => {
    expect(() => addBusinessDays(at('2026-03-02T10:00:00Z'), 1, businessCalendar('Mars/Olympus_Mons'))).toThrow(
      InvalidTimeZoneError,
    );
  });

  it('refuses an invalid Date', () => {
    expect(() => addBusinessDays(new Date('nope'), 1, businessCalendar('UTC'))).toThrow(InvalidArgumentError);
  });
});

describe('businessDaysBetween', () => {
  it.each([
    ['the same day', '2026-03-04T09:00:00Z', '2026-03-04T17:00:00Z', 0],
    ['Friday evening to Monday morning', '2026-03-06T17:00:00Z', '2026-03-09T08:00:00Z', 1],
    ['Monday to the Monday two weeks on', '2026-03-02T12:00:00Z', '2026-03-16T12:00:00Z', 10],
    ['Saturday to Sunday', '2026-03-07T12:00:00Z', '2026-03-08T12:00:00Z', 0],
    ['Saturday to Monday', '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', 1],
    ['backwards, Monday to Friday before', '2026-03-09T12:00:00Z', '2026-03-06T12:00:00Z', -1],
  ])('%s in UTC is %i', (_label, a, b, expected) => {
    expect(businessDaysBetween(at(a), at(b), businessCalendar('UTC'))).toBe(expected);
  });

  it('counts local dates: the same instants differ by zone', () => {
    const a = at('2026-03-05T23:30:00Z'); // Friday 00:30 in Berlin, Thursday 18:30 in New York
    const b = at('2026-03-06T12:00:00Z'); // Friday in both
    expect(businessDaysBetween(a, b, businessCalendar(BERLIN))).toBe(0);
    expect(businessDaysBetween(a, b, businessCalendar(NY))).toBe(1);
  });

  it('inverts addBusinessDays from a weekday, across DST', () => {
    const start = at('2026-03-04T15:00:00Z');
    expect(businessDaysBetween(start, addBusinessDays(start, 7, businessCalendar(NY)), businessCalendar(NY))).toBe(7);
  });
});

describe('business days in an organisation calendar', () => {
  const SUN_THU = [7, 1, 2, 3, 4];
  const MON_THU = [1, 2, 3, 4];
  const DUBAI = 'Asia/Dubai';
  const JERUSALEM = 'Asia/Jerusalem';

  it('without working days is Monday to Friday', () => {
    expect(businessCalendar(BERLIN)).toEqual({ timeZone: BERLIN, workingDays: [1, 2, 3, 4, 5] });
    expect(businessCalendar(BERLIN, [])).toEqual({ timeZone: BERLIN, workingDays: [1, 2, 3, 4, 5] });
  });

  describe('a Sunday to Thursday week', () => {
    const week = businessCalendar(DUBAI, SUN_THU);

    it('goes from Thursday to Sunday at the same local time', () => {
      // Thursday 5 March 10:00 in Dubai (UTC+4) + 1 is Sunday 8 March 10:00.
      expect(iso(addBusinessDays(at('2026-03-05T06:00:00Z'), 1, week))).toBe('2026-03-08T06:00:00.000Z');
      expect(iso(addBusinessDays(at('2026-03-08T06:00:00Z'), -1, week))).toBe('2026-03-05T06:00:00.000Z');
    });

    it('keeps Friday and Saturday off: a start on Friday counts from Sunday 09:00', () => {
      expect(iso(addBusinessDays(at('2026-03-06T08:00:00Z'), 0, week))).toBe('2026-03-08T05:00:00.000Z');
      expect(iso(addBusinessDays(at('2026-03-07T08:00:00Z'), 1, week))).toBe('2026-03-09T05:00:00.000Z');
    });

    it('treats Sunday as a working day, unlike the default week', () => {
      const sundayNoon = at('2026-03-08T08:00:00Z');
      expect(iso(addBusinessDays(sundayNoon, 0, week))).toBe('2026-03-08T08:00:00.000Z');
      expect(iso(addBusinessDays(sundayNoon, 0, businessCalendar(DUBAI)))).toBe('2026-03-09T05:00:00.000Z');
    });

    it('counts Thursday → Sunday as one business day and Thursday → Saturday as none', () => {
      expect(businessDaysBetween(at('2026-03-05T10:00:00Z'), at('2026-03-08T10:00:00Z'), week)).toBe(1);
      expect(businessDaysBetween(at('2026-03-05T10:00:00Z'), at('2026-03-07T10:00:00Z'), week)).toBe(0);
      expect(businessDaysBetween(at('2026-03-01T10:00:00Z'), at('2026-03-15T10:00:00Z'), week)).toBe(10);
    });

    it('keeps the wall-clock time across a DST change on its weekend', () => {
      // Israel moves to summer time on Friday 27 March 2026: Thursday 14:00 (UTC+2) + 1 is Sunday 14:00 (UTC+3).
      const jerusalem = businessCalendar(JERUSALEM, SUN_THU);
      expect(iso(addBusinessDays(at('2026-03-26T12:00:00Z'), 1, jerusalem))).toBe('2026-03-29T11:00:00.000Z');
    });
  });

  describe('a four-day week, Monday to Thursday', () => {
    const week = businessCalendar('UTC', MON_THU);

    it('skips Friday', () => {
      expect(iso(addBusinessDays(at('2026-03-05T10:00:00Z'), 1, week))).toBe('2026-03-09T10:00:00.000Z');
      expect(iso(addBusinessDays(at('2026-03-02T10:00:00Z'), 4, week))).toBe('2026-03-09T10:00:00.000Z');
      expect(iso(addBusinessDays(at('2026-03-09T10:00:00Z'), -1, week))).toBe('2026-03-05T10:00:00.000Z');
      expect(iso(addBusinessDays(at('2026-03-02T10:00:00Z'), 8, week))).toBe('2026-03-16T10:00:00.000Z');
    });

    it('counts a start on Friday from Monday 09:00', () => {
      expect(iso(addBusinessDays(at('2026-03-06T10:00:00Z'), 0, week))).toBe('2026-03-09T09:00:00.000Z');
      expect(iso(addBusinessDays(at('2026-03-06T10:00:00Z'), -1, week))).toBe('2026-03-05T09:00:00.000Z');
    });

    it('counts four business days in a week', () => {
      expect(businessDaysBetween(at('2026-03-02T10:00:00Z'), at('2026-03-09T10:00:00Z'), week)).toBe(4);
      expect(businessDaysBetween(at('2026-03-05T10:00:00Z'), at('2026-03-08T10:00:00Z'), week)).toBe(0);
    });

    it('keeps the wall-clock time across the spring DST change', () => {
      // Thursday 26 March 14:30 in Berlin (UTC+1) + 1 is Monday 30 March 14:30 (UTC+2).
      const berlin = businessCalendar(BERLIN, MON_THU);
      expect(iso(addBusinessDays(at('2026-03-26T13:30:00Z'), 1, berlin))).toBe('2026-03-30T12:30:00.000Z');
    });
  });

  it('round-trips: n business days later is n business days between, for any week', () => {
    for (const days of [SUN_THU, MON_THU, [3], [1, 2, 3, 4, 5, 6, 7]]) {
      const week = businessCalendar(BERLIN, days);
      const start = addBusinessDays(at('2026-03-04T11:00:00Z'), 0, week);
      for (const n of [1, 3, 7, 12]) expect(businessDaysBetween(start, addBusinessDays(start, n, week), week)).toBe(n);
    }
  });
});

describe('localDateAt', () => {
  it('is 09:00 local on the day, for a date string and a UTC-midnight Date', () => {
    expect(iso(localDateAt('2026-03-03', 9, NY))).toBe('2026-03-03T14:00:00.000Z');
    expect(iso(localDateAt(new Date(Date.UTC(2026, 2, 3)), 9, BERLIN))).toBe('2026-03-03T08:00:00.000Z');
    expect(iso(localDateAt('2026-07-01', 9, NY))).toBe('2026-07-01T13:00:00.000Z');
  });

  it('moves an hour skipped by spring-forward to the hour after the gap', () => {
    expect(iso(localDateAt('2026-03-08', 2, NY))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(iso(localDateAt('2026-03-29', 2, BERLIN))).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
  });

  it('takes the earlier of an hour that happens twice at fall-back', () => {
    expect(iso(localDateAt('2026-11-01', 1, NY))).toBe('2026-11-01T05:00:00.000Z'); // 01:00 EDT
    expect(iso(localDateAt('2026-10-25', 2, BERLIN))).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST
  });

  it.each(['2026-02-30', '2026-3-3', '03/03/2026', ''])('refuses the date %p', (value) => {
    expect(() => localDateAt(value, 9, 'UTC')).toThrow(InvalidArgumentError);
  });

  it('refuses a Date that is not at UTC midnight', () => {
    expect(() => localDateAt(at('2026-03-03T05:00:00Z'), 9, 'UTC')).toThrow(
      'Expected a calendar date at UTC midnight, got the instant 2026-03-03T05:00:00.000Z.',
    );
  });

  it.each([-1, 24, 9.5])('refuses the hour %p', (hour) => {
    expect(() => localDateAt('2026-03-03', hour, 'UTC')).toThrow(InvalidArgumentError);
  });
});

describe('localDateOf', () => {
  it('gives the calendar date in the zone', () => {
    expect(iso(localDateOf(at('2026-03-06T23:30:00Z'), BERLIN))).toBe('2026-03-07T00:00:00.000Z');
    expect(iso(localDateOf(at('2026-03-06T23:30:00Z'), NY))).toBe('2026-03-06T00:00:00.000Z');
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['   ', false],
  ])('%p → %p', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });
});
