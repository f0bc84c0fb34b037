/**
 * The rules an admin sets for HubSpot (Settings → Connectors → HubSpot rules), and the pure decisions made with
 * them when a deal closes: is this stage the trigger, which template, which CSM, which contact is primary, what
 * the account is called. The services read HubSpot and the database; every choice is made here.
 */
import { z } from 'zod';
import type { HubSpotAssociation, HubSpotDeal, HubSpotPipeline } from './hubspot-records';

/** Who becomes the CSM of an account made from a deal. */
export const csmRuleSchema = z.discriminatedUnion('kind', [
  /** Nobody: the account waits for an admin to pick a CSM. */
  z.object({ kind: z.literal('none') }),
  /** Always the same person (a Thread user id). */
  z.object({ kind: z.literal('fixed'), userId: z.string().min(1) }),
  /** The CSMs in turn, the one after the last one given an account. */
  z.object({ kind: z.literal('round_robin') }),
  /** By the deal owner's email (lower case) → a Thread user id; an owner not in the list gets the fallback. */
  z.object({
    kind: z.literal('by_owner'),
    owners: z.record(z.string(), z.string().min(1)),
    fallbackUserId: z.string().min(1).optional(),
  }),
]);
export type CsmRule = z.infer<typeof csmRuleSchema>;

/** Which template the plan comes from (template names). A deal property value wins over the pipeline. */
export const templateRuleSchema = z.object({
  byPipeline: z.record(z.string(), z.string().min(1)).default({}),
  byProperty: z.object({ property: z.string().min(1), values: z.record(z.string(), z.string().min(1)) }).optional(),
  defaultTemplate: z.string().min(1).optional(),
});
export type TemplateRule = z.infer<typeof templateRuleSchema>;

export const hubspotRulesSchema = z.object({
  /** Pipeline id → the stage ids that start onboarding. A pipeline not listed uses the default (closed, won). */
  triggerStages: z.record(z.string(), z.array(z.string().min(1))).default({}),
  csm: csmRuleSchema.default({ kind: 'round_robin' }),
  template: templateRuleSchema.default({ byPipeline: {} }),
  /** The deal property ARR is read from. */
  arrProperty: z.string().min(1).default('amount'),
});
export type HubSpotRules = z.infer<typeof hubspotRulesSchema>;

export const DEFAULT_HUBSPOT_RULES: HubSpotRules = hubspotRulesSchema.parse({});

/** HubSpot's own metadata for a won stage: closed, with a win probability of 1. */
export function isWonStage(stage: { isClosed: boolean; probability: number | null }): boolean {
  return stage.isClosed && stage.probability === 1;
}

/** The stage ids that start onboarding in one pipeline: the admin's choice, else every won stage. */
export function triggerStagesOf(rules: HubSpotRules, pipeline: HubSpotPipeline): string[] {
  const chosen = rules.triggerStages[pipeline.id];
  if (chosen && chosen.length > 0) return chosen;
  return pipeline.stages.filter(isWonStage).map((s) => s.id);
}

/** Whether a deal stands in a stage that starts onboarding. */
export function isTriggerStage(
  rules: HubSpotRules,
  pipelines: readonly HubSpotPipeline[],
  deal: Pick<HubSpotDeal, 'pipelineId' | 'stageId'>,
): boolean {
  const pipeline = pipelines.find((p) => p.id === deal.pipelineId);
  if (!pipeline) return (rules.triggerStages[deal.pipelineId] ?? []).includes(deal.stageId);
  return triggerStagesOf(rules, pipeline).includes(deal.stageId);
}

/** The template for a deal: a property value the admin mapped, else its pipeline's, else the default; or null. */
export function chooseTemplate(
  rules: HubSpotRules,
  deal: Pick<HubSpotDeal, 'pipelineId' | 'properties'>,
): string | null {
  const byProperty = rules.template.byProperty;
  if (byProperty) {
    const value = deal.properties[byProperty.property];
    const mapped = value === undefined ? undefined : byProperty.values[value];
    if (mapped) return mapped;
  }
  return rules.template.byPipeline[deal.pipelineId] ?? rules.template.defaultTemplate ?? null;
}

/** The CSMs in a fixed order (by user id), so "the one after the last" means the same thing everywhere. */
export function nextInTurn(candidates: readonly string[], last: string | null | undefined): string | null {
  const ordered = [...new Set(candidates)].sort();
  if (ordered.length === 0) return null;
  if (!last) return ordered[0]!;
  return ordered.find((id) => id > last) ?? ordered[0]!;
}

/** The CSM by an owner mapping: the owner's email (any case) → user, else the fallback, else nobody. */
export function csmForOwner(rule: Extract<CsmRule, { kind: 'by_owner' }>, ownerEmail: string | null): string | null {
  if (ownerEmail) {
    const wanted = ownerEmail.trim().toLowerCase();
    for (const [email, userId] of Object.entries(rule.owners)) if (email.toLowerCase() === wanted) return userId;
  }
  return rule.fallbackUserId ?? null;
}

/**
 * Which associated record is the primary one (a deal's contact, a deal's company): the first whose association
 * label says primary (HubSpot labels its primary company association "Primary"; teams label contacts so), else the
 * first. -1 when there are none.
 */
export function primaryAssociationIndex(associations: readonly Pick<HubSpotAssociation, 'labels'>[]): number {
  if (associations.length === 0) return -1;
  const labelled = associations.findIndex((a) => a.labels.some((l) => /primary/i.test(l)));
  return labelled >= 0 ? labelled : 0;
}

/**
 * The account's name: the company's (or the deal's, without a company). Names are unique in an organisation, so
 * a second deal for a company already onboarded is told apart by its deal id.
 */
export function accountNameFor(base: string, dealId: string, taken: (name: string) => boolean): string {
  const trimmed = base.trim().slice(0, 160) || `HubSpot deal ${dealId}`;
  if (!taken(trimmed)) return trimmed;
  return `${trimmed} (deal ${dealId})`;
}
