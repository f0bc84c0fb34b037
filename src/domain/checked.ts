/**
 * What a setting or field check returns: the normalised value, or the sentence that says what is wrong with it.
 * Checks return instead of throwing so a caller can gather every problem of a form at once and show each one
 * beside its field.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function accepted<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function refused<T = never>(message: string): Checked<T> {
  return { ok: false, message };
}

/** C0 and C1 control characters, and the bidirectional overrides and isolates that can disguise text. */
function isControl(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const LINE_BREAKS = new Set([0x09, 0x0a, 0x0d]);

/** True when the text holds a control character; `allowLineBreaks` lets through \n, \r and \t. */
export function hasControlCharacters(text: string, options: { allowLineBreaks?: boolean } = {}): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) && !(options.allowLineBreaks && LINE_BREAKS.has(code))) return true;
  }
  return false;
}

/** The text with every control character removed (file names, where a bidi override could disguise ".exe"). */
export function withoutControlCharacters(text: string): string {
  let out = '';
  for (const char of text) if (!isControl(char.charCodeAt(0))) out += char;
  return out;
}

/**
 * A one-line text a person types (a name, a title): trimmed, inner runs of spaces kept, within `max` characters,
 * with no control characters. `label` names it in the sentence ("The organisation name").
 */
export function checkLine(input: string, rule: { label: string; max: number; min?: number }): Checked<string> {
  const value = input.trim();
  const min = rule.min ?? 1;
  if (value.length < min) return refused(`${rule.label} cannot be empty.`);
  if (hasControlCharacters(value)) return refused(`${rule.label} cannot contain line breaks or control characters.`);
  if (value.length > rule.max)
    return refused(`${rule.label} is ${value.length} characters long; keep it to ${rule.max} or fewer.`);
  return accepted(value);
}
