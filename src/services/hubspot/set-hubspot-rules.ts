import { z } from 'zod';
import { checkEmailAddress } from '../../domain/email-address';
import { csmRuleSchema, templateRuleSchema, type HubSpotRules } from '../../domain/hubspot-rules';
import { can } from '../../domain/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext, Tx } from '../context';
import { fieldErrors, type FieldProblem } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { toJsonInput } from '../json/stored-json';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { describeHubSpotRules } from './describe-hubspot-rules';
import { changeHubSpotState } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /**
   * Only the rules given change, and per pipeline only the pipelines given: an empty list of stages puts a pipeline
   * back on the default (its closed-won stages), a null template takes its pipeline off the template rule, and a
   * null property rule or default template clears it.
   */
  rules: z
    .object({
      triggerStages: z.record(z.string().min(1), z.array(z.string().min(1))),
      csm: csmRuleSchema,
      template: z
        .object({
          byPipeline: z.record(z.string().min(1), z.string().min(1).nullable()),
          byProperty: templateRuleSchema.shape.byProperty.unwrap().nullable(),
          defaultTemplate: z.string().min(1).nullable(),
        })
        .partial()
        .strict(),
      arrProperty: z.string().trim(),
    })
    .partial()
    .strict(),
});

type RulesInput = z.output<typeof optionsSchema>['rules'];

/** The rules after the change: the given ones over the current ones, pipeline by pipeline. */
function merged(current: HubSpotRules, given: RulesInput): HubSpotRules {
  const triggerStages = { ...current.triggerStages, ...(given.triggerStages ?? {}) };
  for (const [pipeline, stages] of Object.entries(triggerStages))
    if (stages.length === 0) delete triggerStages[pipeline];
  const t = given.template ?? {};
  const byPipeline: Record<string, string> = { ...current.template.byPipeline };
  for (const [pipeline, template] of Object.entries(t.byPipeline ?? {})) {
    if (template === null) delete byPipeline[pipeline];
    else byPipeline[pipeline] = template;
  }
  const byProperty = t.byProperty === undefined ? current.template.byProperty : (t.byProperty ?? undefined);
  const defaultTemplate =
    t.defaultTemplate === undefined ? current.template.defaultTemplate : (t.defaultTemplate ?? undefined);
  return {
    triggerStages,
    csm: given.csm ?? current.csm,
    template: {
      byPipeline,
      ...(byProperty ? { byProperty } : {}),
      ...(defaultTemplate ? { defaultTemplate } : {}),
    },
    arrProperty: given.arrProperty ?? current.arrProperty,
  };
}

/** HubSpot's internal property names: letters, digits and underscores. */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

async function checkRules(tx: Tx, organizationId: string, rules: Partial<HubSpotRules>): Promise<void> {
  const problems: FieldProblem[] = [];
  const csm = rules.csm;
  const userIds =
    csm?.kind === 'fixed'
      ? [csm.userId]
      : csm?.kind === 'by_owner'
        ? [...Object.values(csm.owners), ...(csm.fallbackUserId ? [csm.fallbackUserId] : [])]
        : [];
  if (userIds.length > 0) {
    const people = await tx.user.findMany({
      where: { organizationId, id: { in: userIds }, addedAt: { not: null } },
      select: { id: true, name: true, role: true },
    });
    for (const id of new Set(userIds)) {
      const person = people.find((p) => p.id === id);
      const field = csm?.kind === 'fixed' ? 'csm.userId' : 'csm.owners';
      if (!person) problems.push({ field, message: 'Pick a person who is in Thread.' });
      else if (!can(person.role, 'manage_own_accounts'))
        problems.push({ field, message: `${person.name} is not a CSM or an admin, so cannot run accounts.` });
    }
  }
  if (csm?.kind === 'by_owner') {
    if (Object.keys(csm.owners).length === 0 && !csm.fallbackUserId)
      problems.push({ field: 'csm.owners', message: 'Map at least one deal owner’s email to a CSM.' });
    for (const email of Object.keys(csm.owners)) {
      const checked = checkEmailAddress(email);
      if (!checked.ok) problems.push({ field: 'csm.owners', message: `${email}: ${checked.message}` });
    }
  }
  const template = rules.template;
  if (template) {
    const wanted = [
      ...Object.values(template.byPipeline),
      ...Object.values(template.byProperty?.values ?? {}),
      ...(template.defaultTemplate ? [template.defaultTemplate] : []),
    ];
    const known = await tx.template.findMany({
      where: { organizationId, name: { in: wanted } },
      select: { name: true },
    });
    const missing = [...new Set(wanted)].filter((n) => !known.some((k) => k.name === n));
    if (missing.length > 0)
      problems.push({
        field: 'template',
        message: `No template is called ${missing.map((m) => `"${m}"`).join(', ')}: import it first or pick another.`,
      });
    if (template.byProperty && !PROPERTY_NAME.test(template.byProperty.property))
      problems.push({
        field: 'template.byProperty.property',
        message: 'Give the deal property’s internal name (letters, digits and underscores), e.g. plan_tier.',
      });
  }
  if (rules.arrProperty !== undefined && !PROPERTY_NAME.test(rules.arrProperty))
    problems.push({
      field: 'arrProperty',
      message: 'Give the deal property’s internal name (letters, digits and underscores), e.g. amount.',
    });
  if (problems.length > 0) throw fieldErrors(problems);
}

/**
 * Sets the HubSpot rules (admins only): which stage starts onboarding in each pipeline, who becomes the CSM, which
 * template the plan comes from, and the deal property ARR is read from. Everything is checked (people are CSMs or
 * admins in Thread, templates exist) before anything is saved; the change is audited with the rules in words.
 */
export async function setHubSpotRules(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  input: z.input<typeof optionsSchema>,
): Promise<{ rules: HubSpotRules; described: string[] }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const rules = await ctx.prisma.$transaction(async (tx) => {
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    assertCapability(person, 'manage_connectors', 'change the HubSpot rules');
    const saved = await changeHubSpotState(tx, deps, o.organizationId, (state) => {
      const next = merged(state.rules, o.rules);
      return { state: { ...state, rules: next }, result: next };
    });
    // Checked after merging, under the connection's lock: what is saved is what was checked.
    await checkRules(tx, o.organizationId, {
      ...(o.rules.csm ? { csm: saved.csm } : {}),
      ...(o.rules.template ? { template: saved.template } : {}),
      ...(o.rules.arrProperty !== undefined ? { arrProperty: saved.arrProperty } : {}),
    });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      entityType: 'connection',
      entityId: `hubspot:${o.organizationId}`,
      actor: person.auditActor,
      reason: `HubSpot rules changed: ${Object.keys(o.rules).join(', ') || 'nothing'}`,
      data: toJsonInput({ rules: saved }),
      at: now,
    });
    return saved;
  });
  return { rules, described: await describeHubSpotRules(ctx, o.organizationId, rules) };
}
