import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { milestoneProgress } from '../../domain/milestone-progress';
import { parseFormFields } from '../../domain/portal-form';
import type { FormField } from '../../domain/template';
import type { ServiceContext } from '../context';
import { getCustomerSchedule, type CustomerSchedule } from '../metrics/get-customer-schedule';
import { selectPortalFrame, toPortalFrame, type PortalFrame, type PortalFrameRow } from './load-portal-frame';
import { portalRequestIntro } from './portal-request-text';
import type { PortalSession } from './resolve-portal-token';

export type PortalRequestKind = 'form' | 'document';

export interface PortalMilestoneView {
  id: string;
  name: string;
  status: 'pending' | 'in_progress' | 'blocked' | 'completed';
  plannedStartDate: Date;
  plannedEndDate: Date;
  completedAt: Date | null;
  /** Only while blocked: what the milestone waits on, in the CSM's words. */
  blockerNote: string | null;
}

export interface PortalRequestView {
  id: string;
  kind: PortalRequestKind;
  title: string;
  intro: string | null;
  /** Why it is needed. */
  purpose: string;
  milestoneName: string;
  requestedAt: Date | null;
  /** The end of the milestone the request belongs to. */
  neededBy: Date;
  formFields: FormField[];
}

export interface PortalCompletedView {
  id: string;
  kind: PortalRequestKind;
  title: string;
  completedAt: Date;
}

export interface PortalPage {
  frame: PortalFrame;
  progressPct: number;
  milestones: PortalMilestoneView[];
  requests: PortalRequestView[];
  recentlyCompleted: PortalCompletedView[];
  /** On track or how far behind plan, whose move it is, what comes next (metrics/get-customer-schedule.ts). */
  schedule: CustomerSchedule;
}

const RECENT_LIMIT = 5;

export function requestKind(type: string): PortalRequestKind {
  return type === 'portal_document' ? 'document' : 'form';
}

const calendarOrInstant = z.string().transform((s) => new Date(s));
const requestType = z.enum(['portal_form', 'portal_document']);

/** The lists the page query returns as JSON beside the frame; dates come as ISO text (see isoInstant). */
const pageListsSchema = z.object({
  milestones: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['pending', 'in_progress', 'blocked', 'completed']),
      plannedStartDate: calendarOrInstant,
      plannedEndDate: calendarOrInstant,
      completedAt: calendarOrInstant.nullable(),
      blockerNote: z.string().nullable(),
    }),
  ),
  open: z.array(
    z.object({
      id: z.string(),
      type: requestType,
      name: z.string(),
      purpose: z.string(),
      draftBody: z.string().nullable(),
      defaultBody: z.string(),
      executedAt: calendarOrInstant.nullable(),
      formFields: z.unknown(),
      milestoneName: z.string(),
      neededBy: calendarOrInstant,
    }),
  ),
  done: z.array(z.object({ id: z.string(), type: requestType, name: z.string(), completedAt: calendarOrInstant })),
});

/** A timestamp column as exact ISO-8601 UTC text inside JSON (Prisma stores DateTime as UTC without a zone). */
const isoInstant = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The page's lists, as columns added to the frame's row so the whole page is one round trip: the milestones in
 * plan order, the published (executed) requests in plan order with their milestone, and the last few answered.
 */
const PAGE_LISTS = Prisma.sql`,
  (SELECT coalesce(json_agg(json_build_object(
      'id', m."id", 'name', m."name", 'status', m."status", 'plannedStartDate', m."plannedStartDate",
      'plannedEndDate', m."plannedEndDate", 'completedAt', ${isoInstant('m."completedAt"')}, 'blockerNote', m."blockerNote"
    ) ORDER BY m."position" ASC), '[]'::json)
   FROM "Milestone" m WHERE m."accountId" = a."id") AS "milestones",
  (SELECT coalesce(json_agg(json_build_object(
      'id', r."id", 'type', r."type", 'name', r."name", 'purpose', r."purpose", 'draftBody', r."draftBody",
      'defaultBody', r."defaultBody", 'executedAt', ${isoInstant('r."executedAt"')}, 'formFields', r."formFields",
      'milestoneName', rm."name", 'neededBy', rm."plannedEndDate"
    ) ORDER BY r."position" ASC), '[]'::json)
   FROM "Action" r JOIN "Milestone" rm ON rm."id" = r."milestoneId"
   WHERE r."accountId" = a."id" AND r."status" = 'executed' AND r."type" IN ('portal_form', 'portal_document')) AS "open",
  (SELECT coalesce(json_agg(json_build_object(
      'id', d."id", 'type', d."type", 'name', d."name", 'completedAt', ${isoInstant('d."completedAt"')}
    ) ORDER BY d."completedAt" DESC), '[]'::json)
   FROM (
     SELECT "id", "type", "name", "completedAt" FROM "Action"
     WHERE "accountId" = a."id" AND "status" = 'completed' AND "type" IN ('portal_form', 'portal_document') AND "completedAt" IS NOT NULL
     ORDER BY "completedAt" DESC LIMIT ${RECENT_LIMIT}
   ) d) AS "done"`;

/** The page's one query: the frame's joined row with the lists beside it as JSON (none when the portal is gone). */
export function selectPortalPage(session: PortalSession): Prisma.Sql {
  return selectPortalFrame(session, PAGE_LISTS);
}

export type PortalPageRow = PortalFrameRow & Record<'milestones' | 'open' | 'done', unknown>;

/**
 * Everything the customer's home page shows. Only portal requests that were published (executed) are asked of
 * the customer; pending and ready ones are the CSM's business until then. One query: the frame's joined row
 * with the lists beside it as JSON.
 */
export async function getPortalPage(ctx: ServiceContext, options: { session: PortalSession }): Promise<PortalPage> {
  const rows = await ctx.prisma.$queryRaw<PortalPageRow[]>(selectPortalPage(options.session));
  const row = rows[0];
  const frame = toPortalFrame(row);
  const schedule = await getCustomerSchedule(ctx, {
    organizationId: options.session.organizationId,
    accountId: frame.account.id,
  });
  return portalPageFrom(row!, schedule);
}

/** The page from the page query's row and the schedule: pure. */
export function portalPageFrom(row: PortalPageRow, schedule: CustomerSchedule): PortalPage {
  const frame = toPortalFrame(row);
  const { milestones, open, done } = pageListsSchema.parse(row);
  return {
    schedule,
    frame,
    progressPct: milestoneProgress(milestones).pct,
    milestones: milestones.map((m) => ({
      ...m,
      blockerNote: m.status === 'blocked' ? m.blockerNote?.trim() || null : null,
    })),
    requests: open.map((a) => ({
      id: a.id,
      kind: requestKind(a.type),
      title: a.name,
      intro: portalRequestIntro(frame, a),
      purpose: a.purpose,
      milestoneName: a.milestoneName,
      requestedAt: a.executedAt,
      neededBy: a.neededBy,
      formFields: a.type === 'portal_form' ? parseFormFields(a.formFields) : [],
    })),
    recentlyCompleted: done.map((a) => ({
      id: a.id,
      kind: requestKind(a.type),
      title: a.name,
      completedAt: a.completedAt,
    })),
  };
}
