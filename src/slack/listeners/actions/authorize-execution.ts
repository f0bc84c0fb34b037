import { AppError } from '../../../lib/errors';
import { checkPermission } from '../../../services/permissions/check-permission';
import type { SlackActor } from '../../../services/users/resolve-slack-actor';
import type { SlackDeps } from '../../deps';
import { actorOf, buttonValue, type ThreadClick } from '../interaction';

export interface AuthorizedExecution {
  actor: SlackActor;
  actionId: string;
  /** The execution service, bound: claims atomically and sends exactly once. */
  execute: (overrideLint: boolean) => Promise<unknown>;
}

/**
 * What every sending button (Execute, Execute anyway, Retry) checks first: who clicked, which action, whether they
 * may send it, and that sending is wired in this process.
 */
export async function authorizeExecution(deps: SlackDeps, body: ThreadClick): Promise<AuthorizedExecution> {
  const actor = await actorOf(deps, body);
  const actionId = buttonValue(body);
  await checkPermission(deps.ctx, {
    organizationId: actor.organizationId,
    actor,
    target: { actionId },
    doing: 'execute actions',
  });
  const execute = deps.workflows.executeAction;
  if (!execute) throw new AppError('not_configured', 'sending from Slack is not connected in this build yet.');
  return {
    actor,
    actionId,
    execute: (overrideLint) =>
      execute({ organizationId: actor.organizationId, actor: { userId: actor.userId }, actionId, overrideLint }),
  };
}
