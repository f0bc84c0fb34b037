import { z } from 'zod';
import { Prisma } from '../../db/generated/client';
import { ACTION_STATUSES } from '../../domain/action-state';
import type { AccountRecord } from '../../domain/account-record';
import { businessCalendar, type BusinessCalendar } from '../../domain/business-days';
import { MILESTONE_STATUSES } from '../../domain/milestone-state';
import { milestoneProgress } from '../../domain/milestone-progress';
import { SLIP_SIDES } from '../../domain/onboarding-clock-types';
import { parseFormFields } from '../../domain/portal-form';
import { ACTION_TYPES, type FormField } from '../../domain/template';
import type { ServiceContext } from '../context';
import { customerScheduleFrom, type CustomerSchedule } from '../metrics/get-customer-schedule';
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

/**
 * The lists the page query returns as JSON beside the frame; dates come as ISO text (see isoInstant). Milestones,
 * actions, submissions and blocks are the account's whole record (domain/account-record.ts) as the schedule reads it.
 */
const pageListsSchema = z.object({
  workingDays: z.array(z.number().int()).nullable(),
  milestones: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(MILESTONE_STATUSES),
      position: z.number().int(),
      plannedDays: z.number().int(),
      plannedStartDate: calendarOrInstant,
      plannedEndDate: calendarOrInstant,
      startedAt: calendarOrInstant.nullable(),
      completedAt: calendarOrInstant.nullable(),
      actualDays: z.number().int().nullable(),
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
  actions: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      type: z.enum(ACTION_TYPES),
      status: z.enum(ACTION_STATUSES),
      milestoneId: z.string(),
      firedAt: calendarOrInstant.nullable(),
      executedAt: calendarOrInstant.nullable(),
      completedAt: calendarOrInstant.nullable(),
      skippedAt: calendarOrInstant.nullable(),
    }),
  ),
  submissions: z.array(
    z.object({ actionId: z.string(), createdAt: calendarOrInstant, reviewedAt: calendarOrInstant.nullable() }),
  ),
  blocks: z.array(
    z.object({
      milestoneId: z.string(),
      cause: z.enum(SLIP_SIDES),
      startedAt: calendarOrInstant,
      endedAt: calendarOrInstant.nullable(),
    }),
  ),
});

/** A timestamp column as exact ISO-8601 UTC text inside JSON (Prisma stores DateTime as UTC without a zone). */
const isoInstant = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The page's lists, as columns added to the frame's row so the whole page is one round trip: the milestones in
 * plan order, the published (executed) requests in plan order with their milestone, the last few answered, and the
 * rest of the account's record that the schedule is computed from (every action, submission and block).
 */
const PAGE_LISTS = Prisma.sql`,
  o."workingDays",
  (SELECT coalesce(json_agg(json_build_object(
      'id', m."id", 'name', m."name", 'status', m."status", 'position', m."position", 'plannedDays', m."plannedDays",
      'plannedStartDate', m."plannedStartDate", 'plannedEndDate', m."plannedEndDate",
      'startedAt', ${isoInstant('m."startedAt"')}, 'completedAt', ${isoInstant('m."completedAt"')},
      'actualDays', m."actualDays", 'blockerNote', m."blockerNote"
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
   ) d) AS "done",
  (SELECT coalesce(json_agg(json_build_object(
      'id', x."id", 'key', x."key", 'name', x."name", 'type', x."type", 'status', x."status",
      'milestoneId', x."milestoneId", 'firedAt', ${isoInstant('x."firedAt"')},
      'executedAt', ${isoInstant('x."executedAt"')}, 'completedAt', ${isoInstant('x."completedAt"')},
      'skippedAt', ${isoInstant('x."skippedAt"')}
    ) ORDER BY x."position" ASC), '[]'::json)
   FROM "Action" x WHERE x."accountId" = a."id") AS "actions",
  (SELECT coalesce(json_agg(json_build_object(
      'actionId', s."actionId", 'createdAt', ${isoInstant('s."createdAt"')}, 'reviewedAt', ${isoInstant('s."reviewedAt"')}
    ) ORDER BY s."createdAt" ASC), '[]'::json)
   FROM "Submission" s WHERE s."accountId" = a."id") AS "submissions",
  (SELECT coalesce(json_agg(json_build_object(
      'milestoneId', b."milestoneId", 'cause', b."cause", 'startedAt', ${isoInstant('b."startedAt"')},
      'endedAt', ${isoInstant('b."endedAt"')}
    ) ORDER BY b."startedAt" ASC), '[]'::json)
   FROM "MilestoneBlock" b WHERE b."accountId" = a."id") AS "blocks"`;

