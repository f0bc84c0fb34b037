import type { ServiceContext } from '../../context';
import type { AiDraftClaim } from './claim-ai-drafts';

/**
 * Gives a claimed AI draft back to the queue, to be claimed again from `retryAt` (after a 429, a 5xx, or a pool
 * that stopped mid-call). Only the holder's own claim on the same queued draft is given back. `refund` takes the
 * attempt back too (the call was cut short by Thread stopping, not failed by the model).
 */
export async function releaseAiDraft(
  ctx: ServiceContext,
  input: { claim: AiDraftClaim; retryAt: Date; refund?: boolean },
): Promise<void> {
  const { claim } = input;
  // Bookkeeping, like the claim: updatedAt stays as it is.
  await ctx.prisma.$executeRaw`
    UPDATE "Action"
    SET "aiDraftClaimUntil" = ${input.retryAt},
        "aiDraftAttempts" = GREATEST(0, "aiDraftAttempts" - ${input.refund ? 1 : 0})
    WHERE id = ${claim.actionId} AND "aiDraftWantedAt" = ${claim.wantedAt} AND "aiDraftClaimUntil" = ${claim.until}`;
}
