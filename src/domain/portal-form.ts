/**
 * Validation of a customer's portal form against the template action's fields. Pure: the HTTP layer hands in
 * what the browser sent (strings), and gets back either typed values to store or one message per field to
 * show beside it, worded for the customer.
 */
import { z } from 'zod';
import { FORM_FIELD_KINDS, type FormField } from './template';

/** What a browser sends for one field: a string, or several when a name repeats. */
export type RawFormValues = Record<string, string | string[] | undefined>;
export type FormValue = string | number | boolean | null;

export type FormValidation =
  { ok: true; values: Record<string, FormValue> } | { ok: false; errors: Record<string, string> };

const TEXT_MAX = 1_000;
const LONG_TEXT_MAX = 10_000;

/** One field as stored on a template action and an action (formFields), read back by the portal and the plan. */
export const formFieldSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  kind: z.enum(FORM_FIELD_KINDS),
  required: z.boolean().default(false),
  options: z.array(z.string()).optional(),
  help: z.string().optional(),
}) satisfies z.ZodType<FormField>;

/** Reads the fields stored on an action (JSON); a malformed list is a template problem, not the customer's. */
export function parseFormFields(value: unknown): FormField[] {
  const parsed = z.array(formFieldSchema).safeParse(value ?? []);
  if (!parsed.success) return [];
  return parsed.data.map((f) => ({ ...f, required: f.required }));
}

function single(raw: string | string[] | undefined): string {
  if (Array.isArray(raw)) return raw[raw.length - 1] ?? '';
  return raw ?? '';
}

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const emailSchema = z.email();

function checkField(field: FormField, raw: string): { value: FormValue } | { error: string } {
  if (field.kind === 'checkbox') {
    const checked = raw !== '' && raw !== 'false' && raw !== 'off';
    if (field.required && !checked) return { error: 'Please tick this box to continue.' };
    return { value: checked };
  }
  const text = field.kind === 'long_text' ? raw.replace(/\r\n/g, '\n').trim() : raw.trim();
  if (text === '') return field.required ? { error: 'Please fill in this field.' } : { value: null };
  switch (field.kind) {
    case 'text':
      return text.length > TEXT_MAX ? { error: `Please keep this under ${TEXT_MAX} characters.` } : { value: text };
    case 'long_text':
      return text.length > LONG_TEXT_MAX
        ? { error: `Please keep this under ${LONG_TEXT_MAX.toLocaleString('en-US')} characters.` }
        : { value: text };
    case 'email':
      return text.length <= 254 && emailSchema.safeParse(text).success
        ? { value: text.toLowerCase() }
        : { error: 'Please enter an email address, like name@example.com.' };
    case 'url': {
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || text.length > 2_000) {
        return { error: 'Please enter a web address starting with https://.' };
      }
      return { value: url.toString() };
    }
    case 'number': {
      const normalised = text.replace(/[\s,_]/g, '');
      if (!/^-?\d+(\.\d+)?$/.test(normalised)) return { error: 'Please enter a number, like 25.' };
      const n = Number(normalised);
      return Number.isFinite(n) ? { value: n } : { error: 'Please enter a smaller number.' };
    }
    case 'date':
      return isRealDate(text) ? { value: text } : { error: 'Please enter a date as YYYY-MM-DD, like 2027-03-31.' };
    case 'select':
      return (field.options ?? []).includes(text) ? { value: text } : { error: 'Please choose one of the options.' };
  }
}

/** Checks every field (not just the first bad one), so the customer fixes everything in one go. */
export function validateFormSubmission(fields: readonly FormField[], raw: RawFormValues): FormValidation {
  const values: Record<string, FormValue> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const result = checkField(field, single(raw[field.key]));
    if ('error' in result) errors[field.key] = result.error;
    else values[field.key] = result.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
