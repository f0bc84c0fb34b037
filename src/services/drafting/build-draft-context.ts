/**
 * Everything a drafter is told about one action, read from the database in one place: the account, its contacts,
 * the submitted handoff's answers, the plan (current milestone and what comes next), what was already sent, the action's
 * instructions and default content with its placeholders filled, the CSM and the organisation's brand voice.
 */
import { z } from 'zod';
import { Prisma, type ActionStatus } from '../../db/generated/client';
import { formatCalendarDate } from '../../domain/calendar-date';
import type { DraftRequest } from '../../domain/draft-context';
import { describeHandoffAnswer } from '../../domain/handoff-questions';
import { buildPlaceholderVars, renderPlaceholders } from '../../domain/placeholders';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { PRIMARY_CONTACT_FIRST_SQL } from '../contacts/primary-contact-first';
import type { ServiceContext } from '../context';

const calendarDate = z.string().transform((s) => new Date(s));

/** The lists the drafting query returns as JSON beside the action's row. */
const listsSchema = z.object({
  contacts: z.array(
    z.object({ name: z.string(), email: z.string(), title: z.string().nullable(), isPrimary: z.boolean() }),
  ),
  milestones: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      position: z.number(),
      plannedStartDate: calendarDate,
      plannedEndDate: calendarDate,
      exitCriteria: z.string(),
    }),
  ),
  answers: z.array(z.object({ value: z.string(), label: z.string(), kind: z.string(), position: z.number() })),
  sent: z.array(z.object({ name: z.string(), type: z.string(), sentOn: z.string(), subject: z.string().nullable() })),
});

interface DraftingRow {
  id: string;
  accountId: string;
  status: ActionStatus;
  type: string;
  name: string;
  instructions: string;
  purpose: string;
  defaultSubject: string;
  defaultBody: string;
  draftSubject: string | null;
  draftBody: string | null;
  draftedBy: string | null;
  milestoneName: string;
  milestonePosition: number;
  organizationId: string;
  accountName: string;
  domain: string | null;
  industry: string | null;
  arr: number;
  kickoffDate: Date;
  goLiveDate: Date | null;
  orgName: string;
  brandVoice: string;
  timezone: string;
  hasCsm: boolean;
  csmName: string | null;
  /** Where customers reach the CSM: the reply-to address they gave, else their Slack email. */
  csmEmail: string | null;
  csmTitle: string | null;
  hasHandoff: boolean;
  contacts: unknown;
  milestones: unknown;
  answers: unknown;
  sent: unknown;
}

/**
 * The action with everything its draft needs, in one query (Prisma would read each relation separately: eleven
 * round trips). Lists come as JSON in the order the drafter sees them; what was already sent is taken in the same
 * snapshot.
 */
export async function loadActionForDrafting(ctx: ServiceContext, actionId: string) {
  const [action] = await loadActionsForDrafting(ctx, [actionId]);
  if (!action) throw new AppError('not_found', `action ${actionId} does not exist`);
  return action;
}

/**
 * Several actions with everything their drafts need, in that same one query (a tick drafts a whole batch at once).
 * In the order asked; an id that does not exist is left out.
 */
export async function loadActionsForDrafting(ctx: ServiceContext, actionIds: readonly string[]) {
  if (actionIds.length === 0) return [];
  const rows = await ctx.prisma.$queryRaw<DraftingRow[]>`
    SELECT x."id", x."accountId", x."status"::text AS "status", x."type"::text AS "type", x."name", x."instructions", x."purpose",
           x."defaultSubject", x."defaultBody", x."draftSubject", x."draftBody", x."draftedBy",
           xm."name" AS "milestoneName", xm."position" AS "milestonePosition",
           a."organizationId", a."name" AS "accountName", a."domain", a."industry", a."arr", a."kickoffDate", a."goLiveDate",
           o."name" AS "orgName", o."brandVoice", o."timezone",
           (u."id" IS NOT NULL) AS "hasCsm", u."name" AS "csmName", COALESCE(u."replyToEmail", u."email") AS "csmEmail", u."title" AS "csmTitle",
           (h."id" IS NOT NULL AND h."submittedAt" IS NOT NULL) AS "hasHandoff",
           (SELECT coalesce(json_agg(json_build_object('name', c."name", 'email', c."email", 'title', c."title", 'isPrimary', c."isPrimary")
                     ORDER BY ${PRIMARY_CONTACT_FIRST_SQL}), '[]'::json)
            FROM "Contact" c WHERE c."accountId" = a."id") AS "contacts",
           (SELECT coalesce(json_agg(json_build_object('name', m."name", 'status', m."status", 'position', m."position",
                     'plannedStartDate', m."plannedStartDate", 'plannedEndDate', m."plannedEndDate", 'exitCriteria', m."exitCriteria")
                     ORDER BY m."position" ASC), '[]'::json)
            FROM "Milestone" m WHERE m."accountId" = a."id") AS "milestones",
           (SELECT coalesce(json_agg(json_build_object('value', ha."value", 'label', q."label", 'kind', q."kind", 'position', q."position")
                     ORDER BY q."position" ASC), '[]'::json)
            FROM "HandoffAnswer" ha JOIN "HandoffQuestion" q ON q."id" = ha."questionId" WHERE ha."handoffId" = h."id") AS "answers",
           (SELECT coalesce(json_agg(json_build_object('name', s."name", 'type', s."type", 'sentOn', to_char(s."executedAt", 'YYYY-MM-DD'), 'subject', s."draftSubject")
                     ORDER BY s."executedAt" ASC), '[]'::json)
            FROM "Action" s
            WHERE s."accountId" = a."id" AND s."status" IN ('executed', 'completed') AND s."executedAt" IS NOT NULL AND s."type" <> 'internal_task') AS "sent"
    FROM "Action" x
    JOIN "Milestone" xm ON xm."id" = x."milestoneId"
    JOIN "Account" a ON a."id" = x."accountId"
    JOIN "Organization" o ON o."id" = a."organizationId"
    LEFT JOIN "User" u ON u."id" = a."csmId"
    LEFT JOIN "Handoff" h ON h."accountId" = a."id"
    WHERE x."id" IN (${Prisma.join(actionIds)})`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return actionIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toActionForDrafting(row)] : [];
  });
}

