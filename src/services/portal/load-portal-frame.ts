import { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { PortalSession } from './resolve-portal-token';

/** What every portal page shows around its content: whose portal it is and who to ask. */
export interface PortalFrame {
  brand: { name: string; logoUrl: string | null; color: string };
  account: {
    id: string;
    name: string;
    domain: string | null;
    kickoffDate: Date;
    goLiveDate: Date | null;
    /** The day it went live (organisation's timezone), while it is completed; null otherwise. */
    liveSince: Date | null;
    status: string;
  };
  contact: { id: string; name: string; email: string };
  /** The CSM's card: email is where customers reach them (their reply-to address, else their Slack email). */
  csm: { name: string; email: string | null; title: string | null } | null;
  timeZone: string;
}

/** One row of selectPortalFrame: the contact, its account, the organisation and the CSM, flattened. */
export interface PortalFrameRow {
  contactId: string;
  contactName: string;
  contactEmail: string;
  accountId: string;
  accountName: string;
  accountDomain: string | null;
  kickoffDate: Date;
  goLiveDate: Date | null;
  goLiveActualDate: Date | null;
  accountStatus: string;
  hasCsm: boolean;
  csmName: string | null;
  csmEmail: string | null;
  csmTitle: string | null;
  brandName: string;
  brandLogoUrl: string | null;
  brandColor: string;
  timeZone: string;
}

/**
 * The frame as one joined row (Prisma would read contact, account, CSM and organisation one query each), with
 * room for more columns: `extra` is appended to the select list and may refer to the account as `a`.
 * No row when the contact or its account is gone, or the contact has moved off the session's account.
 */
export function selectPortalFrame(session: PortalSession, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id" AS "contactId", c."name" AS "contactName", c."email" AS "contactEmail",
           a."id" AS "accountId", a."name" AS "accountName", a."domain" AS "accountDomain",
           a."kickoffDate", a."goLiveDate", a."goLiveActualDate", a."status"::text AS "accountStatus",
           (u."id" IS NOT NULL) AS "hasCsm", u."name" AS "csmName", COALESCE(u."replyToEmail", u."email") AS "csmEmail", u."title" AS "csmTitle",
           o."name" AS "brandName", o."logoUrl" AS "brandLogoUrl", o."brandColor", o."timezone" AS "timeZone"
           ${extra}
    FROM "Contact" c
    JOIN "Account" a ON a."id" = c."accountId"
    JOIN "Organization" o ON o."id" = a."organizationId"
    LEFT JOIN "User" u ON u."id" = a."csmId"
    WHERE c."id" = ${session.contactId} AND c."accountId" = ${session.accountId}`;
}

export function toPortalFrame(row: PortalFrameRow | undefined): PortalFrame {
  if (!row) throw new AppError('not_found', 'this portal is no longer available');
  return {
    brand: { name: row.brandName, logoUrl: row.brandLogoUrl, color: row.brandColor },
    account: {
      id: row.accountId,
      name: row.accountName,
      domain: row.accountDomain,
      kickoffDate: row.kickoffDate,
      goLiveDate: row.goLiveDate,
      liveSince: row.accountStatus === 'completed' ? row.goLiveActualDate : null,
      status: row.accountStatus,
    },
    contact: { id: row.contactId, name: row.contactName, email: row.contactEmail },
    csm: row.hasCsm ? { name: row.csmName ?? '', email: row.csmEmail, title: row.csmTitle } : null,
    timeZone: row.timeZone,
  };
}

/** Loads the frame in one query; a session whose account or contact has since been deleted is not found. */
export async function loadPortalFrame(ctx: ServiceContext, session: PortalSession): Promise<PortalFrame> {
  const rows = await ctx.prisma.$queryRaw<PortalFrameRow[]>(selectPortalFrame(session));
  return toPortalFrame(rows[0]);
}
