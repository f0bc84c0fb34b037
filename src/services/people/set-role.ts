import { z } from 'zod';
import { checkRoleChange, ROLES } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson, lockOrganization } from './acting-person';
import { describeTarget, findTarget, personTargetSchema } from './person-target';
import { toPersonSummary, type PersonSummary } from './person-summary';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  person: personTargetSchema,
  role: z.enum(ROLES),
});

/**
 * An admin changes a member's role; it counts from the next request. The organisation never loses its last admin
 * (so the last admin cannot demote themselves). Audited from → to.
 */
export async function setRole(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<PersonSummary> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const done = await ctx.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, o.organizationId);
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    assertCapability(person, 'manage_people', 'change roles');
    const target = await findTarget(tx, o.organizationId, o.person);
    if (!target || !target.addedAt) {
      throw new AppError(
        'not_found',
        `${target?.name ?? describeTarget(o.person)} has not been added to Thread; add them with a role first.`,
      );
    }
    if (target.role === o.role) return toPersonSummary(target);
    const admins = await tx.user.count({
      where: { organizationId: o.organizationId, role: 'admin', addedAt: { not: null } },
    });
    const allowed = checkRoleChange({
      actorId: person.userId,
      targetId: target.id,
      targetName: target.name,
      from: target.role,
      to: o.role,
      admins,
    });
    if (!allowed.ok) throw fieldError('role', allowed.message);
    const updated = await tx.user.update({ where: { id: target.id }, data: { role: o.role } });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'user',
      entityId: target.id,
      actor: person.auditActor,
      from: target.role,
      to: o.role,
      reason: `role changed by ${person.name}`,
      at: now,
    });
    return toPersonSummary(updated);
  });
  ctx.changes?.peopleChanged(o.organizationId);
  return done;
}
