import type { InputBlock, InputBlockElement, PlainTextInput } from '@slack/types';
import { LIMITS, plain, truncate } from './text';

/**
 * An input block whose element answers to the same id as the block, so a listener reads `values[id][id]` and an
 * inline error names the block by the id it already knows.
 */
export function inputBlock(
  blockId: string,
  label: string,
  element: InputBlockElement,
  options: { optional?: boolean; hint?: string } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label, LIMITS.inputLabel),
    ...(options.hint ? { hint: plain(options.hint, LIMITS.inputLabel) } : {}),
    element: { ...element, action_id: blockId },
  };
}

export interface TextInputOptions {
  initial?: string;
  multiline?: boolean;
  optional?: boolean;
  max?: number;
  hint?: string;
  placeholder?: string;
}

/** A plain-text input block, its initial value cut to what Slack accepts for the field. */
export function textInputBlock(blockId: string, label: string, options: TextInputOptions = {}): InputBlock {
  const element: PlainTextInput = {
    type: 'plain_text_input',
    multiline: options.multiline ?? false,
    // Slack rejects an initial value longer than the field's own max_length, not only one over 3000.
    ...(options.initial
      ? {
          initial_value: truncate(
            options.initial,
            Math.min(options.max ?? LIMITS.inputInitialValue, LIMITS.inputInitialValue),
          ),
        }
      : {}),
    ...(options.max ? { max_length: options.max } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder, LIMITS.placeholder) } : {}),
  };
  return inputBlock(blockId, label, element, { optional: options.optional, hint: options.hint });
}
