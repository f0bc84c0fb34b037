/**
 * Every Slack Block Kit limit the builders must respect, checked on a builder's output. Stricter than the fake
 * Web API's check: it also covers modal inputs, options, context and fields, and mrkdwn escaping.
 */
import type { View } from '@slack/types';
const len = (t: unknown) => (typeof t === 'string' ? Array.from(t).length : 0);

export const HOSTILE_TOKENS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@UEVIL>',
  '<https://evil.example|',
  '<mailto:',
];

/** Problems with the blocks, or [] when Slack would accept them. `maxBlocks`: 50 for messages, 100 for views. */
export function limitProblems(blocks: unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  if (blocks.length === 0) problems.push('no blocks');
  const over = (path: string, what: string, value: unknown, max: number) => {
    if (len(value) > max) problems.push(`${path}: ${what} ${len(value)} > ${max}`);
  };
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((c, i) => visit(c, `${path}[${i}]`));
    const n = node as Record<string, unknown>;
    const text = (n.text as { text?: string } | undefined)?.text;
    if ((n.type === 'plain_text' || n.type === 'mrkdwn') && typeof n.text === 'string') {
      if (n.text.length === 0) problems.push(`${path}: empty text`);
      over(path, 'text object', n.text, 3000);
    }
    switch (n.type) {
      case 'section':
        over(path, 'section text', text, 3000);
        if (Array.isArray(n.fields)) {
          if (n.fields.length > 10) problems.push(`${path}: ${n.fields.length} fields > 10`);
          n.fields.forEach((f, i) => over(`${path}.fields[${i}]`, 'field', (f as { text?: string }).text, 2000));
        }
        break;
      case 'header':
        over(path, 'header', text, 150);
        break;
      case 'context':
        if (Array.isArray(n.elements) && n.elements.length > 10) problems.push(`${path}: context elements > 10`);
        break;
      case 'actions': {
        if (Array.isArray(n.elements) && n.elements.length > 25) problems.push(`${path}: actions elements > 25`);
        const ids = (Array.isArray(n.elements) ? n.elements : []).map((e) => (e as { action_id?: string }).action_id);
        if (new Set(ids).size !== ids.length) problems.push(`${path}: two elements share an action_id`);
        break;
      }
      case 'button':
        over(path, 'button text', text, 75);
        over(path, 'button value', n.value, 2000);
        break;
      case 'input':
        over(path, 'label', (n.label as { text?: string } | undefined)?.text, 2000);
        over(path, 'hint', (n.hint as { text?: string } | undefined)?.text, 2000);
        break;
      case 'plain_text_input': {
        const max = typeof n.max_length === 'number' ? Math.min(n.max_length, 3000) : 3000;
        over(path, 'initial_value', n.initial_value, max);
        over(path, 'placeholder', (n.placeholder as { text?: string } | undefined)?.text, 150);
        break;
      }
      case 'image':
        over(path, 'image_url', n.image_url, 3000);
        over(path, 'alt_text', n.alt_text, 2000);
        if (typeof n.alt_text !== 'string' || n.alt_text.trim() === '')
          problems.push(`${path}: an image without alt text`);
        over(path, 'image title', (n.title as { text?: string } | undefined)?.text, 2000);
        break;
      case 'static_select':
        if (Array.isArray(n.options) && n.options.length > 100)
          problems.push(`${path}: ${n.options.length} options > 100`);
        if (Array.isArray(n.options) && n.options.length === 0) problems.push(`${path}: a select with no options`);
        break;
      case 'overflow':
        if (!Array.isArray(n.options) || n.options.length < 2 || n.options.length > 5)
          problems.push(`${path}: an overflow menu needs 2 to 5 options`);
        break;
    }
    if (typeof n.block_id === 'string') over(path, 'block_id', n.block_id, 255);
    if (typeof n.action_id === 'string') over(path, 'action_id', n.action_id, 255);
    if (Array.isArray(n.options)) {
      for (const [i, o] of (n.options as Record<string, { text?: string } | string>[]).entries()) {
        over(`${path}.options[${i}]`, 'option text', (o.text as { text?: string } | undefined)?.text, 75);
        over(`${path}.options[${i}]`, 'option description', (o.description as { text?: string } | undefined)?.text, 75);
        over(`${path}.options[${i}]`, 'option value', o.value, 150);
      }
    }
    for (const [k, v] of Object.entries(n)) if (v && typeof v === 'object') visit(v, `${path}.${k}`);
  };
  visit(blocks, 'blocks');
  return problems;
}

/** Limits of a modal or Home view beyond its blocks: title, submit and close 24, private_metadata 3000. */
export function viewProblems(view: View): string[] {
  const problems = limitProblems(view.blocks, 100);
  if (view.type === 'modal') {
    for (const [key, t] of Object.entries({ title: view.title, submit: view.submit, close: view.close }))
      if (len(t?.text) > 24) problems.push(`${key} ${len(t?.text)} > 24`);
  }
  if (len(view.private_metadata) > 3000) problems.push(`private_metadata ${len(view.private_metadata)} > 3000`);
  return problems;
}

/** Every mrkdwn text in the blocks (plain_text is never parsed for mentions or links, so it is not a risk). */
export function mrkdwnTexts(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  const n = node as Record<string, unknown>;
  const own = n.type === 'mrkdwn' && typeof n.text === 'string' ? [n.text] : [];
  return [...own, ...Object.values(n).flatMap(mrkdwnTexts)];
}

/** Hostile tokens that survived into mrkdwn, and bare `&` that was not escaped. */
export function escapingProblems(blocks: unknown): string[] {
  const problems: string[] = [];
  for (const text of mrkdwnTexts(blocks)) {
    for (const token of HOSTILE_TOKENS)
      if (text.includes(token)) problems.push(`mrkdwn contains ${token}: ${text.slice(0, 120)}`);
    if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`unescaped & in: ${text.slice(0, 120)}`);
  }
  return problems;
}
