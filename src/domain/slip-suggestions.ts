/**
 * Which template steps slip most across accounts, and what to change in the template about each (issue 13).
 * Pure: the slip ledger's aggregates (services/templates/load-slip-evidence.ts) and the templates as they are now
 * in, suggestions out; applying one is a change to a TemplateSpec that the import then checks like any file.
 *
 * Two changes are suggested:
 * - `ask_at_kickoff`: the customer keeps accounts waiting on a portal request (a form or a document) that the plan
 *   only sends in a later milestone. Asked at kickoff instead (trigger kickoff_offset, 0 days), the customer has the
 *   whole plan up to that milestone to answer it.
 * - `extend_milestone`: anything else that slips (a message unanswered, our own reviews, blocks): the milestone
 *   where the days fall is planned longer, by the overrun accounts typically had.
 *
 * Evidence is only taken seriously when it repeats: a step must have slipped on at least MIN_ACCOUNTS accounts,
 * and the customer's typical wait on a request must be at least MIN_MEDIAN_WAIT_DAYS business days before Thread
 * suggests asking for it earlier. Evidence is about the template as it is now: a step's days count only from
 * accounts whose plan triggered it as the template does now, and a milestone is extended to what accounts needed
 * (their own planned days plus their overrun), so an accepted change is not suggested again by the accounts that
 * ran under the old version.
 *
 * Each suggestion has an id that names the template, the version it was made for and the change, so the same
 * evidence gives the same id every time (a CLI user can type it, a button can carry it), and accepting it after the
 * template has changed is refused with a sentence that says so.
 */
import type { SlipSide } from './onboarding-clock-types';
import { PORTAL_TYPES, type TemplateSpec, type TriggerSpec } from './template';
import { accepted, refused, type Checked } from './checked';

/** A step is a pattern, not bad luck, once it has slipped on this many accounts. */
export const MIN_ACCOUNTS = 3;
/** Asking at kickoff is worth it when customers typically take at least this long (business days) to answer. */
export const MIN_MEDIAN_WAIT_DAYS = 2;

/** The slip ledger (SlipDay) of one template, grouped by the step the days were blamed on and whose they were. */
export interface StepSlipStat {
  templateId: string;
  /** The plan step (action key) the days were blamed on; null for days no step explains (blocks, nothing open). */
  actionKey: string | null;
  side: SlipSide;
  /** The milestone (by name) in which most of these days fell: the one that ran over. */
  milestoneName: string;
  /** Distinct accounts with at least one such day. */
  accounts: number;
  days: number;
}

/** How long customers took to answer one portal request of a template, from when it was sent. */
export interface StepWaitStat {
  templateId: string;
  actionKey: string;
  /** How many sends it was measured on. */
  samples: number;
  /** Median business hours from the send to the answer (or to now, for one still unanswered). */
  medianWaitHours: number;
}

/** How long one milestone of a template really took on the accounts that overran it. */
export interface MilestoneNeedStat {
  templateId: string;
  milestoneName: string;
  accounts: number;
  /**
   * Median over those accounts of the business days the milestone needed: its planned days on that account plus
   * its overrun. Compared with the template's planned days now, so an account planned under an older, shorter
   * version does not ask for the same extension twice.
   */
  medianNeededDays: number;
}

/** A template as it is now: suggestions are about its current version. */
export interface TemplateUnderReview {
  id: string;
  name: string;
  version: number;
  spec: TemplateSpec;
}

export interface SlipEvidence {
  templates: readonly TemplateUnderReview[];
  steps: readonly StepSlipStat[];
  waits: readonly StepWaitStat[];
  needs: readonly MilestoneNeedStat[];
}

export type SlipChange =
  | {
      kind: 'ask_at_kickoff';
      actionKey: string;
      actionName: string;
      milestoneName: string;
      /** The trigger it has now; the change replaces it with kickoff_offset 0. */
      from: TriggerSpec;
    }
  | {
      kind: 'extend_milestone';
      /** 0-based position of the milestone in the template. */
      milestoneIndex: number;
      milestoneName: string;
      fromDays: number;
      toDays: number;
    };

