import type { ListenerRegistry } from '../../listener-registry';
import type { SlackDeps } from '../../deps';
import { forgetSlackInstallation } from './forget-slack-installation';

/**
 * Slack revoked tokens of Thread's. Thread holds only bot tokens, so a revocation that names none (a person's user
 * token) changes nothing; a revoked bot token is deleted at once, and Slack work for the organisation stops.
 */
export function registerTokensRevoked(app: ListenerRegistry, deps: SlackDeps): void {
  app.event('tokens_revoked', async ({ event, context }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await forgetSlackInstallation(deps, context, 'tokens_revoked');
  });
}
