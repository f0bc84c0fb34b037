/**
 * Email addresses people type for contacts and reply-to: trimmed and lower-cased (so one person is one address
 * within an account), of sane length, and shaped like local@domain.tld. Deliverability is the mail server's
 * business; this refuses what is plainly not an address.
 */
import { accepted, hasControlCharacters, refused, type Checked } from './checked';

const SHAPE =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function checkEmailAddress(input: string): Checked<string> {
  const value = input.trim().toLowerCase();
  if (value === '') return refused('The email address cannot be empty.');
  if (hasControlCharacters(value) || /\s/.test(value)) return refused('An email address cannot contain spaces.');
  if (value.length > 254) return refused('That email address is longer than 254 characters, the most email allows.');
  const local = value.slice(0, value.lastIndexOf('@'));
  if (!SHAPE.test(value) || local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return refused(`"${value}" is not an email address; give one such as dana@example.com.`);
  }
  return accepted(value);
}
