/**
 * Converting between instants and wall-clock time in an IANA time zone, with Intl only.
 *
 * A wall-clock time that does not exist (skipped by a spring-forward change) moves forward by
 * the length of the gap, and one that happens twice (fall-back) resolves to the earlier
 * instant: the same "compatible" rule as Temporal and most calendar software.
 */
import { InvalidArgumentError, InvalidTimeZoneError } from './errors';

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InvalidTimeZoneError(timeZone);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new InvalidTimeZoneError(timeZone);
}

export function assertInstant(instant: Date, what = 'instant'): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new InvalidArgumentError(`Expected a valid Date for the ${what}.`);
  }
}

/** The wall clock in a zone read with Intl: exact for any instant, and the slow part of every conversion. */
function readWallClock(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
    millisecond: ((instant.getTime() % 1000) + 1000) % 1000,
  };
}

/**
 * The zone's offset through each UTC hour, learnt from Intl once. An hour whose first and last second have the same
 * offset keeps it throughout (no real zone changes its offset twice within an hour); an hour with a change in it is
 * remembered as such and read exactly every time. Slip, whose court and the plan convert thousands of instants per
 * account, so this is what keeps them cheap. Bounded: a zone's hours are forgotten all at once past the limit.
 */
const offsetsByZone = new Map<string, Map<number, number | null>>();
const MAX_HOURS_PER_ZONE = 200_000;

function exactOffset(epochMs: number, timeZone: string): number {
  return wallClockMs(readWallClock(new Date(epochMs), timeZone)) - epochMs;
}

/** The offset through the whole UTC hour of `epochMs`, or null when it changes within that hour. */
function hourOffset(epochMs: number, timeZone: string): number | null {
  const hour = Math.floor(epochMs / HOUR_MS);
  const known = offsetsByZone.get(timeZone)?.get(hour);
  if (known !== undefined) return known;
  // Read before remembering anything: an unknown zone throws here and leaves no entry behind.
  const first = exactOffset(hour * HOUR_MS, timeZone);
  const last = exactOffset((hour + 1) * HOUR_MS - 1000, timeZone);
  const offset = first === last ? first : null;
  let hours = offsetsByZone.get(timeZone);
  if (!hours) offsetsByZone.set(timeZone, (hours = new Map()));
  if (hours.size >= MAX_HOURS_PER_ZONE) hours.clear();
  hours.set(hour, offset);
  return offset;
}

export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const epochMs = instant.getTime();
  const offset = Number.isFinite(epochMs) ? hourOffset(epochMs, timeZone) : null;
  if (offset === null) return readWallClock(instant, timeZone);
  const wall = new Date(epochMs + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

function wallClockMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

/** Local time minus UTC at `epochMs`, in milliseconds (e.g. +3_600_000 for Berlin in winter). */
function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockMs(toLocalDateTime(new Date(epochMs), timeZone)) - epochMs;
}

export function fromLocalDateTime(local: LocalDateTime, timeZone: string): Date {
  const wall = wallClockMs(local);
  // Real zones change offset at most once within a day either side, so the offsets a day
  // before and a day after are the only candidates.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const matches = [before, after]
    .map((offset) => wall - offset)
    .filter((candidate) => offsetAt(candidate, timeZone) === wall - candidate)
    .sort((x, y) => x - y);
  const earliest = matches[0];
  if (earliest !== undefined) return new Date(earliest);
  // In a gap: read the wall time with the offset in force before the change.
  return new Date(wall - before);
}