export type SlipChangeKind = SlipChange['kind'];

export interface SlipSuggestion {
  id: string;
  templateId: string;
  templateName: string;
  templateVersion: number;
  /** The step that slips, and whose the days were. */
  actionKey: string | null;
  side: SlipSide;
  accounts: number;
  days: number;
  /** e.g. `Customers wait a median 6 days on the SSO form in Technical Setup: ask for it at kickoff.` */
  sentence: string;
  /** e.g. `19 days behind plan on 4 accounts` */
  evidence: string;
  /** The change as from → to, e.g. `Technical Setup: 5 → 8 planned days` */
  changeWords: string;
  change: SlipChange;
}

const KICKOFF_TRIGGER: TriggerSpec = { kind: 'kickoff_offset', delayDays: 0 };

export function dayWords(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

function accountWords(accounts: number): string {
  return `${accounts} ${accounts === 1 ? 'account' : 'accounts'}`;
}

const SIDE_WAITING_WORDS: Readonly<Record<SlipSide, string>> = {
  customer: 'waiting on the customer',
  us: 'waiting on us',
  third_party: 'waiting on a third party',
};

/** A trigger as an admin reads it in the template. */
export function triggerWords(trigger: TriggerSpec): string {
  const after = (what: string) =>
    trigger.delayDays === 0 ? `when ${what}` : `${dayWords(trigger.delayDays)} after ${what}`;
  switch (trigger.kind) {
    case 'kickoff_offset':
      if (trigger.delayDays === 0) return 'at kickoff';
      return trigger.delayDays > 0
        ? `${dayWords(trigger.delayDays)} after kickoff`
        : `${dayWords(-trigger.delayDays)} before kickoff`;
    case 'milestone_start':
      return after('its milestone starts');
    case 'previous_action':
      return after(trigger.after ? `"${trigger.after}" is done` : 'the step before it is done');
    case 'submission':
      return after(trigger.after ? `the customer answers "${trigger.after}"` : 'the customer answers the step before');
    case 'manual':
      return 'started by hand';
  }
}

export function changeWords(change: SlipChange): string {
  if (change.kind === 'ask_at_kickoff') {
    return `"${change.actionName}": sent ${triggerWords(change.from)} → sent ${triggerWords(KICKOFF_TRIGGER)}`;
  }
  return `${change.milestoneName}: ${change.fromDays} → ${change.toDays} planned days`;
}

// ---------------------------------------------------------------------------------------------
// Ids: `<template ref>.v<version>.<change>`, e.g. `k3x9qa.v2.kickoff-sso-form` or `k3x9qa.v2.extend-2-to-8`.

/** FNV-1a (32 bits): a short, stable reference to a template id that is not the id itself. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Six base-36 characters naming a template within its organisation (a clash needs two of its own templates). */
export function templateRef(templateId: string): string {
  return fnv1a(templateId).toString(36).padStart(7, '0').slice(-6);
}

function changeCode(change: SlipChange): string {
  return change.kind === 'ask_at_kickoff'
    ? `kickoff-${change.actionKey}`
    : `extend-${change.milestoneIndex + 1}-to-${change.toDays}`;
}

export function slipSuggestionId(template: { id: string; version: number }, change: SlipChange): string {
  return `${templateRef(template.id)}.v${template.version}.${changeCode(change)}`;
}

export interface ParsedSuggestionId {
  templateRef: string;
  version: number;
  kind: SlipChangeKind;
}

const ID_PATTERN =
  /^([0-9a-z]{6})\.v([1-9][0-9]{0,8})\.(kickoff-[a-z0-9]+(?:-[a-z0-9]+)*|extend-[1-9][0-9]{0,3}-to-[1-9][0-9]{0,3})$/;

/** The parts of a suggestion id, or null when the text is not one (a typo, a truncated paste). */
export function parseSlipSuggestionId(id: string): ParsedSuggestionId | null {
  const match = ID_PATTERN.exec(id.trim());
  if (!match) return null;
  return {
    templateRef: match[1]!,
    version: Number(match[2]),
    kind: match[3]!.startsWith('kickoff-') ? 'ask_at_kickoff' : 'extend_milestone',
  };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

interface Located {
  milestoneIndex: number;
  milestoneName: string;
}

function findAction(spec: TemplateSpec, key: string) {
  for (const [milestoneIndex, milestone] of spec.milestones.entries()) {
    const action = milestone.actions.find((a) => a.key === key);
    if (action) return { action, milestoneIndex, milestoneName: milestone.name };
  }
  return null;
}

function findMilestone(spec: TemplateSpec, name: string): (Located & { plannedDays: number }) | null {
  const milestoneIndex = spec.milestones.findIndex((m) => m.name === name);
  const milestone = spec.milestones[milestoneIndex];
  return milestone ? { milestoneIndex, milestoneName: milestone.name, plannedDays: milestone.plannedDays } : null;
}

/** The article-led name of a step in a sentence: "the SSO form". */
function stepWords(name: string): string {
  return /^(the|a|an)\s/i.test(name) ? name : `the ${name}`;
}

function askAtKickoff(
  template: TemplateUnderReview,
  step: StepSlipStat,
  waits: ReadonlyMap<string, StepWaitStat>,
): { change: SlipChange; sentence: string } | null {
  if (step.side !== 'customer' || step.actionKey === null) return null;
  const found = findAction(template.spec, step.actionKey);
  if (!found) return null;
  const { action, milestoneIndex, milestoneName } = found;
  // Only a request the customer answers in the portal can be sent early without anything to react to; in the first
  // milestone it already goes out close to kickoff, and one already sent at kickoff has nothing to gain.
  if (!PORTAL_TYPES.includes(action.type) || milestoneIndex === 0 || action.trigger.kind === 'kickoff_offset') {
    return null;
  }
  const wait = waits.get(`${template.id}\u0000${action.key}`);
  if (!wait || wait.samples === 0) return null;
  // Whole business days, as the clocks say them ("6 days" from 6 to just under 7).
  const waitDays = Math.floor(wait.medianWaitHours / 24);
  if (waitDays < MIN_MEDIAN_WAIT_DAYS) return null;
  return {
    change: {
      kind: 'ask_at_kickoff',
      actionKey: action.key,
      actionName: action.name,
      milestoneName,
      from: action.trigger,
    },
    sentence: `Customers wait a median ${dayWords(waitDays)} on ${stepWords(action.name)} in ${milestoneName}: ask for it at kickoff.`,
  };
}

function extendMilestone(
  template: TemplateUnderReview,
  step: StepSlipStat,
  needs: ReadonlyMap<string, MilestoneNeedStat>,
): { change: SlipChange; sentence: string } | null {
  const milestone = findMilestone(template.spec, step.milestoneName);
  if (!milestone) return null;
  const need = needs.get(`${template.id}\u0000${milestone.milestoneName}`);
  if (!need) return null;
  const toDays = Math.ceil(need.medianNeededDays);
  const extra = toDays - milestone.plannedDays;
  if (extra < 1) return null;
  const action = step.actionKey === null ? null : findAction(template.spec, step.actionKey);
  const cause = action
    ? `mostly ${SIDE_WAITING_WORDS[step.side]} for ${stepWords(action.action.name)}`
    : `mostly ${SIDE_WAITING_WORDS[step.side]}`;
  return {
    change: {
      kind: 'extend_milestone',
      milestoneIndex: milestone.milestoneIndex,
      milestoneName: milestone.milestoneName,
      fromDays: milestone.plannedDays,
      toDays,
    },
    sentence: `${milestone.milestoneName} runs a median ${dayWords(extra)} over plan, ${cause}: plan ${dayWords(toDays)} for it instead of ${milestone.plannedDays}.`,
  };
}

/**
 * The suggestions the evidence supports, the steps that cost most days first. Each step that slipped on at least
 * MIN_ACCOUNTS accounts gets one: ask at kickoff when it is a late portal request customers are slow on, else
 * extend the milestone that ran over (one suggestion per milestone, for its costliest step). A step whose template
 * no longer has it, or whose milestone already has the days it needs, gets none.
 */
export function suggestTemplateChanges(evidence: SlipEvidence): SlipSuggestion[] {
  const templates = new Map(evidence.templates.map((t) => [t.id, t]));
  const waits = new Map(evidence.waits.map((w) => [`${w.templateId}\u0000${w.actionKey}`, w]));
  const needs = new Map(evidence.needs.map((n) => [`${n.templateId}\u0000${n.milestoneName}`, n]));
  const steps = [...evidence.steps]
    .filter((s) => s.accounts >= MIN_ACCOUNTS)
    .sort(
      (a, b) =>
        b.days - a.days ||
        b.accounts - a.accounts ||
        a.templateId.localeCompare(b.templateId) ||
        (a.actionKey ?? '').localeCompare(b.actionKey ?? '') ||
        a.side.localeCompare(b.side) ||
        a.milestoneName.localeCompare(b.milestoneName),
    );

  const seen = new Set<string>();
  const suggestions: SlipSuggestion[] = [];
  for (const step of steps) {
    const template = templates.get(step.templateId);
    if (!template) continue;
    const made = askAtKickoff(template, step, waits) ?? extendMilestone(template, step, needs);
    if (!made) continue;
    const target =
      made.change.kind === 'ask_at_kickoff'
        ? `${template.id}\u0000action\u0000${made.change.actionKey}`
        : `${template.id}\u0000milestone\u0000${made.change.milestoneIndex}`;
    if (seen.has(target)) continue;
    seen.add(target);
    suggestions.push({
      id: slipSuggestionId(template, made.change),
      templateId: template.id,
      templateName: template.name,
      templateVersion: template.version,
      actionKey: step.actionKey,
      side: step.side,
      accounts: step.accounts,
      days: step.days,
      sentence: made.sentence,
      evidence: `${dayWords(step.days)} behind plan on ${accountWords(step.accounts)}`,
      changeWords: changeWords(made.change),
      change: made.change,
    });
  }
  return suggestions;
}

// ---------------------------------------------------------------------------------------------
// Applying

function sameTrigger(a: TriggerSpec, b: TriggerSpec): boolean {
  return a.kind === b.kind && a.delayDays === b.delayDays && (a.after ?? '') === (b.after ?? '');
}

/**
 * The template with the change made, or why it cannot be: the step it is about is no longer as it was when the
 * change was suggested (a version check comes first in the service; this catches a template changed anyway).
 */
export function applySlipChange(spec: TemplateSpec, change: SlipChange): Checked<TemplateSpec> {
  if (change.kind === 'ask_at_kickoff') {
    const found = findAction(spec, change.actionKey);
    if (!found || !sameTrigger(found.action.trigger, change.from)) {
      return refused(
        `"${change.actionName}" is no longer sent ${triggerWords(change.from)} in "${spec.name}", so the suggestion no longer applies.`,
      );
    }
    return accepted({
      ...spec,
      milestones: spec.milestones.map((m) => ({
        ...m,
        // A kickoff trigger waits on no other action, so "after" goes with the old trigger.
        actions: m.actions.map((a) => (a.key === change.actionKey ? { ...a, trigger: { ...KICKOFF_TRIGGER } } : a)),
      })),
    });
  }
  const milestone = spec.milestones[change.milestoneIndex];
  if (!milestone || milestone.name !== change.milestoneName || milestone.plannedDays !== change.fromDays) {
    return refused(
      `${change.milestoneName} is no longer planned at ${dayWords(change.fromDays)} in "${spec.name}", so the suggestion no longer applies.`,
    );
  }
  return accepted({
    ...spec,
    milestones: spec.milestones.map((m, i) => (i === change.milestoneIndex ? { ...m, plannedDays: change.toDays } : m)),
  });
}
