/**
 * Reading Block Kit the way a person sees it, so tests assert "a button labelled Approve for this action" or
 * "this sentence is shown" instead of a substring of JSON (which also matches ids, URLs and escaped quotes).
 * Everything here takes what the fake Slack API recorded (unknown JSON) and walks it defensively.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The blocks of a message, a view or a plain block array. */
export function blocksOf(source: unknown): Json[] {
  const list = Array.isArray(source) ? source : isObject(source) ? source.blocks : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Every node of the tree, depth first, in document order. */
function* walk(node: unknown): Generator<Json> {
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  if (!isObject(node)) return;
  yield node;
  for (const value of Object.values(node)) if (typeof value === 'object') yield* walk(value);
}

/**
 * The visible text of blocks (or of a view: its title, blocks and buttons), one text object per line, in order:
 * headers, sections and their fields, context, button labels and option texts, as Slack would show them (mrkdwn
 * kept as written, so `*bold*` and `&lt;` read as sent).
 */
export function textOf(source: unknown): string {
  const lines: string[] = [];
  for (const node of walk(source))
    if ((node.type === 'plain_text' || node.type === 'mrkdwn') && typeof node.text === 'string') lines.push(node.text);
  return lines.join('\n');
}

export interface FoundButton {
  label: string;
  actionId: string;
  value: string;
  style?: string;
  /** The confirmation dialog's text, when the button asks before acting. */
  confirm?: string;
  url?: string;
  /** The block it is in, as Slack sends it back with the click. */
  blockId?: string;
}

/** Every button in the blocks, in document order. */
export function buttons(source: unknown): FoundButton[] {
  const found: FoundButton[] = [];
  for (const block of blocksOf(source)) {
    const blockId = str(block.block_id);
    for (const node of walk(block)) {
      if (node.type !== 'button') continue;
      const label = isObject(node.text) ? (str(node.text.text) ?? '') : '';
      found.push({
        label,
        actionId: str(node.action_id) ?? '',
        value: str(node.value) ?? '',
        ...(str(node.style) ? { style: str(node.style) } : {}),
        ...(isObject(node.confirm) ? { confirm: textOf(node.confirm) } : {}),
        ...(str(node.url) ? { url: str(node.url) } : {}),
        ...(blockId ? { blockId } : {}),
      });
    }
  }
  return found;
}

export interface FoundMenuOption {
  /** The menu's action id. */
  actionId: string;
  text: string;
  value: string;
  blockId?: string;
}

/** Every option of every "…" (overflow) menu in the blocks, in document order. */
export function menuOptions(source: unknown): FoundMenuOption[] {
  const found: FoundMenuOption[] = [];
  for (const block of blocksOf(source)) {
    const blockId = str(block.block_id);
    for (const node of walk(block)) {
      if (node.type !== 'overflow' || !Array.isArray(node.options)) continue;
      for (const o of node.options.filter(isObject))
        found.push({
          actionId: str(node.action_id) ?? '',
          text: textOf(o.text),
          value: str(o.value) ?? '',
          ...(blockId ? { blockId } : {}),
        });
    }
  }
  return found;
}

/**
 * The one menu option with this text whose value mentions `near` (the id of the action or milestone it is beside,
 * when several menus offer the same option); fails naming the options there are.
 */
export function findMenuOption(source: unknown, text: string, near?: string): FoundMenuOption {
  const all = menuOptions(source);
  const matching = all.filter((o) => o.text === text && (near === undefined || o.value.includes(near)));
  if (matching.length !== 1)
    throw new Error(
      `expected one menu option "${text}"${near === undefined ? '' : ` for ${near}`}, found ${matching.length}; options: ${[...new Set(all.map((o) => `"${o.text}"`))].join(', ') || 'none'}`,
    );
  return matching[0]!;
}

/**
 * The one button with this label (and this value, when several share the label, e.g. Start on each milestone);
 * fails naming the buttons there are.
 */
export function findButton(source: unknown, label: string, value?: string): FoundButton {
  const all = buttons(source);
  const matching = all.filter((b) => b.label === label && (value === undefined || b.value === value));
  if (matching.length !== 1)
    throw new Error(
      `expected one button labelled "${label}"${value === undefined ? '' : ` with value ${value}`}, found ${matching.length}; buttons: ${all.map((b) => `"${b.label}"`).join(', ') || 'none'}`,
    );
  return matching[0]!;
}

/** The labels of every button, in order. */
export function buttonLabels(source: unknown): string[] {
  return buttons(source).map((b) => b.label);
}

/** The action ids of every interactive element (buttons, selects, checkboxes, inputs), in order. */
export function actionIds(source: unknown): string[] {
  const ids: string[] = [];
  for (const node of walk(blocksOf(source))) if (typeof node.action_id === 'string') ids.push(node.action_id);
  return ids;
}

/** The block ids of the blocks, in order (blocks without one are left out). */
export function blockIds(source: unknown): string[] {
  return blocksOf(source).flatMap((b) => (typeof b.block_id === 'string' ? [b.block_id] : []));
}

export interface FoundInput {
  blockId: string;
  label: string;
  optional: boolean;
  element: {
    type: string;
    actionId: string;
    /** The values of a select's or checkbox group's options, in order. */
    options: { text: string; value: string }[];
    initial?: string;
  };
}

/** The input block with this block id in a view: its label, element type, options and initial value. */
export function findInput(view: unknown, blockId: string): FoundInput {
  const block = blocksOf(view).find((b) => b.block_id === blockId);
  if (!block || !isObject(block.element))
    throw new Error(`no input block "${blockId}" in the view; blocks: ${blockIds(view).join(', ') || 'none'}`);
  const element = block.element;
  const options = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const initial =
    str(element.initial_value) ??
    str(element.initial_user) ??
    str(element.initial_date) ??
    str(element.initial_time) ??
    (isObject(element.initial_option) ? str(element.initial_option.value) : undefined);
  return {
    blockId,
    label: isObject(block.label) ? (str(block.label.text) ?? '') : '',
    optional: block.optional === true,
    element: {
      type: str(element.type) ?? '',
      actionId: str(element.action_id) ?? '',
      options: options.map((o) => ({ text: textOf(o.text), value: str(o.value) ?? '' })),
      ...(initial !== undefined ? { initial } : {}),
    },
  };
}

/**
 * Every string anywhere in the tree (texts, ids, values, URLs), one per line: for "this never appears anywhere"
 * checks, such as customer text that must not reach Slack unescaped.
 */
export function stringsIn(source: unknown): string {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') found.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) Object.values(node).forEach(visit);
  };
  visit(source);
  return found.join('\n');
}
