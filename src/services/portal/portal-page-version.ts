/**
 * The version of what a customer's portal page shows, read from the database itself, so a page rendered earlier
 * (by this process or any other sharing the database) can be known to be still right without reading it again.
 *
 * It is a digest of the row versions PostgreSQL keeps on every row: `xmin`, the id of the transaction that wrote
 * the row's current version. Every page input is a row: the contact, the account, its organisation (name, logo,
 * colour, timezone, working days), its CSM, and the account's milestones, actions, submissions and milestone blocks.
 * Any committed insert, update or delete of one of them changes the digest:
 * - an update writes a new row version whose xmin is the writer's transaction, which cannot be one whose writes the
 *   reader already saw (that transaction had committed, and a committed transaction writes nothing more);
 * - an insert adds an entry to a list, a delete removes one.
 * No write path can forget it (it needs no trigger, no column, no code in the services), it costs writes nothing,
 * and it needs no clock, so processes whose clocks disagree still agree on it. Locking a row (FOR UPDATE) is not a
 * change and leaves it alone. Only a transaction-id wraparound (2³² transactions) could bring an old digest back,
 * which is why the page cache keeps nothing for long (see http/portal/home-page-cache.ts).
 *
 * Time is the page's other input (whose move and for how long, how far behind plan): that is recomputed on every
 * request from the rows read with the page (get-portal-page.ts portalPageAt).
 */
import { Prisma } from '../../db/generated/client';

/** One list's row versions, in id order so that every process and every query plan digests the same text. */
const rowVersions = (table: string) =>
  `coalesce((SELECT string_agg(r.xmin::text, ',' ORDER BY r."id") FROM "${table}" r WHERE r."accountId" = a."id"), '')`;

/**
 * The page version as a select-list expression (text, 32 hex digits). The query must have the contact as `c` (may
 * be null, as in a LEFT JOIN), the account as `a`, its organisation as `o` and its CSM as `u` (LEFT JOIN). Every
 * part keeps its place (an absent one is empty text), so two different states cannot digest the same text.
 */
export const PORTAL_PAGE_VERSION = Prisma.raw(`md5(concat_ws('|',
    coalesce(c.xmin::text, ''), a.xmin::text, o.xmin::text, coalesce(u.xmin::text, ''),
    ${['Milestone', 'Action', 'Submission', 'MilestoneBlock'].map(rowVersions).join(',\n    ')}))`);
