import { z } from 'zod';
import { canEditDraft } from '../../domain/action-state';
import { lintDraft } from '../../domain/review-lint';
import { AppError } from '../../lib/errors';
import { transitionAction } from '../actions/transition-action';
import type { ServiceContext } from '../context';
import { toJsonInput } from '../json/stored-json';
import { parseOptions } from '../errors/parse-options';
import { reviewTargetShape, runReviewStep } from './run-review-step';

const optionsSchema = z.object({
  ...reviewTargetShape,
  subject: z.string().trim().max(500, 'keep the subject under 500 characters'),
  body: z.string().trim().min(1, 'the draft needs a body').max(20_000, 'keep the body under 20,000 characters'),
});

/**
 * The CSM rewrites a draft. It is linted again and its approval cleared (what was approved is no longer what
 * would be sent). A draft waiting for changes that the CSM rewrites themselves is ready again.
 */
export async function editDraft(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; status: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runReviewStep(ctx, { ...o, doing: 'edit drafts' }, async (tx, action) => {
    if (!canEditDraft(action.status)) {
      throw new AppError(
        'illegal_transition',
        `"${action.name}" is ${action.status.replace('_', ' ')}; only a draft waiting for review can be edited.`,
      );
    }
    if (action.type === 'email' && o.subject === '')
      throw new AppError('validation_failed', 'subject: an email needs a subject', {
        fields: [{ field: 'subject', message: 'an email needs a subject' }],
      });
    const findings = lintDraft({
      type: action.type,
      subject: o.subject,
      body: o.body,
      companyName: action.account.name,
    });
    const { to } = await transitionAction(tx, {
      action: { ...action, organizationId: action.account.organizationId },
      // Rewriting a ready draft keeps it ready; rewriting one sent back for changes is its redraft.
      event: action.status === 'review_pending' ? 'redraft' : null,
      data: {
        draftSubject: o.subject,
        draftBody: o.body,
        draftedBy: `user:${action.person.auditActor}`,
        lintFindings: toJsonInput(findings),
        approvedAt: null,
        approvedById: null,
        lintOverriddenById: null,
      },
      conflict: `"${action.name}" changed while you were editing it; look again.`,
      actor: action.person.auditActor,
      reason: 'draft edited',
      auditData: { lintFindings: findings.length },
      at: now,
    });
    return { actionId: action.id, status: to };
  });
}
