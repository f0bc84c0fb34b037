import { z } from 'zod';
import { checkEmailAddress } from '../../domain/email-address';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from './acting-person';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /** Whose address; the actor's own when unset. Setting someone else's is for admins. */
  userId: z.string().min(1).optional(),
  /** The address customers should reply to; null clears it (replies then go to the Slack email, if any). */
  replyToEmail: z.string().nullable(),
});

/**
 * The address customers reply to, which a CSM gives when Slack hides their email. A person sets their own (the
 * modal Thread shows them once); an admin may set anyone's. Audited from → to.
 */
export async function setReplyToEmail(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ userId: string; replyToEmail: string | null }> {
  const o = parseOptions(optionsSchema, input);
  let value: string | null = null;
  if (o.replyToEmail !== null) {
    const checked = checkEmailAddress(o.replyToEmail);
    if (!checked.ok) throw fieldError('replyToEmail', checked.message);
    value = checked.value;
  }
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    const userId = o.userId ?? person.userId;
    if (userId === null) throw new AppError('validation_failed', 'say whose reply-to address to set (userId).');
    if (userId !== person.userId) assertCapability(person, 'manage_people', "set someone else's reply-to address");
    else assertCapability(person, 'manage_own_accounts', 'set a reply-to address for customer email');
    const target = await tx.user.findFirst({ where: { id: userId, organizationId: o.organizationId } });
    if (!target) throw new AppError('not_found', 'that person is not in this organisation.');
    if (target.replyToEmail !== value) {
      await tx.user.update({ where: { id: target.id }, data: { replyToEmail: value } });
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        entityType: 'user',
        entityId: target.id,
        actor: person.auditActor,
        from: target.replyToEmail,
        to: value,
        reason: 'reply-to address for customer email set',
        data: { field: 'replyToEmail' },
        at: now,
      });
    }
    return { userId: target.id, replyToEmail: value };
  });
}
