/**
 * Checks a template's structure beyond field shapes: keys are unique, every `after` names an
 * earlier action (which rules out cycles), delays and form fields make sense. The template-file
 * parser reports these alongside its own schema errors, with the same path notation, and the
 * import refuses a template with any of them.
 *
 * Above all, no action may be stranded: every trigger must be able to fire. An action can never
 * fire when it waits on an action that does not exist, on itself or on a later one (a cycle), for a
 * submission of an action customers cannot submit, or so long after its event that the onboarding
 * is over; a portal form without questions can never be answered, so nothing waiting on it fires.
 * (At run time, a skipped action releases what waits on it and a manual one has "Start now".)
 * Those problems name the action and say why it would never fire.
 */
import type { TemplateProblem } from './errors';
import { PORTAL_TYPES, type TemplateActionSpec, type TemplateSpec } from './template';
import { resolveAfterKey } from './triggers';

export type { TemplateProblem } from './errors';

/**
 * The longest delay a trigger may have, in business days either way: about a year. An action due later than that
 * would not fire within any onboarding, and a far larger one would not even be a date.
 */
export const MAX_DELAY_DAYS = 260;

export interface FlatTemplateAction {
  milestoneIndex: number;
  /** Global plan order, 0-based across milestones. */
  position: number;
  /** e.g. `milestones[1].actions[0]` */
  path: string;
  spec: TemplateActionSpec;
}

export function flattenTemplateActions(template: TemplateSpec): FlatTemplateAction[] {
  const flat: FlatTemplateAction[] = [];
  template.milestones.forEach((milestone, milestoneIndex) => {
    milestone.actions.forEach((spec, actionIndex) => {
      flat.push({
        milestoneIndex,
        position: flat.length,
        path: `milestones[${milestoneIndex}].actions[${actionIndex}]`,
        spec,
      });
    });
  });
  return flat;
}

export function validateTemplateGraph(template: TemplateSpec): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (template.milestones.length === 0) {
    problems.push({ path: 'milestones', message: 'A template needs at least one milestone.' });
  }
  template.milestones.forEach((milestone, i) => {
    if (!Number.isInteger(milestone.plannedDays) || milestone.plannedDays < 1) {
      problems.push({
        path: `milestones[${i}].plannedDays`,
        message: `Planned days must be a whole number of at least 1, got ${milestone.plannedDays}.`,
      });
    }
  });

  const actions = flattenTemplateActions(template);
  const firstByKey = new Map<string, FlatTemplateAction>();
  for (const action of actions) {
    const earlier = firstByKey.get(action.spec.key);
    if (earlier) {
      problems.push({
        path: `${action.path}.key`,
        message: `The key "${action.spec.key}" is already used by ${earlier.path}.`,
      });
    } else {
      firstByKey.set(action.spec.key, action);
    }
  }

  const ordered = actions.map((a) => ({ key: a.spec.key, milestoneIndex: a.milestoneIndex, trigger: a.spec.trigger }));
  for (const action of actions) {
    problems.push(...triggerProblems(action, resolveAfterKey(ordered, action.position), firstByKey));
    problems.push(...formFieldProblems(action));
  }
  return problems;
}

function triggerProblems(
  action: FlatTemplateAction,
  waitedOnKey: string | null,
  firstByKey: ReadonlyMap<string, FlatTemplateAction>,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const { kind, delayDays, after } = action.spec.trigger;
  const path = `${action.path}.trigger`;
  const key = action.spec.key;
  const never = `"${key}" would never fire`;

  if (!Number.isInteger(delayDays)) {
    problems.push({
      path: `${path}.delayDays`,
      message: `The delay must be a whole number of business days, got ${delayDays}.`,
    });
  } else if (delayDays < 0 && kind !== 'kickoff_offset') {
    problems.push({
      path: `${path}.delayDays`,
      message: `Only a kickoff_offset trigger may have a negative delay; a ${kind} trigger cannot fire before its event.`,
    });
  } else if (Math.abs(delayDays) > MAX_DELAY_DAYS) {
    problems.push({
      path: `${path}.delayDays`,
      message: `${never} within an onboarding: a delay of ${delayDays} business days is more than ${MAX_DELAY_DAYS} (about a year).`,
    });
  }

  const waitsOnAction = kind === 'previous_action' || kind === 'submission';
  if (after !== undefined && !waitsOnAction) {
    problems.push({
      path: `${path}.after`,
      message: `A ${kind} trigger does not wait on another action; remove "after".`,
    });
    return problems;
  }
  if (!waitsOnAction) return problems;

  if (after !== undefined) {
    const target = firstByKey.get(after);
    if (after === key) {
      problems.push({ path: `${path}.after`, message: `${never}: it waits on itself.` });
      return problems;
    }
    if (!target) {
      problems.push({
        path: `${path}.after`,
        message: `${never}: it waits on "${after}", and no action has that key.`,
      });
      return problems;
    }
    if (target.position > action.position) {
      problems.push({
        path: `${path}.after`,
        message: `"${key}" waits on "${after}" (${target.path}), which comes later in the plan; an action can only wait on one before it, so the two could wait on each other for ever.`,
      });
      return problems;
    }
  }

  if (kind === 'submission') {
    const target = waitedOnKey === null ? undefined : firstByKey.get(waitedOnKey);
    if (!target) {
      problems.push({
        path,
        message: `${never}: a submission trigger needs a portal action to wait on; set "after" or place it after one in the same milestone.`,
      });
    } else if (!PORTAL_TYPES.includes(target.spec.type)) {
      problems.push({
        path: after === undefined ? path : `${path}.after`,
        message: `${never}: it waits for a submission of "${target.spec.key}" (${target.spec.type}), and customers only submit portal forms and documents.`,
      });
    }
  }
  return problems;
}

function formFieldProblems(action: FlatTemplateAction): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (action.spec.type === 'portal_form' && (action.spec.formFields ?? []).length === 0) {
    // The portal refuses to take an answer to a form without questions, so it would stay unanswered for ever.
    problems.push({
      path: `${action.path}.formFields`,
      message: `"${action.spec.key}" could never be answered: a portal form needs at least one field, and what waits on its submission would never fire.`,
    });
  }
  const seen = new Set<string>();
  (action.spec.formFields ?? []).forEach((field, k) => {
    const path = `${action.path}.formFields[${k}]`;
    if (seen.has(field.key)) {
      problems.push({ path: `${path}.key`, message: `The field key "${field.key}" is used twice in this form.` });
    }
    seen.add(field.key);
    if (field.kind === 'select' && (field.options ?? []).filter((o) => o.trim() !== '').length === 0) {
      problems.push({ path: `${path}.options`, message: 'A select field needs at least one option.' });
    }
  });
  return problems;
}
