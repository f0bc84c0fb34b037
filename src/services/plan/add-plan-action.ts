import { z } from 'zod';
import { localDateAt, BUSINESS_DAY_START_HOUR } from '../../domain/business-days';
import {
  actionKeyFor,
  adHocActionProblems,
  defaultAfterKey,
  delayProblems,
  placeAction,
  placementProblem,
  planOrderProblem,
  waitProblems,
  type AdHocProblem,
} from '../../domain/plan-edits';
import { TRIGGER_KINDS, type ActionType, type FormField, type TriggerKind } from '../../domain/template';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext, Tx } from '../context';
import { fieldError, fieldErrors } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { readFormFields, toJsonInput } from '../json/stored-json';
import { refreshNextActionAt } from './refresh-next-action-at';
import { dueFrom, loadPlan, renumberActions, triggerEventAt, type LoadedPlan } from './load-plan';
import { planChangeShape, runPlanChange, type PlanAccount } from './run-plan-change';

export const placementSchema = z.object({
  milestoneId: z.string().min(1),
  /** Null: at the start of the milestone. */
  afterActionId: z.string().min(1).nullable(),
});

const adHocSchema = z.object({
  kind: z.literal('ad_hoc'),
  name: z.string().max(1000),
  type: z.string(),
  triggerKind: z.enum(TRIGGER_KINDS),
  delayDays: z.number(),
  /** The action it waits on (previous_action, submission); null: the one before it in its milestone. */
  afterActionId: z.string().min(1).nullable().default(null),
  subject: z.string().max(500, 'keep the subject under 500 characters').default(''),
  body: z.string().max(10_000, 'keep the content under 10,000 characters').default(''),
  instructions: z.string().max(4000, 'keep the instructions under 4,000 characters').default(''),
});

const optionsSchema = z.object({
  ...planChangeShape,
  accountId: z.string().min(1),
  placement: placementSchema,
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('template'), templateActionKey: z.string().min(1) }),
    adHocSchema,
  ]),
});

export type AddPlanActionOptions = z.input<typeof optionsSchema>;

export interface AddedPlanAction {
  actionId: string;
  accountId: string;
  name: string;
  dueAt: Date | null;
}

/** What the new row holds besides where it goes and what it waits on. */
interface NewAction {
  key: string;
  name: string;
  type: ActionType;
  triggerKind: TriggerKind;
  delayDays: number;
  /** The key it waits on as given (template or chosen); null lets the place decide. */
  after: string | null;
  subject: string;
  body: string;
  instructions: string;
  purpose: string;
  formFields: FormField[] | null;
  origin: string;
}

async function fromTemplate(tx: Tx, account: PlanAccount, plan: LoadedPlan, key: string): Promise<NewAction> {
  const row = account.templateId
    ? await tx.templateAction.findFirst({ where: { key, milestone: { templateId: account.templateId } } })
    : null;
  if (!row) throw fieldError('templateActionKey', 'That action is not in the account’s template (any more).');
  if (plan.actions.some((a) => a.key === key))
    throw fieldError('templateActionKey', `"${row.name}" is already in the plan.`);
  const after =
    row.afterActionKey && plan.actions.some((a) => a.key === row.afterActionKey) ? row.afterActionKey : null;
  return {
    key,
    name: row.name,
    type: row.type,
    triggerKind: row.triggerKind,
    delayDays: row.delayDays,
    after,
    subject: row.subject,
    body: row.body,
    instructions: row.instructions,
    purpose: row.purpose,
    formFields: readFormFields(row.formFields, { column: 'TemplateAction.formFields', row: row.id }) ?? null,
    origin: 'from the template',
  };
}

function adHoc(source: z.output<typeof adHocSchema>, plan: LoadedPlan): NewAction {
  let after: string | null = null;
  if (source.afterActionId !== null) {
    const waited = plan.actions.find((a) => a.id === source.afterActionId);
    if (!waited) throw fieldError('afterActionId', 'That action is not in the plan (any more).');
    after = waited.key;
  }
  const name = source.name.trim();
  return {
    key: actionKeyFor(name, new Set(plan.actions.map((a) => a.key))),
    name,
    type: source.type as ActionType,
    triggerKind: source.triggerKind,
    delayDays: source.delayDays,
    after,
    subject: source.subject.trim(),
    body: source.body.trim(),
    instructions: source.instructions.trim(),
    purpose: '',
    formFields: null,
    origin: 'by hand',
  };
}

/** The field of the modal a problem belongs to, in this service's option names. */
function asField(p: AdHocProblem): { field: string; message: string } {
  return { field: p.field === 'afterActionKey' ? 'afterActionId' : p.field, message: p.message };
}

