import { z } from 'zod';
import type { LintFinding } from '../../domain/review-lint';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import type { DraftingDeps } from '../execution/ports';
import { toJsonInput } from '../json/stored-json';
import { loadActionForDrafting } from './build-draft-context';
import { produceDraft } from './produce-draft';

const optionsSchema = z.object({ actionId: z.string().min(1) });

export interface DraftActionResult {
  actionId: string;
  draftSubject: string;
  draftBody: string;
  draftedBy: string;
  lintFindings: LintFinding[];
  aiFailure?: string;
}

/**
 * Drafts a Ready action from its account's context and stores the draft with its lint findings. Called when an
 * action becomes Ready (the caller posts the review card). A fresh draft clears any earlier approval.
 */
export async function draftAction(
  ctx: ServiceContext,
  deps: DraftingDeps,
  options: { actionId: string },
): Promise<DraftActionResult> {
  const { actionId } = optionsSchema.parse(options);
  const action = await loadActionForDrafting(ctx, actionId);
  if (action.status !== 'ready' && action.status !== 'review_pending') {
    throw new AppError('illegal_transition', `only a ready action can be drafted; this one is ${action.status}`);
  }
  const draft = await produceDraft(ctx, deps, action);
  await ctx.prisma.$transaction(async (tx) => {
    // The AI call took a while: store only if nobody moved the action on meanwhile.
    const stored = await tx.action.updateMany({
      where: { id: actionId, status: action.status },
      data: {
        draftSubject: draft.subject,
        draftBody: draft.body,
        draftedBy: draft.draftedBy,
        lintFindings: toJsonInput(draft.lintFindings),
        approvedAt: null,
        approvedById: null,
        lintOverriddenById: null,
        // Drafted here and now: nothing left for the AI draft pool to replace.
        aiDraftWantedAt: null,
      },
    });
    if (stored.count !== 1)
      throw new AppError('conflict', 'the action changed while it was being drafted; draft it again');
    await recordAuditEvent(tx, {
      organizationId: action.account.organizationId,
      accountId: action.accountId,
      entityType: 'action',
      entityId: actionId,
      actor: 'system',
      from: action.status,
      to: action.status,
      reason: draft.aiFailure
        ? `drafted from the template (AI drafting failed: ${draft.aiFailure})`
        : `drafted by ${draft.draftedBy}`,
      data: { draftedBy: draft.draftedBy, findings: draft.lintFindings.map((f) => f.code) },
      at: ctx.now(),
    });
  });
  return {
    actionId,
    draftSubject: draft.subject,
    draftBody: draft.body,
    draftedBy: draft.draftedBy,
    lintFindings: draft.lintFindings,
    ...(draft.aiFailure ? { aiFailure: draft.aiFailure } : {}),
  };
}
