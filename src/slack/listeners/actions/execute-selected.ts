import type { ListenerRegistry } from '../../listener-registry';
import { z } from 'zod';
import { AppError } from '../../../lib/errors';
import type { BatchProgress } from '../../../services/execution/execute-batch';
import { checkPermission } from '../../../services/permissions/check-permission';
import { getReviewCard } from '../../../services/review/get-review-card';
import { buildBatchProgress, type BatchView } from '../../blocks/batch-progress';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, tellUser, type ThreadClick } from '../interaction';

/** chat.update is rate limited (about 50 a minute): progress is shown at most this often, and always at the end. */
export const PROGRESS_UPDATE_MS = 1500;

const stateSchema = z.object({
  values: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ selected_options: z.array(z.object({ value: z.string().min(1) })).optional() }).passthrough(),
    ),
  ),
});

/** The ticked drafts: the batch checkboxes' values in the message state, in the order the queue shows them. */
export function selectedActionIds(body: ThreadClick): string[] {
  const parsed = stateSchema.safeParse(body.state);
  if (!parsed.success) return [];
  const ids: string[] = [];
  for (const block of Object.values(parsed.data.values)) {
    for (const [actionId, element] of Object.entries(block)) {
      if (actionId === ACTIONS.batchSelect) ids.push(...(element.selected_options ?? []).map((o) => o.value));
    }
  }
  return [...new Set(ids)];
}

/**
 * "Execute selected" in `/thread review`. Acknowledged at once; the batch then runs in this process (each action
 * still claimed and sent exactly once, paced per channel by the execution service), and ONE message in the CSM's
 * DM with Thread follows it: "12 of 40 sent", then every failure with a Retry. A failure never stops the batch.
 * Every selected action is permission-checked before anything is sent, so a refusal leaves nothing half done.
 */
export function registerExecuteSelected(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.executeSelected, async ({ ack, body, respond, client }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const ids = selectedActionIds(body);
      if (ids.length === 0)
        throw new AppError('validation_failed', 'tick the drafts you want to send first, then click Execute selected.');
      const run = deps.workflows.executeBatch;
      if (!run) throw new AppError('not_configured', 'sending from Slack is not connected in this build yet.');
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { actionIds: ids },
        doing: 'execute actions',
      });

      const labels = new Map<string, string>();
      const labelOf = async (actionId: string) => {
        if (!labels.has(actionId)) {
          const card = await getReviewCard(deps.ctx, { actionId }).catch(() => null);
          labels.set(actionId, card ? `${card.accountName} · ${card.actionName}` : actionId);
        }
        return labels.get(actionId)!;
      };
      const view = async (p: BatchProgress, finished: boolean): Promise<BatchView> => ({
        ...p,
        finished,
        failures: await Promise.all(
          p.failures.map(async (f) => ({ actionId: f.actionId, label: await labelOf(f.actionId), error: f.error })),
        ),
      });

      const first = buildBatchProgress(
        await view({ total: ids.length, done: 0, sent: 0, skipped: 0, failures: [] }, false),
      );
      const posted = await client.chat.postMessage({
        channel: actor.slackUserId,
        text: first.text,
        blocks: first.blocks,
      });
      const where = { channel: posted.channel ?? actor.slackUserId, ts: posted.ts ?? '' };
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:outbox_tray: Executing ${ids.length} draft${ids.length === 1 ? '' : 's'}; progress is in your DM with Thread.`,
      });

      let lastUpdate = Date.now();
      const show = async (p: BatchProgress, finished: boolean) => {
        const message = buildBatchProgress(await view(p, finished));
        await client.chat.update({ ...where, text: message.text, blocks: message.blocks });
        lastUpdate = Date.now();
      };
      const final = await run(
        { organizationId: actor.organizationId, actor: { userId: actor.userId }, actionIds: ids },
        async (p) => {
          if (Date.now() - lastUpdate < PROGRESS_UPDATE_MS || p.done === p.total) return;
          // The progress line is a convenience: a Slack hiccup here must not stop the sends.
          await show(p, false).catch((error) => deps.logger.warn({ err: error }, 'could not update batch progress'));
        },
      );
      await show(final, true);
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
