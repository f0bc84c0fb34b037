/**
 * Turns a template into an account's plan: dated milestones and actions, ready to be stored.
 *
 * Milestones follow each other without gaps: each lasts `plannedDays` business dates counted
 * inclusively over the organisation's working days (with Monday to Friday, a 5-day milestone
 * starting Monday ends Friday; the next starts the Monday after). The first starts on the kickoff
 * date (a kickoff on a day off starts it the next working day) and
 * is in progress from the kickoff date at 09:00 local. Only due times that can be known now
 * are set: kickoff offsets and the first milestone's start triggers; the rest are computed when
 * the event they wait on happens (see triggers.ts).
 */
import { BUSINESS_DAY_START_HOUR, localDateAt, type BusinessCalendar } from './business-days';
import { addBusinessDaysToDate, rollToBusinessDate, toCalendarDate, type CalendarDateInput } from './calendar-date';
import { InvalidTemplateError } from './errors';
import type { MilestoneStatus } from './milestone-state';
import type { ActionType, FormField, TemplateSpec, TriggerKind } from './template';
import { flattenTemplateActions, validateTemplateGraph } from './template-graph';
import { computeDueAt, resolveAfterKey } from './triggers';
import { assertTimeZone } from './zoned-time';

export { validateTemplateGraph, flattenTemplateActions } from './template-graph';

export interface PlanOptions {
  /** Calendar date ('YYYY-MM-DD' or UTC midnight). */
  kickoffDate: CalendarDateInput;
  /** The organisation's time zone and working days. */
  calendar: BusinessCalendar;
  /** Accepted for callers' convenience; nothing in the plan depends on it today. */
  now?: Date;
}

export interface PlannedMilestone {
  position: number;
  name: string;
  plannedDays: number;
  exitCriteria: string;
  /** Calendar dates (UTC midnight), both inclusive. */
  plannedStartDate: Date;
  plannedEndDate: Date;
  status: MilestoneStatus;
  startedAt: Date | null;
}

export interface PlannedAction {
  milestoneIndex: number;
  /** Plan order, 0-based across milestones. */
  position: number;
  key: string;
  name: string;
  type: ActionType;
  triggerKind: TriggerKind;
  delayDays: number;
  /** The action waited on (previous_action, submission); null when it waits on its milestone or nothing. */
  afterActionKey: string | null;
  dueAt: Date | null;
  defaultSubject: string;
  defaultBody: string;
  instructions: string;
  purpose: string;
  formFields: FormField[] | null;
}

export interface Plan {
  milestones: PlannedMilestone[];
  actions: PlannedAction[];
  /** Calendar date: the last milestone's planned end. */
  goLiveDate: Date;
}

export function instantiatePlan(template: TemplateSpec, options: PlanOptions): Plan {
  const problems = validateTemplateGraph(template);
  if (problems.length > 0) throw new InvalidTemplateError(problems);
  const { calendar } = options;
  assertTimeZone(calendar.timeZone);

  const kickoffDate = toCalendarDate(options.kickoffDate);
  const kickoffAt = localDateAt(kickoffDate, BUSINESS_DAY_START_HOUR, calendar.timeZone);

  let nextStart = rollToBusinessDate(kickoffDate, calendar.workingDays);
  const milestones = template.milestones.map((spec, position): PlannedMilestone => {
    const plannedStartDate = nextStart;
    const plannedEndDate = addBusinessDaysToDate(plannedStartDate, spec.plannedDays - 1, calendar.workingDays);
    nextStart = addBusinessDaysToDate(plannedEndDate, 1, calendar.workingDays);
    const first = position === 0;
    return {
      position,
      name: spec.name,
      plannedDays: spec.plannedDays,
      exitCriteria: spec.exitCriteria,
      plannedStartDate,
      plannedEndDate,
      status: first ? 'in_progress' : 'pending',
      startedAt: first ? kickoffAt : null,
    };
  });

  const flat = flattenTemplateActions(template);
  const ordered = flat.map((a) => ({ key: a.spec.key, milestoneIndex: a.milestoneIndex, trigger: a.spec.trigger }));
  const actions = flat.map(({ spec, milestoneIndex, position }): PlannedAction => {
    const afterActionKey = resolveAfterKey(ordered, position);
    const dueAt = computeDueAt(spec.trigger, {
      calendar,
      kickoffDate,
      milestoneStartedAt: milestones[milestoneIndex]?.startedAt ?? null,
      afterActionKey,
    });
    return {
      milestoneIndex,
      position,
      key: spec.key,
      name: spec.name,
      type: spec.type,
      triggerKind: spec.trigger.kind,
      delayDays: spec.trigger.delayDays,
      afterActionKey,
      dueAt,
      defaultSubject: spec.subject,
      defaultBody: spec.body,
      instructions: spec.instructions,
      purpose: spec.purpose,
      formFields: spec.formFields
        ? spec.formFields.map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) }))
        : null,
    };
  });

  const last = milestones[milestones.length - 1];
  // validateTemplateGraph guarantees at least one milestone.
  if (!last)
    throw new InvalidTemplateError([{ path: 'milestones', message: 'A template needs at least one milestone.' }]);
  return { milestones, actions, goLiveDate: last.plannedEndDate };
}
