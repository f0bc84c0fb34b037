/**
 * The modals that change one account's plan, opened from the plan's menus and buttons: add an action, move one,
 * change its due date, remove it, change the kickoff date, shift a milestone's planned dates. Each says that only
 * this account's plan changes; each submission's refusals come back under the field they concern.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import { AD_HOC_ACTION_TYPES } from '../../domain/plan-edits';
import { toLocalDateTime } from '../../domain/zoned-time';
import type { AccountPlan, PlanAction, PlanMilestone } from '../../services/plan/get-account-plan';
import type { AddableTemplateAction } from '../../services/plan/list-addable-template-actions';
import { PLAN_FIELDS as F, VIEWS } from '../ids';
import { inputBlock, textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { renderWhy } from './plan';
import { TYPE_LABEL } from './review-card';
import { context, formatDate, LIMITS, mrkdwnSection, plain, safe } from './text';

/** What a plan modal carries to its submission: the account, the action or milestone, where the plan was shown. */
export interface PlanModalMetadata {
  accountId: string;
  id?: string;
  responseUrl?: string;
}

function encode(meta: PlanModalMetadata): string {
  return modalMetadata(meta, { accountId: meta.accountId, id: meta.id });
}

/** A place in the plan as a select value: the milestone, then the action it goes after ('' for the start). */
export function placeValue(milestoneId: string, afterActionId: string | null): string {
  return `${milestoneId}|${afterActionId ?? ''}`;
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

function select(options: PlainTextOption[], initial?: string, placeholder = 'Choose'): StaticSelect {
  const shown = options.slice(0, 100);
  const initialOption = shown.find((o) => o.value === initial);
  return {
    type: 'static_select',
    placeholder: plain(placeholder, LIMITS.placeholder),
    options: shown,
    ...(initialOption ? { initial_option: initialOption } : {}),
  };
}

function dateInput(blockId: string, label: string, initial: string, hint?: string): InputBlock {
  return inputBlock(blockId, label, { type: 'datepicker', initial_date: initial }, { hint });
}

/** Every place an action could go, milestone by milestone; `moving` is left out (it cannot go after itself). */
function placeOptions(plan: AccountPlan, moving?: PlanAction): PlainTextOption[] {
  const open = plan.milestones.filter(
    (m) => m.status !== 'completed' || (moving && m.actions.some((a) => a.id === moving.id)),
  );
  return open.flatMap((m) => [
    option(`${m.name} · at the start`, placeValue(m.id, null)),
    ...m.actions
      .filter((a) => a.id !== moving?.id)
      .map((a) => option(`${m.name} · after ${a.name}`, placeValue(m.id, a.id))),
  ]);
}

/** The end of a milestone: after its last action (other than the one moving), or its start when it has none. */
function endOf(m: PlanMilestone, movingId?: string): string {
  const last = m.actions.filter((a) => a.id !== movingId).at(-1);
  return placeValue(m.id, last?.id ?? null);
}

/** The action a new one waits on; none chosen means the one just before it (a plan with no actions has none). */
function waitsForBlock(actions: PlanAction[]): InputBlock[] {
  if (actions.length === 0) return [];
  return [
    inputBlock(
      F.waitsFor,
      'Waits for',
      select(
        actions.map((a) => option(a.name, a.id)),
        undefined,
        'The action before it',
      ),
      {
        optional: true,
        hint: 'For "after the action" and "customer answers": leave empty for the action just before it.',
      },
    ),
  ];
}

const ONLY_THIS_ACCOUNT = 'Only this account’s plan changes; its template and other accounts stay as they are.';

const TRIGGER_OPTIONS: [string, string][] = [
  ['previous_action', 'After the action it waits for'],
  ['milestone_start', 'When its milestone starts'],
  ['kickoff_offset', 'Counted from the kickoff'],
  ['submission', 'When the customer answers a portal request'],
  ['manual', 'Only when started by hand'],
];

/** Add an action: from the template, or made by hand, placed where the CSM chooses (by default, the milestone's end). */
export function buildAddPlanActionModal(o: {
  plan: AccountPlan;
  addable: AddableTemplateAction[];
  /** The milestone whose menu opened it; otherwise the first one not completed. */
  milestoneId?: string;
  responseUrl?: string;
}): ModalView {
  const { plan } = o;
  const target =
    plan.milestones.find((m) => m.id === o.milestoneId) ?? plan.milestones.find((m) => m.status !== 'completed');
  const allActions = plan.milestones.flatMap((m) => m.actions);
  const blocks: KnownBlock[] = [
    context(`*${safe(plan.accountName, 200)}*. ${ONLY_THIS_ACCOUNT}`),
    inputBlock(F.place, 'Where', select(placeOptions(plan), target ? endOf(target) : undefined, 'Choose a place')),
  ];
  if (o.addable.length > 0) {
    blocks.push(
      inputBlock(
        F.templateAction,
        'From the template',
        select(
          o.addable.map((a) => option(`${a.name} (${a.milestoneName})`, a.key)),
          undefined,
          'An action of the template not in this plan',
        ),
        { optional: true, hint: 'Pick one, or leave this empty and describe the action below.' },
      ),
    );
  }
  blocks.push(
    mrkdwnSection(o.addable.length > 0 ? '*Or made by hand*' : '*The action*'),
    textInputBlock(F.name, 'Name', { optional: true, max: 200 }),
    inputBlock(
      F.type,
      'Type',
      select(
        AD_HOC_ACTION_TYPES.map((t) => option(TYPE_LABEL[t] ?? t, t)),
        'email',
      ),
      { optional: true },
    ),
    inputBlock(
      F.trigger,
      'When it is due',
      select(
        TRIGGER_OPTIONS.map(([v, t]) => option(t, v)),
        'previous_action',
      ),
      { optional: true },
    ),
    textInputBlock(F.delay, 'Then wait (business days)', { initial: '0', max: 4, optional: true }),
    ...waitsForBlock(allActions),
    textInputBlock(F.subject, 'Subject', { optional: true, max: 500 }),
    textInputBlock(F.body, 'Content', { optional: true, multiline: true, max: 3000 }),
  );
  return modalShell({
    callbackId: VIEWS.planAddAction,
    title: 'Add an action',
    submit: 'Add',
    privateMetadata: encode({ accountId: plan.accountId, responseUrl: o.responseUrl }),
    blocks,
  });
}

function findAction(plan: AccountPlan, actionId: string): { action: PlanAction; milestone: PlanMilestone } | null {
  for (const milestone of plan.milestones) {
    const action = milestone.actions.find((a) => a.id === actionId);
    if (action) return { action, milestone };
  }
  return null;
}

function currentPlace(milestone: PlanMilestone, action: PlanAction): string {
  const index = milestone.actions.findIndex((a) => a.id === action.id);
  return placeValue(milestone.id, milestone.actions[index - 1]?.id ?? null);
}

function actionContext(plan: AccountPlan, milestone: PlanMilestone, action: PlanAction): KnownBlock {
  return context(
    `${safe(plan.accountName, 200)} · ${safe(milestone.name, 200)} · *${safe(action.name, 200)}* — ${renderWhy(action.why)}`,
  );
}

export function buildMovePlanActionModal(o: { plan: AccountPlan; actionId: string; responseUrl?: string }): ModalView {
  const found = findAction(o.plan, o.actionId);
  if (!found) throw new Error('the action is not in the plan');
  const { action, milestone } = found;
  return modalShell({
    callbackId: VIEWS.planMoveAction,
    title: 'Move action',
    submit: 'Move',
    privateMetadata: encode({ accountId: o.plan.accountId, id: action.id, responseUrl: o.responseUrl }),
    blocks: [
      actionContext(o.plan, milestone, action),
      inputBlock(F.place, 'Move it to', select(placeOptions(o.plan, action), currentPlace(milestone, action))),
      context(`What it waits on stays the same. ${ONLY_THIS_ACCOUNT}`),
    ],
  });
}

/** "2026-03-05" and "14:30" in the zone, as Slack's date and time pickers take them. */
function localPickers(instant: Date, timeZone: string): { date: string; time: string } {
  const l = toLocalDateTime(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${l.year}-${two(l.month)}-${two(l.day)}`, time: `${two(l.hour)}:${two(l.minute)}` };
}

/** The due day and time in the organisation's zone: the current ones, or the next day at 09:00. */
export function buildDueDateModal(o: {
  plan: AccountPlan;
  actionId: string;
  now: Date;
  responseUrl?: string;
}): ModalView {
  const found = findAction(o.plan, o.actionId);
  if (!found) throw new Error('the action is not in the plan');
  const { action, milestone } = found;
  const tomorrow = localPickers(new Date(o.now.getTime() + 86_400_000), o.plan.timeZone).date;
  const current = action.dueAt ? localPickers(action.dueAt, o.plan.timeZone) : { date: tomorrow, time: '09:00' };
  return modalShell({
    callbackId: VIEWS.planDueDate,
    title: 'Change due date',
    submit: 'Save',
    privateMetadata: encode({ accountId: o.plan.accountId, id: action.id, responseUrl: o.responseUrl }),
    blocks: [
      actionContext(o.plan, milestone, action),
      dateInput(F.date, 'Due on', current.date),
      inputBlock(
        F.time,
        'At',
        { type: 'timepicker', initial_time: current.time },
        { hint: `In the organisation’s time zone (${o.plan.timeZone}).` },
      ),
      context(`The date then stands whatever the action waited on. ${ONLY_THIS_ACCOUNT}`),
    ],
  });
}

export function buildRemovePlanActionModal(o: {
  plan: AccountPlan;
  actionId: string;
  responseUrl?: string;
}): ModalView {
  const found = findAction(o.plan, o.actionId);
  if (!found) throw new Error('the action is not in the plan');
  const { action, milestone } = found;
  const all = o.plan.milestones.flatMap((m) => m.actions);
  const waiting = all.filter((a) => a.status === 'pending' && a.afterActionKey === action.key);
  const waitsOn = action.afterActionKey ? all.find((a) => a.key === action.afterActionKey) : undefined;
  const handOver = waiting.length
    ? `${waiting
        .slice(0, 10)
        .map((a) => `*${safe(a.name, 150)}*`)
        .join(
          ', ',
        )}${waiting.length > 10 ? ` and ${waiting.length - 10} more` : ''} wait${waiting.length === 1 ? 's' : ''} on it; ${waiting.length === 1 ? 'it' : 'they'} will wait on ${waitsOn ? `*${safe(waitsOn.name, 150)}*` : 'the start of their milestone'} instead (released now if that has already happened).`
    : 'Nothing waits on it.';
  return modalShell({
    callbackId: VIEWS.planRemoveAction,
    title: 'Remove action',
    submit: 'Remove',
    privateMetadata: encode({ accountId: o.plan.accountId, id: action.id, responseUrl: o.responseUrl }),
    blocks: [
      actionContext(o.plan, milestone, action),
      mrkdwnSection(`Remove *${safe(action.name, 200)}* from ${safe(o.plan.accountName, 200)}’s plan? ${handOver}`),
      textInputBlock(F.reason, 'Why (for the audit trail)', { optional: true, max: 2000 }),
      context(ONLY_THIS_ACCOUNT),
    ],
  });
}

export function buildKickoffModal(o: { plan: AccountPlan; responseUrl?: string }): ModalView {
  return modalShell({
    callbackId: VIEWS.planKickoff,
    title: 'Change kickoff date',
    submit: 'Save',
    privateMetadata: encode({ accountId: o.plan.accountId, responseUrl: o.responseUrl }),
    blocks: [
      context(`*${safe(o.plan.accountName, 200)}*: kickoff ${formatDate(o.plan.kickoffDate)}.`),
      dateInput(F.kickoff, 'New kickoff date', o.plan.kickoffDate.toISOString().slice(0, 10)),
      context(
        `The first milestone starts on the new day, later milestones not started move by as many business days, and actions counted from the kickoff get new due times. ${ONLY_THIS_ACCOUNT}`,
      ),
    ],
  });
}

export function buildShiftMilestoneModal(o: {
  plan: AccountPlan;
  milestoneId: string;
  responseUrl?: string;
}): ModalView {
  const m = o.plan.milestones.find((x) => x.id === o.milestoneId);
  if (!m) throw new Error('the milestone is not in the plan');
  return modalShell({
    callbackId: VIEWS.planShiftMilestone,
    title: 'Shift planned dates',
    submit: 'Shift',
    privateMetadata: encode({ accountId: o.plan.accountId, id: m.id, responseUrl: o.responseUrl }),
    blocks: [
      context(
        `${safe(o.plan.accountName, 200)} · *${safe(m.name, 200)}*: planned ${formatDate(m.plannedStartDate)} → ${formatDate(m.plannedEndDate)} (${m.plannedDays} business days).`,
      ),
      dateInput(F.plannedStart, 'New planned start', m.plannedStartDate.toISOString().slice(0, 10)),
      context(
        `It keeps its length; later milestones not started move by as many business days, and the planned go-live with them. ${ONLY_THIS_ACCOUNT}`,
      ),
    ],
  });
}