function toActionForDrafting(row: DraftingRow) {
  const lists = listsSchema.parse(row);
  return {
    id: row.id,
    accountId: row.accountId,
    status: row.status,
    type: row.type,
    name: row.name,
    instructions: row.instructions,
    purpose: row.purpose,
    defaultSubject: row.defaultSubject,
    defaultBody: row.defaultBody,
    draftSubject: row.draftSubject,
    draftBody: row.draftBody,
    draftedBy: row.draftedBy,
    milestone: { name: row.milestoneName, position: row.milestonePosition },
    account: {
      id: row.accountId,
      organizationId: row.organizationId,
      name: row.accountName,
      domain: row.domain,
      industry: row.industry,
      arr: row.arr,
      kickoffDate: row.kickoffDate,
      goLiveDate: row.goLiveDate,
      organization: { name: row.orgName, brandVoice: row.brandVoice, timezone: row.timezone },
      csm: row.hasCsm ? { name: row.csmName ?? '', email: row.csmEmail, title: row.csmTitle } : null,
      contacts: lists.contacts,
      handoff: row.hasHandoff
        ? {
            // As people read them: a multiple choice as "SSO, API" rather than one option per line.
            answers: lists.answers.map((a) => ({
              value: describeHandoffAnswer(a.kind, a.value),
              question: { label: a.label, position: a.position },
            })),
          }
        : null,
      milestones: lists.milestones,
    },
    /** Customer-facing actions already sent on this account, oldest first (sentOn is the UTC day). */
    alreadySent: lists.sent,
  };
}

export type ActionForDrafting = ReturnType<typeof toActionForDrafting>;

/** The primary contact, else the first one recorded: who customer-facing actions go to. */
export function recipientOf(action: ActionForDrafting) {
  return action.account.contacts[0] ?? null;
}

function templateVars(action: ActionForDrafting) {
  const { account } = action;
  return buildPlaceholderVars({
    account,
    contact: recipientOf(action),
    csm: account.csm,
    // Filled at send time (see domain/send-time-placeholders.ts).
    portalLink: null,
    milestone: { name: action.milestone.name },
    nextMilestone: account.milestones.find((m) => m.position > action.milestone.position) ?? null,
    timeZone: account.organization.timezone,
  });
}

/** The template's own subject and body with the account's placeholders filled: the offline draft. */
export function renderTemplateDraft(action: ActionForDrafting): { subject: string; body: string } {
  const vars = templateVars(action);
  return {
    subject: renderPlaceholders(action.defaultSubject, vars).text,
    body: renderPlaceholders(action.defaultBody, vars).text,
  };
}

// Async and given the context so callers stay as they are; everything it needs now comes with the action.
export async function buildDraftRequest(_ctx: ServiceContext, action: ActionForDrafting): Promise<DraftRequest> {
  const { account } = action;
  const org = account.organization;
  const recipient = recipientOf(action);
  const template = renderTemplateDraft(action);

  const answers = [...(account.handoff?.answers ?? [])].sort((a, b) => a.question.position - b.question.position);
  return {
    stable: {
      organization: { name: org.name, brandVoice: org.brandVoice },
      csm: account.csm ? { name: account.csm.name, email: account.csm.email, title: account.csm.title } : null,
      account: {
        name: account.name,
        domain: account.domain,
        industry: account.industry,
        arr: account.arr,
        kickoffDate: formatCalendarDate(account.kickoffDate),
        goLiveDate: account.goLiveDate ? formatCalendarDate(account.goLiveDate) : null,
      },
      contacts: account.contacts.map((c) => ({ name: c.name, email: c.email, title: c.title, isPrimary: c.isPrimary })),
      handoffAnswers: answers
        .filter((a) => a.value.trim() !== '')
        .map((a) => ({ question: a.question.label, answer: a.value })),
      milestones: account.milestones.map((m) => ({
        name: m.name,
        status: m.status,
        plannedStartDate: formatCalendarDate(m.plannedStartDate),
        plannedEndDate: formatCalendarDate(m.plannedEndDate),
        exitCriteria: m.exitCriteria,
      })),
    },
    task: {
      action: {
        name: action.name,
        type: action.type as ActionType,
        instructions: action.instructions,
        purpose: action.purpose,
      },
      milestoneName: action.milestone.name,
      recipient: recipient ? { name: recipient.name, email: recipient.email } : null,
      defaultSubject: template.subject,
      defaultBody: template.body,
      alreadySent: action.alreadySent.map((s) => ({
        name: s.name,
        type: s.type as ActionType,
        sentOn: s.sentOn,
        subject: s.subject ?? '',
      })),
    },
  };
}