/**
 * Adds an action to one account's plan (its CSM or an admin): one of the account's template actions not in the plan
 * yet, or one made up by hand (type, name, trigger, delay, content). It goes where the CSM puts it; a trigger that
 * waits on an action and names none waits on the action before it in its milestone (as in templates). When what
 * it counts from has already happened it is due at once from that moment, as if it had been in the plan all along.
 * The template and other accounts are not touched. Audited.
 */
export async function addPlanAction(ctx: ServiceContext, input: AddPlanActionOptions): Promise<AddedPlanAction> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runPlanChange(ctx, { ...o, target: { accountId: o.accountId } }, async (tx, { account, person }) => {
    const plan = await loadPlan(tx, account.id);
    const milestoneIds = plan.milestones.map((m) => m.id);
    const where = placementProblem(plan.actions, o.placement, milestoneIds);
    if (where) throw fieldError('placement', where);
    const milestone = plan.milestones.find((m) => m.id === o.placement.milestoneId)!;
    if (milestone.status === 'completed')
      throw fieldError('placement', `${milestone.name} is completed; add the action to a milestone still to come.`);

    const spec =
      o.source.kind === 'template'
        ? await fromTemplate(tx, account, plan, o.source.templateActionKey)
        : adHoc(o.source, plan);
    const provisional = {
      id: '(new)',
      key: spec.key,
      name: spec.name,
      milestoneId: milestone.id,
      triggerKind: spec.triggerKind,
      afterActionKey: spec.after,
      position: -1,
    };
    const placed = placeAction(plan.actions, provisional, o.placement, milestoneIds);
    const index = placed.findIndex((a) => a.id === provisional.id);
    const waitsOnAction = spec.triggerKind === 'previous_action' || spec.triggerKind === 'submission';
    const afterActionKey = waitsOnAction ? (spec.after ?? defaultAfterKey(placed, index)) : null;
    const waited = afterActionKey ? plan.actions.find((a) => a.key === afterActionKey) : undefined;

    const problems =
      o.source.kind === 'ad_hoc'
        ? adHocActionProblems({ ...spec, type: o.source.type, waitsOn: waited ?? null })
        : [...delayProblems(spec.triggerKind, spec.delayDays), ...waitProblems(spec.triggerKind, waited ?? null)];
    if (problems.length > 0) throw fieldErrors(problems.map(asField));
    const order = placed.map((a) => (a.id === provisional.id ? { ...a, afterActionKey } : a));
    const outOfOrder = planOrderProblem(order);
    if (outOfOrder) throw fieldError('placement', outOfOrder);

    const eventAt = await triggerEventAt(tx, {
      triggerKind: spec.triggerKind,
      afterActionKey,
      milestone,
      kickoffAt: localDateAt(account.kickoffDate, BUSINESS_DAY_START_HOUR, account.calendar.timeZone),
      actions: plan.actions,
    });
    // A plan still waiting for its handoff has nothing due: the action's due time comes when it starts.
    const notStarted = plan.milestones[0]?.status === 'pending';
    const dueAt = notStarted
      ? null
      : dueFrom({ ...spec, afterActionKey }, eventAt, account.calendar, account.kickoffDate);
    const created = await tx.action.create({
      data: {
        accountId: account.id,
        milestoneId: milestone.id,
        position: index,
        key: spec.key,
        name: spec.name,
        type: spec.type,
        triggerKind: spec.triggerKind,
        delayDays: spec.delayDays,
        afterActionKey,
        dueAt,
        instructions: spec.instructions,
        purpose: spec.purpose,
        defaultSubject: spec.subject,
        defaultBody: spec.body,
        formFields: spec.formFields ? toJsonInput(spec.formFields) : undefined,
      },
      select: { id: true },
    });
    await renumberActions(
      tx,
      order.map((a) => (a.id === provisional.id ? { id: created.id, position: index } : a)),
    );
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'action',
      entityId: created.id,
      actor: person.auditActor,
      to: 'pending',
      reason: `added to the plan ${spec.origin}`,
      data: {
        key: spec.key,
        milestone: milestone.name,
        after: o.placement.afterActionId ? (order[index - 1]?.name ?? null) : null,
        trigger: { kind: spec.triggerKind, delayDays: spec.delayDays, after: afterActionKey },
        dueAt: dueAt?.toISOString() ?? null,
      },
      at: now,
    });
    if (dueAt) await refreshNextActionAt(tx, [account.id]);
    return { actionId: created.id, accountId: account.id, name: spec.name, dueAt };
  });
}
