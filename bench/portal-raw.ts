/**
 * The portal page's own raw work, for the portal bench's second baseline: the same queries GET /portal/<token> runs,
 * sent through `pg` directly (db.pool), and the page rendered with the same pure code and the same template. No
 * Express middleware beyond the route, no helmet, no Prisma: what the page cannot do without.
 *
 * Work done per request, as the portal does it: the token lookup (and the expiry/revocation check), the visit check
 * (and the visit's record when none was counted in the last 30 minutes), the page's read, the schedule, the render
 * with a fresh CSP nonce.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { businessCalendar } from '../src/domain/business-days';
import type { AccountRecord } from '../src/domain/account-record';
import { homePage } from '../src/http/portal/pages/home-page';
import { customerScheduleFrom } from '../src/services/metrics/get-customer-schedule';
import { portalPageFrom, selectPortalPage, type PortalPageRow } from '../src/services/portal/get-portal-page';
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
    const [access] = await q<{
      id: string;
      accountId: string;
      contactId: string;
      expiresAt: Date;
      revokedAt: Date | null;
      organizationId: string;
    }>(
      `SELECT p."id", p."accountId", p."contactId", p."expiresAt", p."revokedAt", a."organizationId"
       FROM "PortalAccess" p JOIN "Account" a ON a."id" = p."accountId" WHERE p."tokenHash" = $1`,
      [hashPortalToken(token)],
    );
    const at = now();
    if (!access || access.revokedAt || access.expiresAt.getTime() <= at.getTime()) return { status: 404, html: '' };
    const session = {
      portalAccessId: access.id,
      accountId: access.accountId,
      organizationId: access.organizationId,
      contactId: access.contactId,
    };

    await recordVisit(pool, q, session, at);

    const page = selectPortalPage(session);
    const [row] = await q<PortalPageRow>(page.text, page.values);
    if (!row) return { status: 404, html: '' };
    const ids = [session.accountId];
    const [account] = await q<{ organizationId: string; kickoffDate: Date; goLiveActualDate: Date | null }>(
      `SELECT "id", "name", "organizationId", "status"::text, "templateId", "csmId", "daysBehind", "slipRefreshedAt",
              "kickoffDate", "goLiveActualDate"
       FROM "Account" WHERE "id" = ANY($1) AND "organizationId" = $2`,
      [ids, session.organizationId],
    );
    if (!account) return { status: 404, html: '' };
    const [org] = await q<{ timezone: string; workingDays: number[] }>(
      `SELECT "id", "timezone", "workingDays" FROM "Organization" WHERE "id" = ANY($1)`,
      [[account.organizationId]],
    );
    const milestones = await q<AccountRecord['milestones'][number]>(
      `SELECT "id", "name", "status"::text, "plannedDays", "plannedStartDate", "plannedEndDate", "startedAt",
              "completedAt", "accountId", "position", "actualDays"
       FROM "Milestone" WHERE "accountId" = ANY($1) ORDER BY "position" ASC`,
      [ids],
    );
    const actions = await q<AccountRecord['actions'][number]>(
      `SELECT "accountId", "id", "key", "name", "type"::text, "status"::text, "milestoneId", "firedAt", "executedAt",
              "completedAt", "skippedAt"
       FROM "Action" WHERE "accountId" = ANY($1) ORDER BY "position" ASC`,
      [ids],
    );
    const submissions = await q<AccountRecord['submissions'][number]>(
      `SELECT "accountId", "actionId", "createdAt", "reviewedAt" FROM "Submission"
       WHERE "accountId" = ANY($1) ORDER BY "createdAt" ASC`,
      [ids],
    );
    const blocks = await q<AccountRecord['blocks'][number]>(
      `SELECT "accountId", "milestoneId", "cause"::text, "startedAt", "endedAt" FROM "MilestoneBlock"
       WHERE "accountId" = ANY($1) ORDER BY "startedAt" ASC`,
      [ids],
    );
    const schedule = customerScheduleFrom(
      {
        calendar: businessCalendar(org!.timezone, org!.workingDays),
        record: {
          account: { kickoffDate: account.kickoffDate, goLiveActualDate: account.goLiveActualDate },
          milestones,
          actions,
          submissions,
          blocks,
          events: [],
        },
      },
      at,
    );
    const nonce = randomBytes(16).toString('base64');
    return {
      status: 200,
      html: homePage({ base, nonce, token, page: portalPageFrom(row, schedule) }).value,
    };
  };
}

/** At most one counted visit per contact per 30 minutes, checked again inside the transaction, as the portal does. */
async function recordVisit(
  pool: pg.Pool,
  q: <T>(text: string, values: unknown[]) => Promise<T[]>,
  session: { portalAccessId: string; accountId: string; contactId: string },
  at: Date,
): Promise<void> {
  const recent = `SELECT "id" FROM "EngagementEvent"
    WHERE "accountId" = $1 AND "contactId" = $2 AND "kind" = 'portal_visit' AND "at" > $3 LIMIT 1`;
  const since = new Date(at.getTime() - VISIT_WINDOW_MS).toISOString().replace('Z', '');
  if ((await q(recent, [session.accountId, session.contactId, since])).length > 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const again = await client.query(recent, [session.accountId, session.contactId, since]);
    if (again.rows.length === 0) {
      const stamp = at.toISOString().replace('Z', '');
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
