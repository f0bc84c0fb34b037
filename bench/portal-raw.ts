/**
 * The portal page's own raw work, for the portal bench's second baseline: the same queries GET /portal/<token> runs,
 * sent through `pg` directly (db.pool), and the page rendered with the same pure code and the same template. No
 * Express middleware beyond the route, no helmet, no Prisma: what the page cannot do without.
 *
 * Work done per request, as the portal does it: the token lookup (and the expiry/revocation check) with the visit
 * check in one round trip (and the visit's record when none was counted in the last 30 minutes), the page's one read,
 * its validation, the schedule, the render with a fresh CSP nonce. What the portal reads only for its page cache (the
 * page version) is left out: it is not the page's work.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { homePage } from '../src/http/portal/pages/home-page';
import { portalPageSourceFrom, selectPortalPage, type PortalPageRow } from '../src/services/portal/get-portal-page';
import { hashPortalToken, isWellFormedPortalToken } from '../src/services/portal/portal-token';
import { VISIT_WINDOW_MS } from '../src/services/portal/record-portal-visit';

// Prisma keeps DateTime as UTC `timestamp` and calendar dates as `date`; read both as UTC instants, as Prisma does.
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;
const utcTypes = (builtins: typeof pg.types) => ({
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP_OID) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
    if (oid === DATE_OID) return (v: string) => new Date(`${v}T00:00:00Z`);
    return builtins.getTypeParser(oid, format as 'text');
  },
});

export interface RawPortalPage {
  (token: string, base: string): Promise<{ status: number; html: string }>;
}

export function rawPortalPage(pool: pg.Pool, types: typeof pg.types, now: () => Date): RawPortalPage {
  const typeParsers = utcTypes(types);
  const q = <T>(text: string, values: unknown[]) =>
    pool.query({ text, values, types: typeParsers }).then((r) => r.rows as T[]);

  return async (token, base) => {
    if (!isWellFormedPortalToken(token)) return { status: 404, html: '' };
    // The link, and whether its contact's visit was counted in the last 30 minutes, in one round trip.
    const at = now();
    const since = new Date(at.getTime() - VISIT_WINDOW_MS);
    const [access] = await q<{
      id: string;
      accountId: string;
      contactId: string;
      expiresAt: Date;
      revokedAt: Date | null;
      organizationId: string;
      visitedRecently: boolean;
    }>(
      `SELECT p."id", p."accountId", p."contactId", p."expiresAt", p."revokedAt", a."organizationId",
              EXISTS (SELECT 1 FROM "EngagementEvent" e
                      WHERE e."accountId" = p."accountId" AND e."contactId" = p."contactId"
                        AND e."kind" = 'portal_visit' AND e."at" > $2) AS "visitedRecently"
       FROM "PortalAccess" p JOIN "Account" a ON a."id" = p."accountId" WHERE p."tokenHash" = $1`,
      [hashPortalToken(token), utcText(since)],
    );
    if (!access || access.revokedAt || access.expiresAt.getTime() <= at.getTime()) return { status: 404, html: '' };
    const session = {
      portalAccessId: access.id,
      accountId: access.accountId,
      organizationId: access.organizationId,
      contactId: access.contactId,
    };
    if (!access.visitedRecently) await recordVisit(pool, session, at);

    const content = selectPortalPage(session);
    const [row] = await q<PortalPageRow>(content.text, content.values);
    if (!row) return { status: 404, html: '' };
    const { page } = portalPageSourceFrom(row, at, '');
    const nonce = randomBytes(16).toString('base64');
    return { status: 200, html: homePage({ base, nonce, token, page }).value };
  };
}

/** At most one counted visit per contact per 30 minutes, checked again inside the transaction, as the portal does. */
async function recordVisit(
  pool: pg.Pool,
  session: { portalAccessId: string; accountId: string; contactId: string },
  at: Date,
): Promise<void> {
  const recent = `SELECT "id" FROM "EngagementEvent"
    WHERE "accountId" = $1 AND "contactId" = $2 AND "kind" = 'portal_visit' AND "at" > $3 LIMIT 1`;
  const since = utcText(new Date(at.getTime() - VISIT_WINDOW_MS));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const again = await client.query(recent, [session.accountId, session.contactId, since]);
    if (again.rows.length === 0) {
      const stamp = utcText(at);
      await client.query(
        `INSERT INTO "EngagementEvent" ("id", "accountId", "contactId", "kind", "at") VALUES ($1, $2, $3, 'portal_visit', $4)`,
        [randomUUID(), session.accountId, session.contactId, stamp],
      );
      await client.query(`UPDATE "PortalAccess" SET "lastUsedAt" = $1 WHERE "id" = $2`, [
        stamp,
        session.portalAccessId,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** An instant as the UTC wall-clock text Prisma's timestamp columns hold. */
const utcText = (at: Date) => at.toISOString().replace('Z', '');
