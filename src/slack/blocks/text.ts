import type { Button, ContextBlock, HeaderBlock, PlainTextElement, SectionBlock } from '@slack/types';

/**
 * Block Kit limits and safe text. Everything a builder puts in a block goes through these, so no message is
 * rejected for length and no customer- or CRM-supplied text can ping @channel or disguise a link.
 */
export const LIMITS = {
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  contextText: 3000,
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  viewSubmit: 24,
  privateMetadata: 3000,
  inputInitialValue: 3000,
  inputLabel: 2000,
  placeholder: 150,
  /** Slack shows an inline modal error as one short line under its field. */
  inlineError: 300,
} as const;

/** Cuts to at most `max` characters (code points, so an emoji is never split), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Escapes mrkdwn control characters: `<!channel>`, `<@U…>` and `<url|label>` all need `<`, so none survive. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Outside text, escaped then cut; the cut never leaves half an entity ("&am…") behind. */
export function safe(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (Array.from(escaped).length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,3}…$/, '…');
}

export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

export function mrkdwnSection(text: string, blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) || ' ' },
  };
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) || ' ' }] };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.header) };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  if (value.length > LIMITS.buttonValue)
    throw new Error(`button value for ${actionId} is longer than ${LIMITS.buttonValue} characters`);
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** "12 Jan 2027" in UTC (calendar dates are stored at UTC midnight). */
export function formatDate(date: Date | null | undefined): string {
  if (!date) return '—';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** Slack renders `<!date…>` in the reader's own time zone; the fallback is for clients that cannot. */
export function slackTime(date: Date | null | undefined): string {
  if (!date) return 'not scheduled';
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

export function formatArr(arr: number): string {
  return `$${arr.toLocaleString('en-US')}`;
}

export const STATUS_EMOJI: Record<string, string> = {
  pending_handoff: ':handshake:',
  active: ':large_green_circle:',
  at_risk: ':warning:',
  completed: ':white_check_mark:',
  churned: ':x:',
  pending: ':white_circle:',
  in_progress: ':arrows_counterclockwise:',
  blocked: ':no_entry:',
};

/** Lines joined into as few texts as fit `max` characters each, never splitting a line. */
export function packLines(items: string[], max: number): string[] {
  const packed: string[] = [];
  for (const item of items) {
    const last = packed.at(-1);
    if (last !== undefined && last.length + 1 + item.length <= max) packed[packed.length - 1] = `${last}\n${item}`;
    else packed.push(item);
  }
  return packed;
}
