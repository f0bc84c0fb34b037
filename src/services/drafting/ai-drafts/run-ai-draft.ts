/**
 * One claimed AI draft, start to end: the action's context, one call to the model (no retries inside it: the pool
 * decides), then the draft stored over the template's (or dropped if a person got there first), given back to be
 * tried again later (throttled, a 5xx, a lost connection), or given up with a note on the card. Whatever happens
 * the action keeps a usable draft: the template's text stays until an AI draft replaces it.
 *
 * The card is refreshed in place (notifier.actionChanged → chat.update of the card the tick posted) when the draft
 * is stored or given up; a dropped draft changes nothing the card shows.
 */
import { z } from 'zod';
import { isAppError } from '../../../lib/errors';
import type { ServiceContext } from '../../context';
import type { DraftingDeps, Drafter } from '../../execution/ports';
import { loadActionForDrafting, buildDraftRequest } from '../build-draft-context';
import { lintDraftOfAction } from '../lint-action-draft';
import type { AiDraftClaim } from './claim-ai-drafts';
import { giveUpAiDraft } from './give-up-ai-draft';
import { releaseAiDraft } from './release-ai-draft';
import { storeAiDraft } from './store-ai-draft';

export type AiDraftDeps = DraftingDeps & { drafter: Drafter };

export type AiDraftOutcome =
  | { kind: 'stored' }
  | { kind: 'dropped' }
  | { kind: 'lost' }
  /** Given back to the queue until `afterMs` from now; `throttled` (429, 529) means the whole pool should wait. */
  | { kind: 'retry'; afterMs: number; throttled: boolean }
  | { kind: 'given_up'; reason: string }
  /** The pool stopped during the call: given back as it was. */
  | { kind: 'stopped' };

export interface RunAiDraftOptions {
  claim: AiDraftClaim;
  /** Claims a queued draft may have before it is given up. */
  maxAttempts: number;
  /** Aborted when the pool stops. */
  signal?: AbortSignal;
}

/** The longest wait between two tries when the model gives no Retry-After, and the longest Retry-After honoured. */
export const MAX_RETRY_DELAY_MS = 60_000;

const adviceSchema = z.object({
  retryable: z.boolean(),
  throttled: z.boolean(),
  retryAfterMs: z.number().min(0).optional(),
});

export async function runAiDraft(
  ctx: ServiceContext,
  deps: AiDraftDeps,
  options: RunAiDraftOptions,
): Promise<AiDraftOutcome> {
  const { claim } = options;
  if (claim.attempt > options.maxAttempts) {
    // Earlier claims never finished (their process died mid-call): do not keep trying for ever.
    return giveUp(ctx, deps, claim, `no answer after ${options.maxAttempts} tries`);
  }
  // Deleted meanwhile (its account removed): nothing to draft. Any other failure is the pool's to log; the claim
  // then runs out and the draft is tried again.
  const action = await loadActionForDrafting(ctx, claim.actionId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  });
  if (!action || action.status !== 'ready') return { kind: 'lost' };

  let drafted;
  try {
    const request = await buildDraftRequest(ctx, action);
    drafted = await deps.drafter.draft(request, { maxRetries: 0, signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) {
      await releaseAiDraft(ctx, { claim, retryAt: ctx.now(), refund: true });
      return { kind: 'stopped' };
    }
    const reason = isAppError(error) ? error.message : 'the AI drafter failed';
    const parsed = adviceSchema.safeParse(isAppError(error) ? error.details : undefined);
    const advice = parsed.success ? parsed.data : { retryable: false, throttled: false };
    // Ids only: the draft request is customer data.
    ctx.logger.warn({ actionId: claim.actionId, attempt: claim.attempt, reason }, 'AI draft failed');
    if (!advice.retryable || claim.attempt >= options.maxAttempts) {
      const tries = claim.attempt === 1 ? '' : `, after ${claim.attempt} tries`;
      return giveUp(ctx, deps, claim, `${reason}${tries}`);
    }
    const afterMs = Math.min(MAX_RETRY_DELAY_MS, advice.retryAfterMs ?? backoffMs(claim.attempt));
    await releaseAiDraft(ctx, { claim, retryAt: new Date(ctx.now().getTime() + afterMs) });
    return { kind: 'retry', afterMs, throttled: advice.throttled };
  }

  const lintFindings = lintDraftOfAction(action, drafted, deps.portalLinks !== undefined);
  const outcome = await storeAiDraft(ctx, {
    claim,
    organizationId: action.account.organizationId,
    accountId: action.accountId,
    subject: drafted.subject,
    body: drafted.body,
    draftedBy: deps.drafter.label,
    lintFindings,
  });
  if (outcome === 'stored') await refreshCard(ctx, deps, claim.actionId);
  return { kind: outcome };
}

/** 1 s, 2 s, 4 s… between tries when the model did not say how long to wait. */
function backoffMs(attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.max(0, attempt - 1));
}

async function giveUp(
  ctx: ServiceContext,
  deps: AiDraftDeps,
  claim: AiDraftClaim,
  reason: string,
): Promise<AiDraftOutcome> {
  const given = await giveUpAiDraft(ctx, { claim, reason });
  if (!given) return { kind: 'dropped' };
  await refreshCard(ctx, deps, claim.actionId);
  return { kind: 'given_up', reason };
}

/** The card is a courtesy here: the draft is stored either way, and the next change refreshes the card again. */
async function refreshCard(ctx: ServiceContext, deps: AiDraftDeps, actionId: string): Promise<void> {
  await deps.notifier
    .actionChanged(actionId)
    .catch((error: unknown) => ctx.logger.warn({ actionId, err: error }, 'could not refresh the review card'));
}
