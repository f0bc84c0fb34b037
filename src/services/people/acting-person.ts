/**
 * Who asks a people, settings or contacts service for something, checked against the database rather than taken
 * from the caller: a role change takes effect on the very next request, and a person of another organisation
 * is nobody here.
 */
import { z } from 'zod';
import { can, ROLE_NAMES, rolesThatCan, type Capability, type Role } from '../../domain/roles';
import { AppError } from '../../lib/errors';
import type { ServiceContext, Tx } from '../context';

/**
 * A person by their Thread user id (extra keys such as a Slack actor's role are ignored), or the operator's
 * command line, which acts with an admin's rights. 'hubspot' is the HubSpot connection an admin set up, acting on a
 * verified webhook or a scheduled sync (it creates the account of a closed-won deal); no request can name it.
 */
export const actingPersonSchema = z.union([
  z.object({ userId: z.string().min(1) }),
  z.literal('cli'),
  z.literal('hubspot'),
]);
export type ActingPersonInput = z.input<typeof actingPersonSchema>;

export interface ActingPerson {
  /** null for the command line. */
  userId: string | null;
  name: string;
  /** The role that counts now: a person nobody added is at most a viewer. */
  role: Role;
  /** What the audit trail records as the actor. */
  auditActor: string;
}

export async function loadActingPerson(
  tx: Tx | ServiceContext['prisma'],
  organizationId: string,
  actor: z.output<typeof actingPersonSchema>,
): Promise<ActingPerson> {
  if (actor === 'cli') return { userId: null, name: 'the command line', role: 'admin', auditActor: 'cli' };
  if (actor === 'hubspot')
    return { userId: null, name: 'the HubSpot connection', role: 'admin', auditActor: 'hubspot' };
  const user = await tx.user.findFirst({
    where: { id: actor.userId, organizationId },
    select: {
      id: true,
      name: true,
      role: true,
      addedAt: true,
      organization: { select: { workspaceMembersCanView: true } },
    },
  });
  if (user && user.addedAt) return { userId: user.id, name: user.name, role: user.role, auditActor: user.id };
  if (user && user.organization.workspaceMembersCanView) {
    return { userId: user.id, name: user.name, role: 'viewer', auditActor: user.id };
  }
  throw new AppError('forbidden', 'you are not a member of this organisation in Thread.');
}

/** Refuses unless the person's role has the right, naming the roles that do and the person's own. */
export function assertCapability(person: ActingPerson, capability: Capability, doing: string): void {
  if (can(person.role, capability)) return;
  const allowed = rolesThatCan(capability).map((r) => `${ROLE_NAMES[r]}s`);
  const who =
    allowed.length === 1 ? `only ${allowed[0]}` : `only ${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}`;
  throw new AppError('forbidden', `${who} can ${doing}, and your role is ${ROLE_NAMES[person.role]}.`);
}

/**
 * Takes the organisation's row lock for the rest of the transaction, so rules that count people (the first
 * admin, the last admin) or compare settings see no concurrent change. Throws not_found when it does not exist.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError('not_found', 'that organisation does not exist in Thread.');
}
