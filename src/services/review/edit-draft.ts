import { z } from 'zod';
import { canEditDraft, nextActionStatus } from '../../domain/action-state';
import { lintDraft } from '../../domain/review-lint';
import type { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toAppError } from '../errors/to-app-error';
import { managingActorSchema } from '../milestones/actor-schema';
import { loadActionForReview } from './load-action-for-review';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  actor: managingActorSchema,
  subject: z.string().trim().max(500, 'keep the subject under 500 characters'),
  body: z.string().trim().min(1, 'the draft needs a body').max(20_000, 'keep the body under 20,000 characters'),
});

/**
 * The CSM rewrites a draft. It is linted again and its approval cleared (what was approved is no longer what
 * would be sent). A draft waiting for changes that the CSM rewrites themselves is ready again.
 */
export async function editDraft(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<{ actionId: string; status: string }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const action = await loadActionForReview(tx, { ...o, doing: 'edit drafts' });
      if (!canEditDraft(action.status)) {
        throw new AppError('illegal_transition', `"${action.name}" is ${action.status.replace('_', ' ')}; only a draft waiting for review can be edited.`);
      }
      if (action.type === 'email' && o.subject === '') throw new AppError('validation_failed', 'subject: an email needs a subject', { details: { field: 'subject' } });
      const to = action.status === 'review_pending' ? nextActionStatus(action.status, 'redraft') : action.status;
      const findings = lintDraft({ type: action.type, subject: o.subject, body: o.body, companyName: action.account.name });
      const updated = await tx.action.updateMany({
        where: { id: action.id, status: action.status },
        data: {
          status: to,
          draftSubject: o.subject,
          draftBody: o.body,
          draftedBy: `user:${o.actor.userId}`,
          lintFindings: findings as unknown as Prisma.InputJsonValue,
          approvedAt: null,
          approvedById: null,
          lintOverriddenById: null,
        },
      });
      if (updated.count !== 1) throw new AppError('conflict', `"${action.name}" changed while you were editing it; look again.`);
      await recordAuditEvent(tx, {
        organizationId: action.account.organizationId,
        accountId: action.accountId,
        entityType: 'action',
        entityId: action.id,
        actor: o.actor.userId,
        from: action.status,
        to,
        reason: 'draft edited',
        data: { lintFindings: findings.length },
        at: now,
      });
      return { actionId: action.id, status: to };
    });
  } catch (error) {
    throw toAppError(error);
  }
}
