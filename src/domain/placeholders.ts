/**
 * `{{name}}` placeholders in template subjects and bodies. Rendering never invents text: a
 * placeholder that is unknown, or whose value is missing or blank, stays in the text exactly as
 * written and is reported, so the review lint blocks the draft instead of sending "Hi ,".
 */
import { localDateOf } from './business-days';
import { toCalendarDate } from './calendar-date';
import { firstName } from './first-name';

export const KNOWN_PLACEHOLDERS = [
  'company',
  'company_domain',
  'contact.first_name',
  'contact.name',
  'contact.email',
  'csm.name',
  'csm.first_name',
  'csm.email',
  'csm.title',
  'portal_link',
  'go_live_date',
  'kickoff_date',
  'milestone.name',
  'next_milestone.name',
  'account.arr',
] as const;
export type KnownPlaceholder = (typeof KNOWN_PLACEHOLDERS)[number];

export type PlaceholderVars = Partial<Record<KnownPlaceholder, string | null>>;

export interface RenderedText {
  text: string;
  /** Placeholder names left in the text, in order of first appearance, without duplicates. */
  unfilled: string[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export function isKnownPlaceholder(name: string): name is KnownPlaceholder {
  return (KNOWN_PLACEHOLDERS as readonly string[]).includes(name);
}

export function renderPlaceholders(text: string, vars: PlaceholderVars): RenderedText {
  const unfilled: string[] = [];
  // One pass, so a value that itself contains "{{…}}" is inserted literally, never expanded.
  const rendered = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const name = inner.trim();
    const value = isKnownPlaceholder(name) ? vars[name] : undefined;
    if (value !== undefined && value !== null && value.trim() !== '') return value;
    const reported = name === '' ? whole : name;
    if (!unfilled.includes(reported)) unfilled.push(reported);
    return whole;
  });
  return { text: rendered, unfilled };
}

interface Person {
  name: string;
  /** Unknown (a CSM whose Slack email is hidden) leaves {{…email}} unfilled, so review lint catches it. */
  email: string | null;
  firstName?: string | null;
  /** Their job title from Slack; unknown leaves {{csm.title}} unfilled. */
  title?: string | null;
}

export interface PlaceholderSource {
  account: {
    name: string;
    domain?: string | null;
    /** Whole currency units; 0 or less means unknown (the database default). */
    arr?: number | null;
    /** Calendar dates ('YYYY-MM-DD' or UTC midnight); any other Date is read as an instant in timeZone. */
    goLiveDate?: string | Date | null;
    kickoffDate?: string | Date | null;
  };
  contact?: Person | null;
  csm?: Person | null;
  portalLink?: string | null;
  milestone?: { name: string } | null;
  nextMilestone?: { name: string } | null;
  /** The organisation's zone, used for dates given as instants. */
  timeZone: string;
  /** BCP 47 locale for dates and numbers; en-GB by default ("Tuesday, 3 March 2026"). */
  locale?: string;
  /** ISO 4217 code; without it ARR is a plain grouped number. */
  currency?: string;
}

export function buildPlaceholderVars(source: PlaceholderSource): PlaceholderVars {
  const locale = source.locale ?? 'en-GB';
  const { account, contact, csm } = source;
  return {
    company: account.name,
    company_domain: account.domain ?? null,
    'contact.first_name': contact ? firstNameOf(contact) : null,
    'contact.name': contact?.name ?? null,
    'contact.email': contact?.email ?? null,
    'csm.name': csm?.name ?? null,
    'csm.first_name': csm ? firstNameOf(csm) : null,
    'csm.email': csm?.email ?? null,
    'csm.title': csm?.title?.trim() || null,
    portal_link: source.portalLink ?? null,
    go_live_date: formatDay(account.goLiveDate, source.timeZone, locale),
    kickoff_date: formatDay(account.kickoffDate, source.timeZone, locale),
    'milestone.name': source.milestone?.name ?? null,
    'next_milestone.name': source.nextMilestone?.name ?? null,
    'account.arr': formatArr(account.arr, locale, source.currency),
  };
}

/** A first name given explicitly wins; a blank one leaves the placeholder unfilled, so review lint catches it. */
function firstNameOf(person: Person): string | null {
  return person.firstName?.trim() || firstName(person.name) || null;
}

function formatDay(value: string | Date | null | undefined, timeZone: string, locale: string): string | null {
  if (value === null || value === undefined) return null;
  const isCalendarDate = typeof value === 'string' || value.getTime() % 86_400_000 === 0;
  const day = isCalendarDate ? toCalendarDate(value) : localDateOf(value, timeZone);
  // The calendar date is held at UTC midnight, so it is formatted in UTC to name that same day.
  return dayFormat(locale).format(day);
}

function formatArr(arr: number | null | undefined, locale: string, currency: string | undefined): string | null {
  if (arr === null || arr === undefined || !(arr > 0)) return null;
  return arrFormat(locale, currency).format(arr);
}

// Building an Intl formatter costs far more than formatting with it, and a tick fills the placeholders of a thousand
// drafts: one formatter per locale (and currency), kept. They hold no state between calls.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const arrFormats = new Map<string, Intl.NumberFormat>();

function dayFormat(locale: string): Intl.DateTimeFormat {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format;
}

function arrFormat(locale: string, currency: string | undefined): Intl.NumberFormat {
  const key = `${locale} ${currency ?? ''}`;
  let format = arrFormats.get(key);
  if (!format) {
    const style: Intl.NumberFormatOptions = currency ? { style: 'currency', currency } : {};
    format = new Intl.NumberFormat(locale, { ...style, maximumFractionDigits: 0 });
    arrFormats.set(key, format);
  }
  return format;
}
