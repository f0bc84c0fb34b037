import type { Block, KnownBlock } from '@slack/types';

/** A message as every builder returns it: the notification and fallback text, and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A message rebuilt around blocks Slack sent back (the clicked message's own): those are kept as Slack gave them,
 * so only their type and block id are known.
 */
export interface UpdatedSlackMessage {
  text: string;
  blocks: (KnownBlock | Block)[];
}

/** Blocks as a message payload carries them from Slack; anything that is not a block is dropped. */
export function blocksFromSlack(value: unknown): Block[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isBlock);
}

function isBlock(value: unknown): value is Block {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    typeof value.type === 'string' &&
    (!('block_id' in value) || value.block_id === undefined || typeof value.block_id === 'string')
  );
}
