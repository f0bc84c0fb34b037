import { z } from 'zod';
import { nextActionStatus, type ActionStatus } from '../../domain/action-state';
import type { LintFinding } from '../../domain/review-lint';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import type { DraftingDeps } from '../execution/ports';
import { toJsonInput } from '../json/stored-json';
import { loadActionForDrafting } from './build-draft-context';
import { lintDraftOfAction } from './lint-action-draft';
import { produceDraft } from './produce-draft';

const optionsSchema = z.object({
  actionId: z.string().min(1),
  note: z.string().trim().min(1, 'say what should change').max(3000, 'at most 3000 characters'),
});

export interface RedraftActionResult {
  actionId: string;
  status: 'ready';
  draftSubject: string;
  draftBody: string;
  draftedBy: string;
  lintFindings: LintFinding[];
  /** False when there is no AI drafter: the draft is kept for the CSM to edit by hand. */
  regenerated: boolean;
  aiFailure?: string;
}

/**
 * "Request changes" comes back here: the CSM's note goes to the AI drafter with the draft it sent back, the new
 * draft replaces it, and the action returns to Ready (review_pending → ready). Without an AI drafter (or when it
 * fails) the draft is kept as it was for the CSM to edit, and the note stays on the action.
 */
export async function redraftAction(
  ctx: ServiceContext,
  deps: DraftingDeps,
  options: { actionId: string; note: string },
): Promise<RedraftActionResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success)
    throw new AppError(
      'validation_failed',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const { actionId, note } = parsed.data;
  const action = await loadActionForDrafting(ctx, actionId);
  const from = action.status as ActionStatus;
  // A ready action may be sent back and redrafted in one step; the state machine checks both moves, here before
  // the (slow) drafter runs and again when the new draft is stored.
  const events = from === 'ready' ? (['request_changes', 'redraft'] as const) : (['redraft'] as const);
  events.reduce<ActionStatus>((status, event) => nextActionStatus(status, event), from);

  const previousSubject = action.draftSubject ?? '';
  const previousBody = action.draftBody ?? '';
  const drafted = deps.drafter
    ? await produceDraft(ctx, deps, action, { note, previousSubject, previousBody })
    : undefined;
  const regenerated = drafted !== undefined && drafted.aiFailure === undefined;
  const subject = regenerated ? drafted.subject : previousSubject;
  const body = regenerated ? drafted.body : previousBody;
  const draftedBy = regenerated ? drafted.draftedBy : (action.draftedBy ?? 'template');
  const lintFindings = regenerated
    ? drafted.lintFindings
    : lintDraftOfAction(action, { subject, body }, deps.portalLinks !== undefined);

  await ctx.prisma.$transaction(async (tx) => {
    await transitionAction(tx, {
      action: {
        id: actionId,
        status: from,
        type: action.type as ActionType,
        accountId: action.accountId,
        organizationId: action.account.organizationId,
      },
      event: events,
      data: {
        reviewNote: note,
        draftSubject: subject,
        draftBody: body,
        draftedBy,
        lintFindings: toJsonInput(lintFindings),
        approvedAt: null,
        approvedById: null,
        lintOverriddenById: null,
      },
      conflict: 'the action changed while it was being redrafted; try again',
      actor: 'system',
      reason: regenerated
        ? `redrafted by ${draftedBy} with the CSM's note`
        : drafted?.aiFailure
          ? `draft kept for editing (AI drafting failed: ${drafted.aiFailure})`
          : 'draft kept for editing (no AI drafter configured)',
      auditData: { note, regenerated },
      at: ctx.now(),
    });
  });
  await deps.notifier
    .actionChanged(actionId)
    .catch((error: unknown) => ctx.logger.warn({ actionId, err: error }, 'could not refresh the review card'));
  return {
    actionId,
    status: 'ready',
    draftSubject: subject,
    draftBody: body,
    draftedBy,
    lintFindings,
    regenerated,
    ...(drafted?.aiFailure ? { aiFailure: drafted.aiFailure } : {}),
  };
}
