/**
 * How a problem in a file an admin wrote (a template, the handoff questions) is worded: what was expected, in the
 * file's terms, and what was found. Both files' zod error maps say it the same way.
 */

/** What was found, as a person reads it; long text cut to 40 characters. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object (key: value pairs)',
  array: 'a list',
};

/** A value of the wrong type, or a missing one. */
export function wrongTypeWords(expectedType: string, input: unknown): string {
  const expected = EXPECTED[expectedType] ?? expectedType;
  return input === undefined ? `required (expected ${expected})` : `expected ${expected}, got ${describeFound(input)}`;
}

/** A value outside a fixed list, or a missing one. */
export function notOneOfWords(values: readonly unknown[], input: unknown): string {
  const choices = values.map(String).join(', ');
  return input === undefined
    ? `required (expected one of ${choices})`
    : `expected one of ${choices}, got ${describeFound(input)}`;
}