/** The page's one query: the frame's joined row with the lists beside it as JSON (none when the portal is gone). */
export function selectPortalPage(session: PortalSession): Prisma.Sql {
  return selectPortalFrame(session, PAGE_LISTS);
}

export type PortalPageRow = PortalFrameRow & Record<keyof z.input<typeof pageListsSchema>, unknown>;

/**
 * What the page is made from, as read in one query: the page as of the read, the account's record and calendar for
 * recomputing what time changes (the schedule), and the page version (portal-page-version.ts) read before it.
 */
export interface PortalPageSource {
  /**
   * The version read before the page was: the page is at least as new as it. So a page kept under it can only be
   * behind the database once the version has moved on, when it is no longer the one read and the page is not used.
   */
  version: string;
  /** The page with the schedule as of `readAt`. */
  page: PortalPage;
  readAt: Date;
  record: AccountRecord;
  calendar: BusinessCalendar;
}

/**
 * Reads a portal page's source in one round trip; not_found when the contact or its account is gone. `version` is
 * the page version read before (openPortalHome), or empty when no one keeps the page.
 */
export async function loadPortalPageSource(
  ctx: ServiceContext,
  options: { session: PortalSession; version: string },
): Promise<PortalPageSource> {
  const rows = await ctx.prisma.$queryRaw<PortalPageRow[]>(selectPortalPage(options.session));
  return portalPageSourceFrom(rows[0], ctx.now(), options.version);
}

/** The source from the page query's row (undefined: not found), as of `now`: pure. */
export function portalPageSourceFrom(row: PortalPageRow | undefined, now: Date, version: string): PortalPageSource {
  const frame = toPortalFrame(row);
  const lists = pageListsSchema.parse(row);
  const calendar = businessCalendar(frame.timeZone, lists.workingDays);
  const record: AccountRecord = {
    account: { kickoffDate: frame.account.kickoffDate, goLiveActualDate: row!.goLiveActualDate },
    milestones: lists.milestones,
    actions: lists.actions,
    submissions: lists.submissions,
    blocks: lists.blocks,
    events: [],
  };
  const schedule = customerScheduleFrom({ record, calendar }, now);
  const page: PortalPage = {
    schedule,
    frame,
    progressPct: milestoneProgress(lists.milestones).pct,
    milestones: lists.milestones.map((m) => ({
      id: m.id,
      name: m.name,
      status: m.status,
      plannedStartDate: m.plannedStartDate,
      plannedEndDate: m.plannedEndDate,
      completedAt: m.completedAt,
      blockerNote: m.status === 'blocked' ? m.blockerNote?.trim() || null : null,
    })),
    requests: lists.open.map((a) => ({
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
    recentlyCompleted: lists.done.map((a) => ({
      id: a.id,
      kind: requestKind(a.type),
      title: a.name,
      completedAt: a.completedAt,
    })),
  };
  return { version, page, readAt: now, record, calendar };
}

/**
 * The page as of `now`: the schedule (whose move and for how long, how far behind plan) is recomputed from the
 * source's record, since time alone moves it on. Returns `shown` itself, or else the source's own page, when the
 * schedule is the one it already has, so a caller can keep what it rendered from that object.
 */
export function portalPageAt(source: PortalPageSource, now: Date, shown: PortalPage = source.page): PortalPage {
  const schedule = customerScheduleFrom(source, now);
  if (sameSchedule(schedule, shown.schedule)) return shown;
  if (sameSchedule(schedule, source.page.schedule)) return source.page;
  return { ...source.page, schedule };
}

/** Schedules are small plain records of text, numbers and dates: their JSON is a faithful comparison. */
function sameSchedule(a: CustomerSchedule, b: CustomerSchedule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Everything the customer's home page shows. Only portal requests that were published (executed) are asked of
 * the customer; pending and ready ones are the CSM's business until then. One query: the frame's joined row
 * with the lists beside it as JSON.
 */
export async function getPortalPage(ctx: ServiceContext, options: { session: PortalSession }): Promise<PortalPage> {
  return (await loadPortalPageSource(ctx, { ...options, version: '' })).page;
}
