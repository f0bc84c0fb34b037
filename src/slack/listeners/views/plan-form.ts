/**
 * What every plan modal's submission shares: its metadata and its state read through zod (an input the modal never
 * had reads as empty, so the service or the listener names it), the change run as the person who submitted it, a
 * refusal shown under the field it concerns, and on success the plan shown again where it was, with what changed.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { SlackActor } from '../../../services/users/resolve-slack-actor';
import type { SlackDeps } from '../../deps';
import { showPlan } from '../../subcommands/show-plan';
import { actorOf } from '../interaction';
import { readModalMetadata } from './modal-metadata';
import { replyAfterModal } from './reply-after-modal';
import { viewFailure } from './view-failure';

export const planModalMetadata = z.object({
  accountId: z.string().min(1),
  id: z.string().min(1).optional(),
  responseUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type PlanModalMeta = z.output<typeof planModalMetadata>;

/** One input's entry in Slack's view state, narrowed to what the plan modals' elements send. */
const entrySchema = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_date: z.string().nullish(),
    selected_time: z.string().nullish(),
  })
  .partial();

/** A field of a submitted plan modal: typed text (trimmed), a chosen option, a date or a time; '' when empty. */
export function planField(view: Pick<ViewOutput, 'state'>, blockId: string) {
  const parsed = entrySchema.safeParse(view.state.values[blockId]?.[blockId] ?? {});
  const entry = parsed.success ? parsed.data : {};
  return {
    text: entry.value?.trim() ?? '',
    option: entry.selected_option?.value ?? '',
    date: entry.selected_date ?? '',
    time: entry.selected_time ?? '',
  };
}

/** A place chosen in a plan modal (blocks/plan-modals.ts placeValue), or null when none is. */
export function readPlace(value: string): { milestoneId: string; afterActionId: string | null } | null {
  const [milestoneId, afterActionId] = value.split('|');
  if (!milestoneId) return null;
  return { milestoneId, afterActionId: afterActionId ? afterActionId : null };
}

/** The inline errors of fields left empty: [block, what was entered, what to say]. */
export function requireFields(fields: [string, unknown, string][]): Record<string, string> {
  return Object.fromEntries(fields.filter(([, value]) => !value).map(([block, , message]) => [block, message]));
}

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface PlanSubmission {
  /** The refusal modal's title when a refusal cannot be shown under a field. */
  title: string;
  /** The service's option names → this modal's blocks. */
  blockOfField: Record<string, string>;
  /** Problems found in the form itself, by block, before any service is called. */
  check?: () => Record<string, string>;
  /** Runs the change; returns the line the plan shows above itself afterwards. */
  run: (actor: SlackActor, meta: PlanModalMeta) => Promise<string>;
}

export async function submitPlanChange(deps: SlackDeps, args: SubmitArgs, s: PlanSubmission): Promise<void> {
  const { ack, body, view, client } = args;
  const errors = s.check?.() ?? {};
  if (Object.keys(errors).length > 0) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  let meta: PlanModalMeta;
  let actor: SlackActor;
  let notice: string;
  try {
    meta = readModalMetadata(view, planModalMetadata);
    actor = await actorOf(deps, body);
    notice = await s.run(actor, meta);
  } catch (error) {
    await ack(viewFailure(view, error, deps.logger, { title: s.title, blockOfField: s.blockOfField }));
    return;
  }
  await ack();
  try {
    const plan = await showPlan(deps, actor, meta.accountId, { notice });
    await replyAfterModal(
      deps,
      client,
      { slackUserId: body.user.id, responseUrl: meta.responseUrl, replaceOriginal: true },
      plan,
    );
    await deps.notifier.accountChanged(meta.accountId);
  } catch (error) {
    deps.logger.error({ err: error }, 'the plan changed, but could not be shown again');
  }
}
