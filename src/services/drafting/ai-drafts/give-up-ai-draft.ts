import { recordAuditEvent } from '../../audit/record-audit-event';
import type { ServiceContext } from '../../context';
import type { AiDraftClaim } from './claim-ai-drafts';

/**
 * Takes a queued AI draft off the queue for good (the model failed in a way another try will not mend, or ran out
 * of tries): the template's draft stays, ready to review and send, and its card says why in `note`. Only the
 * holder's claim on the same queued draft; false when someone changed the action first (nothing to say then).
 */
export async function giveUpAiDraft(
  ctx: ServiceContext,
  input: { claim: AiDraftClaim; reason: string },
): Promise<boolean> {
  const { claim } = input;
  const at = ctx.now();
  const note = `The AI draft could not be made (${input.reason}); this is the template's text.`;
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.action.updateMany({
      where: { id: claim.actionId, aiDraftWantedAt: claim.wantedAt, aiDraftClaimUntil: claim.until },
      data: { aiDraftWantedAt: null, aiDraftClaimUntil: null, aiDraftNote: note },
    });
    if (updated.count !== 1) return false;
    const action = await tx.action.findUniqueOrThrow({
      where: { id: claim.actionId },
      select: { accountId: true, status: true, account: { select: { organizationId: true } } },
    });
    await recordAuditEvent(tx, {
      organizationId: action.account.organizationId,
      accountId: action.accountId,
      entityType: 'action',
      entityId: claim.actionId,
      actor: 'system',
      from: action.status,
      to: action.status,
      reason: `AI drafting failed (${input.reason}): the template's draft is kept`,
      data: { attempts: claim.attempt },
      at,
    });
    return true;
  });
}
