/**
 * What Slack sends back when a person submits a modal: the state of each input block, shaped by its element's
 * type. Free of database code, so journeys (tests/journeys) can use it too.
 */

/**
 * What a person enters in a modal, by block id: text, a chosen option's value, a user or conversation id, a date,
 * a time (HH:MM), or the values of the checked boxes (or of a multi-select), comma separated or as a list.
 */
export type ViewValues = Record<string, string | readonly string[] | null>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A modal's blocks, as far as its state is concerned. */
export interface ViewWithBlocks {
  blocks: Record<string, unknown>[];
}

/** The state Slack sends for a submitted modal: one entry per input block, shaped by its element's type. */
export function viewState(view: ViewWithBlocks, values: ViewValues): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  const inputs = view.blocks.filter((b) => b.type === 'input' && isRecord(b.element));
  const known = new Set(inputs.map((b) => b.block_id));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length)
    throw new Error(`the modal has no input ${unknown.join(', ')}; its inputs: ${[...known].join(', ') || 'none'}`);
  for (const block of inputs) {
    const blockId = String(block.block_id);
    const element = isRecord(block.element) ? block.element : {};
    const type = String(element.type);
    const given = values[blockId] ?? null;
    const list = given === null ? [] : typeof given === 'string' ? (given ? given.split(',') : []) : [...given];
    const value = given === null ? null : typeof given === 'string' ? given : given.join(',');
    let entry: Record<string, unknown>;
    switch (type) {
      case 'static_select': {
        const options = Array.isArray(element.options) ? element.options.filter(isRecord) : [];
        // An option the modal no longer lists stands for one that was there when it opened (a stale modal).
        const option =
          value === null
            ? null
            : (options.find((o) => o.value === value) ?? { text: { type: 'plain_text', text: value }, value });
        entry = { type, selected_option: option };
        break;
      }
      case 'radio_buttons': {
        const options = Array.isArray(element.options) ? element.options.filter(isRecord) : [];
        const option = value === null ? null : options.find((o) => o.value === value);
        if (value !== null && !option) throw new Error(`${blockId} has no option ${value}`);
        entry = { type, selected_option: option ?? null };
        break;
      }
      case 'users_select':
        entry = { type, selected_user: value };
        break;
      case 'conversations_select':
        entry = { type, selected_conversation: value };
        break;
      case 'multi_static_select':
      case 'checkboxes': {
        // Checked boxes (or chosen options) as their values, comma separated ('1,2,5') or a list; null or '' is none.
        const options = Array.isArray(element.options) ? element.options.filter(isRecord) : [];
        const checked = list;
        const unknownBoxes = checked.filter((v) => !options.some((o) => o.value === v));
        if (unknownBoxes.length) throw new Error(`${blockId} has no checkbox ${unknownBoxes.join(', ')}`);
        entry = { type, selected_options: options.filter((o) => checked.includes(String(o.value))) };
        break;
      }
      case 'datepicker':
        entry = { type, selected_date: value };
        break;
      case 'timepicker':
        entry = { type, selected_time: value };
        break;
      default:
        entry = { type, value };
    }
    state[blockId] = { [String(element.action_id ?? blockId)]: entry };
  }
  return state;
}

/** What the modal shows before anyone types, as a person submitting it unchanged sends it. */
export function valuesAsOpened(view: ViewWithBlocks): ViewValues {
  const values: ViewValues = {};
  for (const block of view.blocks.filter((b) => b.type === 'input' && isRecord(b.element))) {
    const e = isRecord(block.element) ? block.element : {};
    const id = String(block.block_id);
    const initialOption = isRecord(e.initial_option) ? e.initial_option : undefined;
    const initialOptions = Array.isArray(e.initial_options) ? e.initial_options.filter(isRecord) : [];
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    values[id] =
      e.type === 'static_select' || e.type === 'radio_buttons'
        ? str(initialOption?.value)
        : e.type === 'checkboxes' || e.type === 'multi_static_select'
          ? initialOptions.map((o) => String(o.value)).join(',')
          : e.type === 'conversations_select'
            ? str(e.initial_conversation)
            : e.type === 'users_select'
              ? str(e.initial_user)
              : e.type === 'datepicker'
                ? str(e.initial_date)
                : e.type === 'timepicker'
                  ? str(e.initial_time)
                  : str(e.initial_value);
  }
  return values;
}

/**
 * The review queue's message state with these drafts ticked, as Slack sends it with a click on Execute selected:
 * each draft's checkbox sits in its own block (`review:<actionId>`).
 */
export function tickedDrafts(...ids: readonly string[]): { values: Record<string, Record<string, unknown>> } {
  const values = ids.map((id) => [
    `review:${id}`,
    { review_batch_select: { type: 'checkboxes', selected_options: [{ value: id }] } },
  ]);
  return { values: Object.fromEntries(values) };
}
