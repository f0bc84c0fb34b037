/**
 * toLocalDateTime answers from offsets it learnt per UTC hour; these properties hold it to Intl read directly, for
 * any instant from 1900 to 2100, in zones with DST, half- and quarter-hour offsets, 30-minute DST shifts and
 * historic local mean time, and fromLocalDateTime to the round trip it promises.
 */
import fc from 'fast-check';
import { fromLocalDateTime, toLocalDateTime } from '../../../src/domain/zoned-time';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/Dublin',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Africa/Casablanca',
  'America/Santiago',
];

const intlWallClock = (instant: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(instant)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  return { ...parts, millisecond: instant.getUTCMilliseconds() };
};

const instants = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms));

describe('toLocalDateTime', () => {
  it('reads the same wall clock as Intl for any instant and zone', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        expect(toLocalDateTime(instant, zone)).toEqual(intlWallClock(instant, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every second around a DST change exactly, on both sides of it', () => {
    // Berlin sprang forward at 2026-03-29 01:00 UTC; Lord Howe moves by 30 minutes at 2026-04-04 15:00 UTC.
    for (const [zone, change] of [
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
    ] as const) {
      for (let ms = change - 3_600_000; ms <= change + 3_600_000; ms += 997) {
        const instant = new Date(ms);
        expect(toLocalDateTime(instant, zone)).toEqual(intlWallClock(instant, zone));
      }
    }
  });

  it('still refuses an unknown zone', () => {
    expect(() => toLocalDateTime(new Date(), 'Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
  });
});

describe('fromLocalDateTime', () => {
  it('gives back an instant whose wall clock is the one asked for, outside DST gaps', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        const local = toLocalDateTime(instant, zone);
        expect(toLocalDateTime(fromLocalDateTime(local, zone), zone)).toEqual(local);
      }),
      { numRuns: 2000 },
    );
  });
});
