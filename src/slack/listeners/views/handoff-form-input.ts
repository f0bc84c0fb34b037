/**
 * One step of the handoff modal as answers by question key (it is outside input): text, a number, a date, the
 * chosen option or options, or nothing; and the services' `answers.<key>` field errors mapped back onto the blocks
 * of this step, so each problem shows under its question.
 */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { handoffBlockId, handoffKeyOfBlock } from '../../blocks/handoff-form-modal';

const entrySchema = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date: z.string().nullish(),
  })
  .partial();

export function readHandoffStep(view: Pick<ViewOutput, 'state'>): Record<string, string | string[] | null> {
  const answers: Record<string, string | string[] | null> = {};
  for (const [blockId, elements] of Object.entries(view.state.values)) {
    const key = handoffKeyOfBlock(blockId);
    if (key === null) continue;
    const parsed = entrySchema.safeParse(elements[blockId] ?? {});
    if (!parsed.success) continue;
    const e = parsed.data;
    answers[key] = e.selected_options
      ? e.selected_options.map((o) => o.value)
      : (e.selected_option?.value ?? e.selected_date ?? e.value ?? null);
  }
  return answers;
}

/** `answers.<key>` (the services' field names) → the block of that question in this view. */
export function handoffBlockOfField(keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [`answers.${k}`, handoffBlockId(k)]));
}
