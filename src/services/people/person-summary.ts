import type { Prisma } from '../../db/generated/client';
import type { Role } from '../../domain/roles';

/** A person as people screens show them. */
export interface PersonSummary {
  userId: string;
  slackUserId: string | null;
  name: string;
  email: string | null;
  title: string | null;
  role: Role;
  /** Added by an admin (or the first person); false for people Thread has only seen. */
  member: boolean;
}

export const PERSON_SELECT = {
  id: true,
  slackUserId: true,
  name: true,
  email: true,
  title: true,
  role: true,
  addedAt: true,
} satisfies Prisma.UserSelect;

export function toPersonSummary(user: Prisma.UserGetPayload<{ select: typeof PERSON_SELECT }>): PersonSummary {
  return {
    userId: user.id,
    slackUserId: user.slackUserId,
    name: user.name,
    email: user.email,
    title: user.title,
    role: user.role,
    member: user.addedAt !== null,
  };
}
