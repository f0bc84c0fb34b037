/**
 * The Template suggestions screen as the person may see it now (the services' list; Accept only for admins). Opening
 * it and every rebuild after an Accept come through here, so it always shows what the slip ledger suggests now.
 */
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { listSlipSuggestions } from '../../services/templates/list-slip-suggestions';
import { buildSlipSuggestionsModal } from '../blocks/slip-suggestions-modal';
import type { SlackDeps } from '../deps';

/** The template the modal was limited to, as its private_metadata carries it; anything unreadable means all. */
const metadataSchema = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.object({ templateId: z.string().min(1).nullable() }))
  .catch({ templateId: null });

export function readSuggestionsTemplate(privateMetadata: string | undefined): string | null {
  return metadataSchema.parse(privateMetadata ?? '').templateId;
}

/** The suggestions modal as the person may see it now: read again from the services each time it is shown. */
export async function slipSuggestionsScreen(
  deps: SlackDeps,
  actor: SlackActor,
  o: { templateId: string | null; notice?: string },
): Promise<ModalView> {
  const list = await listSlipSuggestions(deps.ctx, {
    organizationId: actor.organizationId,
    actor,
    ...(o.templateId ? { templateId: o.templateId } : {}),
  });
  return buildSlipSuggestionsModal(list, { notice: o.notice });
}
