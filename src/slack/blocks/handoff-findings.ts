/**
 * The contradiction check's findings, as a run of blocks the handoff card carries: each open finding with what
 * contradicts what, its suggested fix in words, and Accept / Dismiss; decided ones as one line each ("Accepted by
 * @casey: added "Configure single sign-on" to Technical Setup"). Every block has an id starting with
 * `handoff_finding`, so a click can replace the run in place within whatever message holds it.
 */
import type { ActionsBlock, Block, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { FindingSuggestion } from '../../domain/handoff-checks';
import { amountInWords, dayInWords } from '../../domain/handoff-checks/words';
import type { HandoffFindingView } from '../../services/handoff/handoff-finding-view';
import { ACTIONS } from '../ids';
import { blocksFromSlack, type UpdatedSlackMessage } from './slack-message';
import { button, LIMITS, safe, truncate } from './text';

const PREFIX = 'handoff_finding';
const HEAD_ID = `${PREFIX}s`;
const MORE_ID = `${PREFIX}s_more`;
const DECIDED_ID = `${PREFIX}s_decided`;

export function findingBlockId(findingId: string): string {
  return `${PREFIX}:${findingId}`;
}

function actionsBlockId(findingId: string): string {
  return `${PREFIX}_actions:${findingId}`;
}

/**
 * The most blocks the findings take, so the card around them keeps room within a message's 50: the heading, nine
 * open findings of two blocks each, a line for more, and the decided lines.
 */
export const MAX_FINDING_BLOCKS = 21;
const MAX_OPEN_SHOWN = (MAX_FINDING_BLOCKS - 3) / 2;

function contextBlock(text: string, blockId: string): ContextBlock {
  return {
    type: 'context',
    block_id: blockId,
    elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }],
  };
}

/** The fix in words, as the CSM reads it before accepting (outside text escaped). */
export function fixInWords(s: FindingSuggestion): string {
  switch (s.kind) {
    case 'add_template_action':
      return `Add *${safe(s.actionName, 200)}* from the template to ${safe(s.milestoneName, 200)}.`;
    case 'add_internal_task':
      return `Add the internal task *${safe(s.name, 200)}* to ${s.milestoneName ? safe(s.milestoneName, 200) : 'the plan'}.`;
    case 'set_arr':
      return `Set the account's ARR to ${safe(amountInWords(s.arr, s.currency), 60)}; Dismiss keeps the deal's ${safe(amountInWords(s.dealAmount, s.currency), 60)}.`;
    case 'add_contact':
      return `Add *${safe(s.name, 200)}* (${safe(s.email, 254)}${s.title ? `, ${safe(s.title, 200)}` : ''}) as a contact.`;
    case 'move_kickoff':
      return `Move the kickoff to ${dayInWords(s.kickoffDate)}; the plan moves with it.`;
    case 'talk':
      return `${safe(s.text, 1000)} _(Accept records that you take it on.)_`;
  }
}

function openBlocks(f: HandoffFindingView): [SectionBlock, ActionsBlock] {
  const icon = f.severity === 'warning' ? ':warning:' : ':information_source:';
  const lines = [`${icon} ${safe(f.message, 1200)}`, `*Suggested fix:* ${fixInWords(f.suggestion)}`];
  if (f.source === 'ai') lines.push('_Suggested by Claude_');
  return [
    {
      type: 'section',
      block_id: findingBlockId(f.id),
      text: { type: 'mrkdwn', text: truncate(lines.join('\n'), LIMITS.sectionText) },
    },
    {
      type: 'actions',
      block_id: actionsBlockId(f.id),
      elements: [
        button('Accept', ACTIONS.findingAccept, f.id, 'primary'),
        button('Dismiss', ACTIONS.findingDismiss, f.id),
      ],
    },
  ];
}

/** "Accepted by @casey: added …", "Dismissed by @casey: <the finding>". */
export function decidedLine(f: HandoffFindingView): string {
  const who = f.decidedBy
    ? f.decidedBy.slackUserId
      ? `<@${f.decidedBy.slackUserId}>`
      : safe(f.decidedBy.name, 100)
    : 'the command line';
  const claude = f.source === 'ai' ? ' (suggested by Claude)' : '';
  if (f.status === 'accepted') {
    return `:white_check_mark: Accepted by ${who}: ${safe(f.outcome ?? f.message, 280)}${claude}`;
  }
  return `:heavy_multiplication_x: Dismissed by ${who}: ${safe(f.message, 280)}${claude}`;
}

/** The decided lines in one block, the latest kept when they do not all fit. */
function decidedBlock(decided: HandoffFindingView[]): SectionBlock {
  const lines = decided.map(decidedLine);
  const kept: string[] = [];
  let length = 0;
  for (const line of [...lines].reverse()) {
    if (length + line.length + 1 > LIMITS.sectionText - 60) break;
    kept.unshift(line);
    length += line.length + 1;
  }
  const earlier = lines.length - kept.length;
  const text = [...(earlier > 0 ? [`…${earlier} earlier decisions not shown.`] : []), ...kept].join('\n');
  return { type: 'section', block_id: DECIDED_ID, text: { type: 'mrkdwn', text } };
}

export function handoffFindingBlocks(findings: HandoffFindingView[]): KnownBlock[] {
  if (findings.length === 0) return [];
  const open = findings.filter((f) => f.status === 'open');
  const decided = findings.filter((f) => f.status !== 'open');
  const shown = open.slice(0, MAX_OPEN_SHOWN);
  const head =
    open.length > 0
      ? `:mag: *Contradiction check* · ${open.length} to decide: accept a fix or dismiss it.`
      : ':mag: *Contradiction check* · every finding is decided.';
  const blocks: KnownBlock[] = [contextBlock(head, HEAD_ID), ...shown.flatMap(openBlocks)];
  if (open.length > shown.length) {
    blocks.push(
      contextBlock(`…and ${open.length - shown.length} more to decide; they appear here as you decide these.`, MORE_ID),
    );
  }
  if (decided.length > 0) blocks.push(decidedBlock(decided));
  return blocks;
}

function isFindingBlock(b: Block): boolean {
  return typeof b.block_id === 'string' && b.block_id.startsWith(PREFIX);
}

/**
 * The clicked message with its findings replaced by the current ones, where they were; the rest of the message (the
 * handoff card around them) is kept as Slack sent it. Null when the message holds no findings to replace.
 */
export function withHandoffFindings(
  original: unknown,
  text: string,
  findings: HandoffFindingView[],
): UpdatedSlackMessage | null {
  const kept = blocksFromSlack(original);
  const first = kept.findIndex(isFindingBlock);
  if (first < 0) return null;
  const before = kept.slice(0, first);
  const after = kept.slice(first).filter((b) => !isFindingBlock(b));
  const blocks = [...before, ...handoffFindingBlocks(findings), ...after].slice(0, LIMITS.messageBlocks);
  return { text, blocks };
}
