/**
 * What the tick knows of the AI draft pool (jobs/ai-draft-pool.ts): that it exists (an AI drafter is configured, so
 * fired actions are queued for their AI draft in the database) and how to tell it new work is there. The tick
 * never waits on it: the queue is the Action rows themselves, so a pool in any process, now or after a restart,
 * picks the work up.
 */
export interface AiDraftQueue {
  /** New drafts were queued: claim them now rather than at the next poll. Returns at once. */
  wake(): void;
}
