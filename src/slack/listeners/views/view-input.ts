import { z } from 'zod';
import type { ModalMetadata } from '../../blocks/modals';

const metadataSchema = z.object({
  id: z.string().min(1),
  change: z.enum(['start', 'complete', 'block', 'unblock']).optional(),
  responseUrl: z.string().url().optional(),
});

/** The modal's private_metadata, validated: it comes back from Slack and is treated as outside input. */
export function readMetadata(view: { private_metadata?: string }): ModalMetadata {
  return metadataSchema.parse(JSON.parse(view.private_metadata || '{}'));
}

type ViewState = { values?: Record<string, Record<string, { value?: string | null }>> };

/** A plain-text input's value, trimmed; '' when empty or absent. */
export function inputValue(view: { state?: ViewState }, blockId: string): string {
  return view.state?.values?.[blockId]?.[blockId]?.value?.trim() ?? '';
}

type SelectState = { values?: Record<string, Record<string, { selected_option?: { value?: string } | null }>> };

/** A static select's chosen value; '' when nothing is chosen or the block is absent. */
export function selectedValue(view: { state?: SelectState }, blockId: string): string {
  return view.state?.values?.[blockId]?.[blockId]?.selected_option?.value ?? '';
}
