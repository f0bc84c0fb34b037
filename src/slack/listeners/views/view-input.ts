/** Reading a submitted modal's state; both helpers answer '' for a field that is empty or not in this view. */
import type { ViewOutput } from '@slack/bolt';

type ViewState = Pick<ViewOutput, 'state'>;

/** A plain-text input's value, trimmed. */
export function inputValue(view: ViewState, blockId: string): string {
  return view.state.values[blockId]?.[blockId]?.value?.trim() ?? '';
}

/** A static select's chosen value. */
export function selectedValue(view: ViewState, blockId: string): string {
  return view.state.values[blockId]?.[blockId]?.selected_option?.value ?? '';
}

/** Whether the modal as opened has this block (a Complete modal asks for a reason only when actions are open). */
export function hasBlock(view: Pick<ViewOutput, 'blocks'>, blockId: string): boolean {
  return view.blocks.some((b) => b.block_id === blockId);
}
