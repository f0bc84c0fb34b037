import { Prisma } from '../../db/generated/client';

/**
 * The order every query that picks or lists an account's contacts uses: the primary contact, then the others as
 * they were added, so "the account's contact" (contacts[0]) means the same person for drafting, sending, portal
 * links, reminders and the Slack pickers. The id breaks ties between contacts added in the same instant.
 */
export const PRIMARY_CONTACT_FIRST: Prisma.ContactOrderByWithRelationInput[] = [
  { isPrimary: 'desc' },
  { createdAt: 'asc' },
  { id: 'asc' },
];

/** The same order for raw SQL, over the "Contact" table aliased as c. */
export const PRIMARY_CONTACT_FIRST_SQL = Prisma.sql`c."isPrimary" DESC, c."createdAt" ASC, c."id" ASC`;
