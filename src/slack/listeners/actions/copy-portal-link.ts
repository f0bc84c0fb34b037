import type { ListenerRegistry } from '../../listener-registry';
import { AppError } from '../../../lib/errors';
import { checkPermission } from '../../../services/permissions/check-permission';
import { createPortalLink } from '../../../services/portal/create-portal-link';
import { buildPortalLinkMessage } from '../../blocks/portal-link';
import type { SlackDeps } from '../../deps';
import { ACTIONS } from '../../ids';
import { actorOf, buttonValue, tellUser, type ThreadClick } from '../interaction';

/**
 * Copy portal link: a fresh magic link for the account's primary contact, shown only to the person who asked.
 * A link is a credential for the customer, so only the account's CSM or an admin may mint one.
 */
export function registerCopyPortalLink(app: ListenerRegistry, deps: SlackDeps): void {
  app.action<ThreadClick>(ACTIONS.copyPortalLink, async ({ ack, body, respond }) => {
    await ack();
    try {
      const actor = await actorOf(deps, body);
      const accountId = buttonValue(body);
      await checkPermission(deps.ctx, {
        organizationId: actor.organizationId,
        actor,
        target: { accountId },
        doing: 'create portal links',
      });
      if (!deps.publicUrl)
        throw new AppError('not_configured', 'portal links need PUBLIC_URL, and it is not passed to the Slack app.');
      const link = await createPortalLink(deps.ctx, {
        organizationId: actor.organizationId,
        accountId,
        actor,
        publicUrl: deps.publicUrl,
      });
      const message = buildPortalLinkMessage(link);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (error) {
      await tellUser(deps, respond, error);
    }
  });
}
