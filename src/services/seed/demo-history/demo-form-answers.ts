import { formatCalendarDate } from '../../../domain/calendar-date';
import { parseFormFields } from '../../../domain/portal-form';
import type { FormFieldKind } from '../../../domain/template';

/** A plausible answer per kind of field, as a customer's browser would send it; every field answered, so required ones pass. */
const ANSWERS: Record<Exclude<FormFieldKind, 'select' | 'date'>, string> = {
  text: 'Alex Morgan',
  long_text: 'Roll out to the operations team first, then to the rest of the company.',
  email: 'it-admin@customer.example',
  url: 'https://idp.customer.example/metadata.xml',
  number: '40',
  checkbox: 'on',
};

/** The demo customer's answers to a portal form with these fields (as stored on the action). */
export function demoFormAnswers(formFields: unknown, now: Date): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of parseFormFields(formFields)) {
    if (field.kind === 'select') values[field.key] = field.options?.[0] ?? '';
    else if (field.kind === 'date') values[field.key] = formatCalendarDate(new Date(now.getTime() + 30 * 86_400_000));
    else values[field.key] = ANSWERS[field.kind];
  }
  return values;
}
