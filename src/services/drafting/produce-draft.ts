/**
 * One draft for one action: the AI drafter when configured, else (or when the AI fails) the template's own
 * content with its placeholders filled. An AI failure never leaves an action without a draft; the reason is
 * returned so the caller can record it.
 */
import type { DraftedMessage } from '../../domain/draft-context';
import type { LintFinding } from '../../domain/review-lint';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { DraftingDeps } from '../execution/ports';
import { buildDraftRequest, type ActionForDrafting } from './build-draft-context';
import { lintDraftOfAction } from './lint-action-draft';

export const OFFLINE_DRAFTER_LABEL = 'template';

export interface ProducedDraft extends DraftedMessage {
  draftedBy: string;
  lintFindings: LintFinding[];
  /** Why the AI draft was not used, when an AI drafter is configured and failed. */
  aiFailure?: string;
}

export async function produceDraft(
  ctx: ServiceContext,
  deps: DraftingDeps,
  action: ActionForDrafting,
  revision?: { note: string; previousSubject: string; previousBody: string },
): Promise<ProducedDraft> {
  const request = await buildDraftRequest(ctx, action);
  if (revision) request.task.revision = revision;
  let drafted: DraftedMessage = { subject: request.task.defaultSubject, body: request.task.defaultBody };
  let draftedBy = OFFLINE_DRAFTER_LABEL;
  let aiFailure: string | undefined;
  if (deps.drafter) {
    try {
      drafted = await deps.drafter.draft(request);
      draftedBy = deps.drafter.label;
    } catch (error) {
      aiFailure = isAppError(error) ? error.message : 'the AI drafter failed';
      // Ids only: the draft request is customer data.
      ctx.logger.warn({ actionId: action.id, reason: aiFailure }, 'AI drafting failed; using the template content');
    }
  }
  const lintFindings = lintDraftOfAction(action, drafted, deps.portalLinks !== undefined);
  return { ...drafted, draftedBy, lintFindings, ...(aiFailure ? { aiFailure } : {}) };
}
