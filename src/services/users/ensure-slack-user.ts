import type { User, UserRole } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Tx } from '../context';
import type { ActingPerson } from '../people/acting-person';
import { can, ROLE_NAMES } from '../../domain/roles';

/**
 * The Thread user for a Slack user named on an account (its CSM, its AE). Someone nobody has added yet is added
 * here with that role, audited, when the person naming them may add people (an admin, the command line): naming
 * a CSM is how an operator brings them in. Anyone else is told to ask an admin, so a CSM cannot let a colleague
 * into Thread by putting them on an account. The name starts as the Slack id until the profile refresh.
 */
export async function ensureSlackUser(
  tx: Tx,
  options: { organizationId: string; slackUserId: string; role: UserRole; by: ActingPerson; at: Date; why: string },
): Promise<User> {
  const where = {
    organizationId_slackUserId: { organizationId: options.organizationId, slackUserId: options.slackUserId },
  };
  const known = await tx.user.findUnique({ where });
  if (known?.addedAt) return known;
  if (!can(options.by.role, 'manage_people')) {
    throw new AppError(
      'forbidden',
      `<@${options.slackUserId}> is not in Thread yet, and only admins can add people: ask an admin to add them as a ${ROLE_NAMES[options.role]} first.`,
    );
  }
  const added = await tx.user.upsert({
    where,
    create: {
      organizationId: options.organizationId,
      slackUserId: options.slackUserId,
      name: options.slackUserId,
      role: options.role,
      addedAt: options.at,
    },
    update: { role: options.role, addedAt: options.at },
  });
  await recordAuditEvent(tx, {
    organizationId: options.organizationId,
    entityType: 'user',
    entityId: added.id,
    actor: options.by.auditActor,
    from: known ? 'not added' : null,
    to: options.role,
    reason: `added to Thread ${options.why}`,
    at: options.at,
  });
  return added;
}
