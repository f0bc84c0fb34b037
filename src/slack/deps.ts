import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import type { SlackNotifier } from './notifier';

/**
 * Execution and redrafting belong to the drafting-and-execution area; the composition root hands them in so the
 * Slack layer does not depend on whether they are built yet. Missing: the buttons say so instead of failing silently.
 */
export interface ReviewWorkflows {
  executeAction?: (actionId: string, actorUserId: string, overrideLint: boolean) => Promise<unknown>;
  redraftAction?: (actionId: string, note: string) => Promise<unknown>;
}

export interface SlackDeps {
  ctx: ServiceContext;
  logger: Logger;
  notifier: SlackNotifier;
  workflows: ReviewWorkflows;
  /** Base of portal links (PUBLIC_URL); without it the Copy portal link button says it is not set up. */
  publicUrl?: string;
}
