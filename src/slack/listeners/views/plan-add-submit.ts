import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { TRIGGER_KINDS } from '../../../domain/template';
import { addPlanAction, type AddPlanActionOptions } from '../../../services/plan/add-plan-action';
import type { SlackDeps } from '../../deps';
import { PLAN_FIELDS as F, VIEWS } from '../../ids';
import { planField, readPlace, submitPlanChange } from './plan-form';
import { hasBlock } from './view-input';

const triggerSchema = z.enum(TRIGGER_KINDS);
const delaySchema = z
  .string()
  .regex(/^-?\d{1,4}$/)
  .transform(Number);

/** addPlanAction's option names (also as zod reports them, under source.) → the Add an action modal's blocks. */
const BLOCK_OF_FIELD: Record<string, string> = Object.fromEntries(
  Object.entries({
    placement: F.place,
    templateActionKey: F.templateAction,
    name: F.name,
    type: F.type,
    triggerKind: F.trigger,
    delayDays: F.delay,
    afterActionId: F.waitsFor,
    subject: F.subject,
    body: F.body,
  }).flatMap(([field, block]) => [
    [field, block],
    [`source.${field}`, block],
    [`placement.${field}`, block],
  ]),
);

/** Adds an action to the plan: the template action chosen, or the one described by hand. */
export function registerPlanAddSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.planAddAction, async (args) => {
    const { view } = args;
    const field = (block: string) => planField(view, block);
    const place = readPlace(field(F.place).option);
    const templateActionKey = field(F.templateAction).option;
    const name = field(F.name).text;
    const trigger = triggerSchema.safeParse(field(F.trigger).option || 'previous_action');
    const delay = delaySchema.safeParse(field(F.delay).text || '0');
    await submitPlanChange(deps, args, {
      title: 'Not added',
      blockOfField: BLOCK_OF_FIELD,
      check: () => {
        const errors: Record<string, string> = {};
        if (!place) errors[F.place] = 'Choose where the action goes.';
        if (templateActionKey) return errors;
        if (!name)
          errors[F.name] = hasBlock(view, F.templateAction)
            ? 'Name the action, or pick one from the template.'
            : 'Name the action.';
        if (!trigger.success) errors[F.trigger] = 'Choose when it is due.';
        if (!delay.success) errors[F.delay] = 'The delay is a whole number of business days, such as 2.';
        return errors;
      },
      run: async (actor, meta) => {
        const source: AddPlanActionOptions['source'] = templateActionKey
          ? { kind: 'template', templateActionKey }
          : {
              kind: 'ad_hoc',
              name,
              type: field(F.type).option || 'email',
              triggerKind: trigger.data!,
              delayDays: delay.data!,
              afterActionId: field(F.waitsFor).option || null,
              subject: field(F.subject).text,
              body: field(F.body).text,
            };
        const added = await addPlanAction(deps.ctx, {
          organizationId: actor.organizationId,
          actor,
          accountId: meta.accountId,
          placement: place!,
          source,
        });
        return `Added “${added.name}” to the plan.`;
      },
    });
  });
}
