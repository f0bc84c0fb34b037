/**
 * The first half of a write-back run: the audit trail is the outbox. Events after the organisation's cursor, for
 * accounts linked to a HubSpot company, become work: the account is due a property write (one row per account,
 * however many events), and a milestone completed, a milestone blocked or a go-live becomes a note (one row per
 * event, keyed by its id). The cursor moves in the same transaction, under the write-back row's lock, so two
 * processes collecting at once take turns and each event is collected once.
 *
 * The trail is read in (txid, id) order and only below the oldest transaction still running: an event whose
 * transaction commits after this read has a txid at or above that bound, so it is read next time and never passed.
 * A long-running transaction delays the write-back; it cannot make it skip anything.
 */
import { Prisma } from '../../../db/generated/client';
import { onboardingNote, WRITE_BACK_ENTITY_TYPES } from '../../../domain/hubspot-onboarding';
import { AppError } from '../../../lib/errors';
import type { ServiceContext, Tx } from '../../context';
import { previewLinkWindow } from '../../portal/preview-link';

export interface CollectedWriteBack {
  events: number;
  /** Accounts made due by these events (or by the monthly link renewal). */
  accounts: number;
  notes: number;
}

interface CursorRow {
  cursorTxid: bigint;
  cursorEventId: string;
  linksWindow: number | null;
}

interface EventRow {
  id: string;
  txid: bigint;
  accountId: string;
  entityType: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
  at: Date;
  accountName: string;
  milestoneName: string | null;
  actorName: string | null;
}

const PAGE_SIZE = 500;
const MAX_PAGES = 20;
const entityTypes = Prisma.join([...WRITE_BACK_ENTITY_TYPES]);

/** Marks accounts due; an account already due keeps its due time (a retry waiting out its backoff keeps waiting). */
async function markDue(tx: Tx, organizationId: string, accountIds: string[], now: Date): Promise<void> {
  if (accountIds.length === 0) return;
  const rows = Prisma.join(accountIds.map((id) => Prisma.sql`(${id}, ${organizationId}, 1, ${now}, 0)`));
  await tx.$executeRaw`
    INSERT INTO "HubSpotCompanyWrite" ("accountId", "organizationId", "version", "dueAt", "attempts")
    VALUES ${rows}
    ON CONFLICT ("accountId") DO UPDATE SET "version" = "HubSpotCompanyWrite"."version" + 1`;
}

/** One page of the trail: collected and the cursor moved, in one transaction. True when more may follow. */
async function collectPage(
  ctx: ServiceContext,
  organizationId: string,
  now: Date,
  totals: CollectedWriteBack,
): Promise<boolean> {
  return ctx.prisma.$transaction(async (tx) => {
    const [cursor] = await tx.$queryRaw<CursorRow[]>`
      SELECT "cursorTxid", "cursorEventId", "linksWindow" FROM "HubSpotWriteBack"
      WHERE "organizationId" = ${organizationId} FOR UPDATE`;
    if (!cursor)
      throw new AppError('internal', `the HubSpot write-back of organisation ${organizationId} is not started`);
    // Every transaction below this id has ended: what it wrote is visible now or never will be.
    const snapshot = await tx.$queryRaw<{ horizon: bigint }[]>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon`;
    const horizon = snapshot[0]!.horizon;

    const events = await tx.$queryRaw<EventRow[]>`
      SELECT e."id", e."txid"::text::bigint AS "txid", e."accountId", e."entityType", e."fromState", e."toState", e."reason", e."data", e."at",
             a."name" AS "accountName", m."name" AS "milestoneName", u."name" AS "actorName"
      FROM "AuditEvent" e
      JOIN "Account" a ON a."id" = e."accountId" AND a."hubspotCompanyId" IS NOT NULL
      LEFT JOIN "Milestone" m ON e."entityType" = 'milestone' AND m."id" = e."entityId"
      LEFT JOIN "User" u ON u."id" = e."actor" AND u."organizationId" = e."organizationId"
      WHERE e."organizationId" = ${organizationId}
        AND e."entityType" IN (${entityTypes})
        AND e."txid" < ${horizon}::bigint::text::xid8
        AND (e."txid", e."id") > (${cursor.cursorTxid}::bigint::text::xid8, ${cursor.cursorEventId}::text)
      ORDER BY e."txid", e."id"
      LIMIT ${PAGE_SIZE}`;

    const due = new Set(events.map((e) => e.accountId));
    // Once a window (and on the first run), every linked account is due, so each company gets a fresh preview
    // link before the old one expires, and a newly connected HubSpot gets every account's current state.
    const window = previewLinkWindow(now);
    if (cursor.linksWindow !== window) {
      const linked = await tx.account.findMany({
        where: { organizationId, hubspotCompanyId: { not: null } },
        select: { id: true },
      });
      for (const a of linked) due.add(a.id);
    }
    await markDue(tx, organizationId, [...due], now);

    const notes = events.flatMap((e) => {
      const body = onboardingNote(e);
      return body ? [{ auditEventId: e.id, accountId: e.accountId, organizationId, body, at: e.at }] : [];
    });
    if (notes.length > 0) await tx.hubSpotNote.createMany({ data: notes, skipDuplicates: true });

    const full = events.length === PAGE_SIZE;
    const last = events.at(-1);
    // A full page stops at its last event. Otherwise every event below the horizon has been seen, so the cursor
    // moves up to it (events of the horizon's own transaction come next time); it never moves back.
    const next =
      full && last
        ? { cursorTxid: last.txid, cursorEventId: last.id }
        : horizon > cursor.cursorTxid
          ? { cursorTxid: horizon, cursorEventId: '' }
          : {};
    if ('cursorTxid' in next || cursor.linksWindow !== window)
      await tx.hubSpotWriteBack.update({ where: { organizationId }, data: { ...next, linksWindow: window } });
    totals.events += events.length;
    totals.accounts += due.size;
    totals.notes += notes.length;
    return full;
  });
}

export async function collectWriteBackEvents(
  ctx: ServiceContext,
  o: { organizationId: string },
): Promise<CollectedWriteBack> {
  const now = ctx.now();
  const totals: CollectedWriteBack = { events: 0, accounts: 0, notes: 0 };
  for (let page = 0; page < MAX_PAGES; page++) {
    if (!(await collectPage(ctx, o.organizationId, now, totals))) break;
  }
  return totals;
}
