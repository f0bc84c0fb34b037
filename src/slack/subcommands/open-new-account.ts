import type { ModalView } from '@slack/types';
import { localDateOf } from '../../domain/business-days';
import { formatCalendarDate } from '../../domain/calendar-date';
import { assertCanCreateAccounts } from '../../services/permissions/assert-can-create-accounts';
import { listTemplates } from '../../services/templates/list-templates';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildNewAccountModal } from '../blocks/new-account-modal';
import { mrkdwnSection } from '../blocks/text';
import type { SlackMessage } from '../blocks/slack-message';
import type { SlackDeps } from '../deps';

/**
 * `/thread new`: opens the account modal with the organisation's templates. Returns a message instead when there is
 * nothing to open it with (no template yet), so the CSM learns what to do rather than seeing an empty select.
 */
export async function openNewAccount(
  deps: SlackDeps,
  actor: SlackActor,
  open: (view: ModalView) => Promise<unknown>,
): Promise<SlackMessage | null> {
  assertCanCreateAccounts(actor);
  const templates = await listTemplates(deps.ctx, { organizationId: actor.organizationId });
  if (templates.length === 0) {
    const text =
      'There is no onboarding template yet. An admin imports one with `npm run thread -- templates import <file>`.';
    return { text, blocks: [mrkdwnSection(text)] };
  }
  await open(
    buildNewAccountModal({
      templates,
      csmSlackUserId: actor.slackUserId,
      today: formatCalendarDate(localDateOf(deps.ctx.now(), actor.timeZone)),
    }),
  );
  return null;
}
