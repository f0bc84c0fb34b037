/**
 * What the slip suggestions are made from, aggregated in the database (nothing loads accounts into memory): the
 * slip ledger (SlipDay) grouped by template step and side, how long customers took to answer each portal request,
 * and how long each milestone really took on the accounts that overran it; with the templates as they are now.
 */
import { z } from 'zod';
import type {
  MilestoneNeedStat,
  SlipEvidence,
  StepSlipStat,
  StepWaitStat,
  TemplateUnderReview,
} from '../../domain/slip-suggestions';
import { SLIP_SIDES } from '../../domain/onboarding-clock-types';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { loadTemplateSpec } from './load-template-spec';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** Only this template's steps; every template of the organisation when absent. */
  templateId: z.string().min(1).optional(),
});

export type LoadSlipEvidenceOptions = z.input<typeof optionsSchema>;

const stepRow = z.object({
  templateId: z.string(),
  actionKey: z.string().nullable(),
  side: z.enum(SLIP_SIDES),
  milestoneName: z.string(),
  accounts: z.number(),
  days: z.number(),
});
const waitRow = z.object({
  templateId: z.string(),
  actionKey: z.string(),
  samples: z.number(),
  medianWaitHours: z.number(),
});
const needRow = z.object({
  templateId: z.string(),
  milestoneName: z.string(),
  accounts: z.number(),
  medianNeededDays: z.number(),
});

export async function loadSlipEvidence(ctx: ServiceContext, options: LoadSlipEvidenceOptions): Promise<SlipEvidence> {
  const { organizationId, templateId } = parseOptions(optionsSchema, options);
  const only = templateId ?? null;
  const now = ctx.now();

  // Days are blamed on a step (the action key) or on none (a block, nothing open); days no step explains are told
  // apart by the milestone they fell in, since that milestone is all a suggestion could change about them.
  // A step's days count only from accounts whose plan had it triggered as the template triggers it now: once a
  // request is moved to kickoff, the accounts that got it late are no evidence about the new version. (Kind and delay
  // are compared; an account's plan stores the action waited on resolved, the template only an explicit one.)
  const steps = await ctx.prisma.$queryRaw<unknown[]>`
    SELECT s."templateId", s."actionKey", s."side"::text AS "side",
           mode() WITHIN GROUP (ORDER BY m."name") AS "milestoneName",
           count(DISTINCT s."accountId")::int AS "accounts", count(*)::int AS "days"
    FROM "SlipDay" s
    JOIN "Milestone" m ON m."id" = s."milestoneId"
    LEFT JOIN "Action" a ON a."accountId" = s."accountId" AND a."key" = s."actionKey"
    LEFT JOIN LATERAL (
      SELECT ta."triggerKind", ta."delayDays"
      FROM "TemplateAction" ta JOIN "TemplateMilestone" tm ON tm."id" = ta."milestoneId"
      WHERE tm."templateId" = s."templateId" AND ta."key" = s."actionKey"
      LIMIT 1
    ) now_step ON true
    WHERE s."organizationId" = ${organizationId} AND s."templateId" IS NOT NULL
      AND (${only}::text IS NULL OR s."templateId" = ${only})
      AND (s."actionKey" IS NULL OR now_step."triggerKind" IS NULL OR (
        a."triggerKind" = now_step."triggerKind" AND a."delayDays" = now_step."delayDays"))
    GROUP BY s."templateId", s."actionKey", s."side", CASE WHEN s."actionKey" IS NULL THEN m."name" END`;

  // The customer's wait on a portal request: business hours (every hour of a working day in the organisation's
  // zone, as domain/business-hours.ts counts them) from the send to the end of its waiting period — the answer, a
  // skip, its milestone's completion, or now while it is still open (domain/waiting-periods' definition). Requests
  // already sent at kickoff are left out: the evidence is about the step as the template sends it later.
  const waits = await ctx.prisma.$queryRaw<unknown[]>`
    WITH org AS (
      SELECT "timezone" AS tz, "workingDays" AS days FROM "Organization" WHERE "id" = ${organizationId}
    ), sent AS (
      SELECT acc."templateId", a."key", a."executedAt" AS started,
             coalesce(a."completedAt", a."skippedAt", m."completedAt", ${now}::timestamptz) AS ended
      FROM "Action" a
      JOIN "Account" acc ON acc."id" = a."accountId"
      JOIN "Milestone" m ON m."id" = a."milestoneId"
      WHERE acc."organizationId" = ${organizationId} AND acc."templateId" IS NOT NULL
        AND (${only}::text IS NULL OR acc."templateId" = ${only})
        AND a."type" IN ('portal_form', 'portal_document') AND a."triggerKind" <> 'kickoff_offset'
        AND a."executedAt" IS NOT NULL
    ), measured AS (
      SELECT sent."templateId", sent."key",
             (SELECT coalesce(sum(greatest(0, extract(epoch FROM
                        least((d.day + interval '1 day') AT TIME ZONE org.tz, sent.ended)
                        - greatest(d.day AT TIME ZONE org.tz, sent.started)))), 0) / 3600.0
              FROM generate_series((sent.started AT TIME ZONE org.tz)::date::timestamp,
                                   (sent.ended AT TIME ZONE org.tz)::date::timestamp, interval '1 day') AS d(day)
              WHERE extract(isodow FROM d.day)::int = ANY(org.days)) AS hours
      FROM sent CROSS JOIN org
      WHERE sent.ended > sent.started
    )
    SELECT "templateId", "key" AS "actionKey", count(*)::int AS "samples",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)::float8 AS "medianWaitHours"
    FROM measured GROUP BY "templateId", "key"`;

  // What each overrun milestone needed on its account: the days it was planned there plus its slip days.
  const needs = await ctx.prisma.$queryRaw<unknown[]>`
    SELECT s."templateId", m."name" AS "milestoneName", count(*)::int AS "accounts",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m."plannedDays" + s.days)::float8 AS "medianNeededDays"
    FROM (
      SELECT "templateId", "milestoneId", count(*)::int AS days
      FROM "SlipDay"
      WHERE "organizationId" = ${organizationId} AND "templateId" IS NOT NULL
        AND (${only}::text IS NULL OR "templateId" = ${only})
      GROUP BY "templateId", "milestoneId"
    ) s
    JOIN "Milestone" m ON m."id" = s."milestoneId"
    GROUP BY s."templateId", m."name"`;

  const stepStats: StepSlipStat[] = z.array(stepRow).parse(steps);
  const templateIds = [...new Set(stepStats.map((s) => s.templateId))];
  return {
    templates: await currentTemplates(ctx, organizationId, templateIds),
    steps: stepStats,
    waits: z.array(waitRow).parse(waits) satisfies StepWaitStat[],
    needs: z.array(needRow).parse(needs) satisfies MilestoneNeedStat[],
  };
}

/** The templates as they are now, through the loader the export uses. */
async function currentTemplates(
  ctx: ServiceContext,
  organizationId: string,
  ids: string[],
): Promise<TemplateUnderReview[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.prisma.template.findMany({
    where: { organizationId, id: { in: ids } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const templates: TemplateUnderReview[] = [];
  for (const row of rows) {
    const loaded = await loadTemplateSpec(ctx.prisma, { organizationId, name: row.name });
    // The loader matches names case-insensitively; a sibling whose name differs only in case is not this one.
    if (loaded.id !== row.id) continue;
    templates.push({ id: loaded.id, name: loaded.spec.name, version: loaded.version, spec: loaded.spec });
  }
  return templates;
}
