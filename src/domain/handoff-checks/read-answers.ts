/**
 * Finding the answers the rules need and reading their values leniently. A question is found by its well-known
 * key first, then by words in its label (an organisation may have written its own questions). A value that cannot
 * be read without guessing (03/04/2027, "soon", "48.000") is refused: the rule then says nothing rather than
 * something wrong.
 */
import { formatCalendarDate } from '../calendar-date';
import type { HandoffAnswerInput } from './types';

/** Answers are AE text: anything longer than this is cut before any rule looks at it. */
export const MAX_ANSWER_LENGTH = 10_000;

export interface AnswerLookup {
  key: string;
  /** Words in the label that name the same question when the key is another. */
  label?: RegExp;
}

export const ANSWERS = {
  promisedGoLive: { key: 'promised_go_live', label: /go[\s-]?live|launch date/i },
  kickoffDate: { key: 'kickoff_date', label: /kick[\s-]?off/i },
  arr: { key: 'arr', label: /\bARR\b|annual recurring|annual contract value|\bACV\b/i },
  seats: { key: 'seats', label: /\bseats?\b|licen[cs]es?\b/i },
  integrations: { key: 'integrations', label: /integrations?\b/i },
  requirements: { key: 'requirements', label: /requirements?|promised|anything else/i },
  successCriteria: { key: 'success_criteria', label: /success (criteria|looks like)/i },
  stakeholders: { key: 'stakeholders', label: /stakeholders?/i },
} satisfies Record<string, AnswerLookup>;

/** Questions with a well-known key answer only their own lookup, never another's by label words. */
const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(ANSWERS).map((a) => a.key));

export function findAnswer(answers: readonly HandoffAnswerInput[], lookup: AnswerLookup): HandoffAnswerInput | null {
  const byKey = answers.find((a) => a.key === lookup.key && a.value.trim() !== '');
  if (byKey) return byKey;
  const pattern = lookup.label;
  if (!pattern) return null;
  return answers.find((a) => !KNOWN_KEYS.has(a.key) && a.value.trim() !== '' && pattern.test(a.label)) ?? null;
}

export function clip(text: string): string {
  return text.length > MAX_ANSWER_LENGTH ? text.slice(0, MAX_ANSWER_LENGTH) : text;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const index = MONTHS.findIndex(
    (m) => m === w || (w.length >= 3 && m.startsWith(w) && (w.length === 3 || w === 'sept')),
  );
  return index >= 0 ? index + 1 : null;
}

function realDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return formatCalendarDate(date);
}

/**
 * A day as YYYY-MM-DD from what a date picker or a person writes: 2027-03-15 (or an ISO instant, its day),
 * 15 March 2027, March 15, 2027, 15 Mar 2027. Numeric day/month orders (03/04/2027) are ambiguous and refused, as
 * is a day that does not exist.
 */
export function readDay(raw: string): string | null {
  const text = clip(raw).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = text
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length !== 3) return null;
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(words[0]!);
  const daySecond = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(words[1]!);
  const year = /^\d{4}$/.test(words[2]!) ? Number(words[2]) : null;
  if (year === null) return null;
  if (dayFirst) {
    const month = monthOf(words[1]!);
    return month ? realDay(year, month, Number(dayFirst[1])) : null;
  }
  if (daySecond) {
    const month = monthOf(words[0]!);
    return month ? realDay(year, month, Number(daySecond[1])) : null;
  }
  return null;
}

/** Words around a figure that say what it is, not how much. */
const UNIT_WORDS =
  /\b(usd|eur|gbp|chf|cad|aud|dollars?|euros?|pounds?|per year|a year|per annum|annually|yearly|arr|acv|seats?|users?|licen[cs]es?)\b|\/\s*(year|yr)\b/g;

/**
 * A whole, non-negative amount: 48000, 48,000, 48 000, $48,000, USD 48000, 48k, 1.2M, "40 seats". A figure whose
 * thousands separator could be a decimal point (48.000, 48,5) is refused, as is anything else around it.
 */
export function readAmount(raw: string): number | null {
  const text = clip(raw)
    .trim()
    .toLowerCase()
    .replace(UNIT_WORDS, ' ')
    .replace(/[$€£\s\u00a0_']/g, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([km])?$/.exec(text);
  if (!match) return null;
  const whole = match[1]!.replace(/,/g, '');
  const fraction = match[2] ?? '';
  const scale = match[3] === 'k' ? 1_000 : match[3] === 'm' ? 1_000_000 : 1;
  // 48.000 without a scale reads as 48 in one country and 48,000 in another.
  if (fraction !== '' && scale === 1 && fraction.length === 4 && !match[1]!.includes(',')) return null;
  const value = Math.round(Number(`${whole}${fraction}`) * scale);
  if (!Number.isSafeInteger(value) || value > 1_000_000_000_000) return null;
  return value;
}

/**
 * The choices of a multiple-choice answer, however the form stored them: a JSON array of strings, or one choice a
 * line (or separated by commas or semicolons).
 */
export function readChoices(raw: string): string[] {
  const text = clip(raw).trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) {
        return parsed
          .filter((v): v is string => typeof v === 'string')
          .map((v) => v.trim())
          .filter(Boolean);
      }
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  return text
    .split(/[\n,;|]/)
    .map((v) => v.trim())
    .filter(Boolean);
}
