/**
 * The customer's stakeholders as the AE lists them, one a line ("Dana Scully, CTO, dana@umbrella.io"), read
 * leniently: bullets, "Name <email>", "Name (role)", "Name - role - email" and lines without an email all work.
 */
import { clip } from './read-answers';

export interface NamedStakeholder {
  name: string;
  /** Lower-cased; null when the line gives none. */
  email: string | null;
  title: string | null;
}

/** More lines than any real handoff lists; the rest are not read. */
export const MAX_STAKEHOLDERS = 30;
const MAX_NAME = 120;
const MAX_TITLE = 120;

const EMAIL = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const BULLET = /^\s*(?:[-*•·–]|\d{1,2}[.)])\s*/;
const NOTHING = /^(n\/?a|none|tbd|tbc|unknown|-+|\?+)$/i;

function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/** Slack mentions pasted into the answer (<!channel>, <@U123>, <#C123>) name nobody. */
const MENTION = /<[!@#][^>]*>/g;

function readLine(line: string): NamedStakeholder | null {
  let text = line.replace(MENTION, ' ').replace(BULLET, '').trim();
  if (text === '' || NOTHING.test(text)) return null;
  const found = EMAIL.exec(text);
  const email = found ? found[0].toLowerCase() : null;
  if (found) text = `${text.slice(0, found.index)} ${text.slice(found.index + found[0].length)}`;
  // What is left: the name first, then the role, separated by commas, dashes, bars, slashes or brackets.
  const parts = text
    .replace(/mailto:/gi, ' ')
    .split(/\s*(?:[,|/<>()[\]]|\s[-–—:]\s|\s[-–—]$|^[-–—]\s)\s*/)
    .map((p) =>
      p
        .trim()
        .replace(/^[-–—:]+|[-–—:]+$/g, '')
        .trim(),
    )
    .filter((p) => /\p{L}/u.test(p));
  const name = parts[0] ?? (email ? nameFromEmail(email) : null);
  if (!name || name.length > MAX_NAME) return null;
  const title = parts.slice(1).join(', ').slice(0, MAX_TITLE) || null;
  return { name, email, title };
}

/** Everyone the answer names, each once (by email, else by name), in the order given. */
export function readStakeholders(raw: string): NamedStakeholder[] {
  const out: NamedStakeholder[] = [];
  const seen = new Set<string>();
  for (const line of clip(raw).split(/\r?\n|;/)) {
    if (out.length >= MAX_STAKEHOLDERS) break;
    const person = readLine(line);
    if (!person) continue;
    const id = person.email ?? normalName(person.name);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(person);
  }
  return out;
}

/** A name for comparing: accents, case and spacing set aside. */
export function normalName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Whether a stakeholder is already one of the contacts: the same email, or the same name (a first name alone
 * matches a contact whose name starts with it, as AEs often write only "Dana").
 */
export function isKnownContact(
  person: NamedStakeholder,
  contacts: readonly { name: string; email: string }[],
): boolean {
  const name = normalName(person.name);
  return contacts.some((c) => {
    if (person.email !== null && c.email.trim().toLowerCase() === person.email) return true;
    const contactName = normalName(c.name);
    if (name === '' || contactName === '') return false;
    if (contactName === name) return true;
    return !name.includes(' ') && contactName.split(' ')[0] === name;
  });
}
