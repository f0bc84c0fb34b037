import type { LintFinding } from '../../../domain/review-lint';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { ServiceContext } from '../../context';
import { toJsonInput } from '../../json/stored-json';
import type { AiDraftClaim } from './claim-ai-drafts';

export type StoreAiDraftOutcome =
  /** The AI draft replaced the template's. */
  | 'stored'
  /** Someone changed the action first (edited, approved, sent, skipped, drafted again): the AI draft is dropped. */
  | 'dropped'
  /** Still queued, but under another claim (ours expired and another worker took it): that worker stores it. */
  | 'lost';

/**
 * Replaces the template's draft with the AI draft, only if nothing happened to the action since it was queued: it
 * is still ready, unapproved, queued with the same version (every change a person makes clears the queue mark, see
 * transitionAction) and still claimed by this worker. One conditional update, so it cannot overwrite an edit that
 * lands at the same moment; updatedAt moves, so an Execute pressed on the template's text does not send this one.
 */
export async function storeAiDraft(
  ctx: ServiceContext,
  input: {
    claim: AiDraftClaim;
    organizationId: string;
    accountId: string;
    subject: string;
    body: string;
    draftedBy: string;
    lintFindings: LintFinding[];
  },
): Promise<StoreAiDraftOutcome> {
  const { claim } = input;
  const at = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const stored = await tx.action.updateMany({
      where: {
        id: claim.actionId,
        status: 'ready',
        approvedAt: null,
        aiDraftWantedAt: claim.wantedAt,
        aiDraftClaimUntil: claim.until,
      },
      data: {
        draftSubject: input.subject,
        draftBody: input.body,
        draftedBy: input.draftedBy,
        lintFindings: toJsonInput(input.lintFindings),
        lintOverriddenById: null,
        aiDraftWantedAt: null,
        aiDraftClaimUntil: null,
        aiDraftNote: null,
      },
    });
    const audit = { organizationId: input.organizationId, accountId: input.accountId, entityType: 'action' as const };
    if (stored.count === 1) {
      await recordAuditEvent(tx, {
        ...audit,
        entityId: claim.actionId,
        actor: 'system',
        from: 'ready',
        to: 'ready',
        reason: `drafted by ${input.draftedBy}, replacing the template's draft`,
        data: { draftedBy: input.draftedBy, findings: input.lintFindings.map((f) => f.code), attempt: claim.attempt },
        at,
      });
      return 'stored';
    }
    const now = await tx.action.findUnique({
      where: { id: claim.actionId },
      select: { aiDraftWantedAt: true },
    });
    if (now?.aiDraftWantedAt?.getTime() === claim.wantedAt.getTime()) return 'lost';
    if (now)
      await recordAuditEvent(tx, {
        ...audit,
        entityId: claim.actionId,
        actor: 'system',
        reason: `AI draft by ${input.draftedBy} not used: the action changed before it arrived`,
        data: { draftedBy: input.draftedBy },
        at,
      });
    return 'dropped';
  });
}
