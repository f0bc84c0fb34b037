/**
 * The one answer to a refused view submission. Slack shows an inline error only under an input block of the view
 * that was submitted, so the refusal goes under the field it concerns when the view has that field, and otherwise
 * replaces the modal with the reason; what was typed is kept wherever a field can take the message.
 */
import type { ViewOutput, ViewResponseAction } from '@slack/bolt';
import { isAppError } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { buildRefusalModal } from '../../blocks/refusal-modal';
import { LIMITS, truncate } from '../../blocks/text';
import { errorText, inlineErrorText } from '../../error-text';

export interface ViewFailureOptions {
  /** The refusal modal's title when nothing can be shown inline ("Not done"). */
  title: string;
  /** The block under which this modal shows any refusal, when it has one (the note of Request changes). */
  field?: string;
  /** The service's option names (AppError fields) → the blocks of this modal that hold them. */
  blockOfField?: Record<string, string>;
}

function inputBlockIds(view: Pick<ViewOutput, 'blocks'>): string[] {
  return view.blocks.flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : []));
}

/** A service's field message as the line under a field: a capitalised sentence that fits. */
function fieldSentence(text: string): string {
  const cut = truncate(text.trim(), LIMITS.inlineError - 1);
  return `${cut.charAt(0).toUpperCase()}${cut.slice(1)}${/[.…!?]$/.test(cut) ? '' : '.'}`;
}

/** Every field error of the AppError under its block, or null when there are none or one has no block in this view. */
function fieldErrors(
  error: unknown,
  blockOf: Record<string, string>,
  present: string[],
): Record<string, string> | null {
  if (!isAppError(error) || error.fields.length === 0) return null;
  const errors: Record<string, string> = {};
  for (const f of error.fields) {
    const block = blockOf[f.field];
    if (!block || !present.includes(block)) return null;
    errors[block] ??= fieldSentence(f.message);
  }
  return errors;
}

export function viewFailure(
  view: Pick<ViewOutput, 'blocks'>,
  error: unknown,
  logger: Logger,
  options: ViewFailureOptions,
): ViewResponseAction {
  const inputs = inputBlockIds(view);
  const named = fieldErrors(error, options.blockOfField ?? {}, inputs);
  if (named) return { response_action: 'errors', errors: named };
  // A stale form concerns the whole modal: any field of it can carry the message, and the typing stays.
  const outOfDate = isAppError(error) && error.code === 'form_out_of_date';
  const field = options.field && inputs.includes(options.field) ? options.field : outOfDate ? inputs[0] : undefined;
  if (field) return { response_action: 'errors', errors: { [field]: inlineErrorText(error, logger) } };
  return { response_action: 'update', view: buildRefusalModal(options.title, errorText(error, logger)) };
}
