/**
 * The Answer here modal's state read back as the portal's browser would send it (one string per field key), so the
 * portal's own validation (domain/portal-form.ts) judges it: text as typed, the date picked, a ticked box as "on",
 * and the chosen option's own text.
 */
import type { ViewOutput } from '@slack/bolt';
import type { RawFormValues } from '../../../domain/portal-form';
import type { FormField } from '../../../domain/template';
import { answerBlockId, answerOptionValue } from '../../blocks/customer-channel';

type State = ViewOutput['state']['values'][string][string];

function rawOf(field: FormField, state: State | undefined): string {
  if (!state) return '';
  switch (state.type) {
    case 'datepicker':
      return state.selected_date ?? '';
    case 'checkboxes':
      return (state.selected_options ?? []).length > 0 ? 'on' : '';
    case 'static_select': {
      const value = state.selected_option?.value ?? '';
      return (field.options ?? []).find((o) => answerOptionValue(o) === value) ?? value;
    }
    default:
      return state.value ?? '';
  }
}

export function readAnswerValues(fields: readonly FormField[], view: Pick<ViewOutput, 'state'>): RawFormValues {
  const values: RawFormValues = {};
  fields.forEach((field, i) => {
    const id = answerBlockId(i);
    values[field.key] = rawOf(field, view.state.values[id]?.[id]);
  });
  return values;
}

/** The portal's messages by field key, under the blocks that show those fields; null when one has no block. */
export function answerErrorsByBlock(
  fields: readonly FormField[],
  errors: Record<string, string>,
): Record<string, string> | null {
  const byBlock: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const index = fields.findIndex((f) => f.key === key);
    if (index < 0) return null;
    byBlock[answerBlockId(index)] = message;
  }
  return byBlock;
}
