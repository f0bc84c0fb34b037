import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { assertCapability, loadActingPerson } from './acting-person';

export const REVIEW_CARD_DELIVERIES = ['as_they_come', 'digest'] as const;
export type ReviewCardDelivery = (typeof REVIEW_CARD_DELIVERIES)[number];

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** A person, never the command line: the choice is each CSM's own. */
  actor: z.object({ userId: z.string().min(1) }),
  delivery: z.enum(REVIEW_CARD_DELIVERIES),
});

/**
 * How the actor's own review cards reach them: posted to the CSM channel as each draft is ready, or listed in their
 * morning digest only. Nobody chooses for someone else, so there is no target person. Audited from → to.
 */
export async function setReviewCardDelivery(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ userId: string; delivery: ReviewCardDelivery; changed: boolean }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    assertCapability(person, 'manage_own_accounts', 'choose how review cards reach them');
    const userId = person.userId;
    if (userId === null) throw new AppError('forbidden', 'only a person can choose how review cards reach them.');
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { reviewCardDelivery: true } });
    if (before.reviewCardDelivery === o.delivery) return { userId, delivery: o.delivery, changed: false };
    await tx.user.update({ where: { id: userId }, data: { reviewCardDelivery: o.delivery } });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'user',
      entityId: userId,
      actor: person.auditActor,
      from: before.reviewCardDelivery,
      to: o.delivery,
      reason: 'review card delivery chosen',
      data: { field: 'reviewCardDelivery' },
      at: now,
    });
    return { userId, delivery: o.delivery, changed: true };
  });
}
