/**
 * The drafting and execution ports (built by compose-thread.ts for the server and the command line): the AI
 * drafter (and the pool that writes the tick's AI drafts) when ANTHROPIC_API_KEY is set, the SMTP mailer when SMTP_URL and EMAIL_FROM are, the Slack messenger
 * when Slack is on, portal links from the portal service, and the notifier. Unset pieces stay undefined and the
 * services refuse the actions that need them with a sentence that says what to set.
 */
import type { Config } from '../config';
import { createAnthropicDrafter } from '../connectors/anthropic/anthropic-drafter';
import { createSmtpMailer } from '../connectors/email/smtp-mailer';
import { createSlackMessenger } from '../connectors/slack-messages/slack-messenger';
import { createAiDraftPool, type AiDraftPool } from '../jobs/ai-draft-pool';
import type { ServiceContext } from '../services/context';
import { findOrganizationBotToken } from '../services/slack-installations/find-organization-bot-token';
import type { SlackInstallationDeps } from '../services/slack-installations/slack-installation-deps';
import type { ExecutionRequest } from '../slack/deps';
import { redraftAction } from '../services/drafting/redraft-action';
import { executeAction } from '../services/execution/execute-action';
import { executeBatch, type BatchProgress } from '../services/execution/execute-batch';
import type { Notifier } from '../services/notifications/notifier-port';
import { mintPortalLink, mintPortalLinks } from '../services/portal/mint-portal-link';
import type { ExecutionDeps, PortalLinks } from '../services/execution/ports';

export interface ExecutionWiring {
  deps: ExecutionDeps;
  close(): void;
}

export function createExecutionDeps(options: {
  config: Config;
  ctx: ServiceContext;
  notifier: Notifier;
  /** With OAuth installs, where each organisation's bot token is found. */
  installations?: SlackInstallationDeps;
}): ExecutionWiring {
  const { config, ctx } = options;
  const mailer = config.smtp ? createSmtpMailer({ url: config.smtp.url, from: config.smtp.from }) : undefined;
  const deps: ExecutionDeps = {
    drafter: config.anthropic
      ? createAnthropicDrafter({
          apiKey: config.anthropic.apiKey,
          baseUrl: config.anthropic.baseUrl,
          model: config.anthropic.model,
        })
      : undefined,
    mailer,
    slackMessenger: slackMessenger(config, ctx, options.installations),
    portalLinks: portalLinksOf(ctx, config.publicUrl),
    notifier: options.notifier,
  };
  if (!config.smtp)
    ctx.logger.info('Email is off: SMTP_URL and EMAIL_FROM are not set; email and portal actions cannot be executed.');
  if (!config.anthropic)
    ctx.logger.info('AI drafting is off (ANTHROPIC_API_KEY is not set): drafts come from the templates.');
  return { deps, close: () => mailer?.close() };
}

/** Links minted by the portal service, one at a time or a batch's worth in one transaction. */
export function portalLinksOf(ctx: ServiceContext, publicUrl: string): PortalLinks {
  return {
    create: (input) => mintPortalLink(ctx, { ...input, publicUrl }),
    createMany: async (inputs) =>
      (await mintPortalLinks(ctx, { publicUrl, links: inputs })).map((m) => (m.ok ? m.link : m.error)),
  };
}

/** Customer Slack messages go out with the one bot token, or with the organisation's installation's token. */
function slackMessenger(config: Config, ctx: ServiceContext, installations?: SlackInstallationDeps) {
  if (config.slack?.botToken)
    return createSlackMessenger({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl });
  if (config.slack?.oauth && installations)
    return createSlackMessenger({
      apiUrl: config.slack.apiUrl,
      tokenFor: (organizationId) => findOrganizationBotToken(ctx, installations, { organizationId }),
    });
  return undefined;
}

/**
 * The AI draft pool (jobs/ai-draft-pool.ts) when an AI drafter is configured: the tick queues its drafts for it. Built
 * here, started by whoever runs ticks (the server, `thread tick`).
 */
export function createAiDrafts(config: Config, ctx: ServiceContext, deps: ExecutionDeps): AiDraftPool | undefined {
  if (!config.anthropic || !deps.drafter) return undefined;
  return createAiDraftPool({
    ctx,
    deps: { drafter: deps.drafter, notifier: deps.notifier, portalLinks: deps.portalLinks },
    concurrency: config.anthropic.draftConcurrency,
  });
}

/** What the Slack layer calls (slack/deps.ts ReviewWorkflows); `getDeps` because the notifier comes from the Slack app itself. */
export function reviewWorkflows(ctx: ServiceContext, getDeps: () => ExecutionDeps) {
  return {
    executeAction: (request: ExecutionRequest & { actionId: string; overrideLint: boolean }) =>
      executeAction(ctx, getDeps(), request),
    redraftAction: (actionId: string, note: string) => redraftAction(ctx, getDeps(), { actionId, note }),
    executeBatch: (
      request: ExecutionRequest & { actionIds: string[] },
      onProgress: (progress: BatchProgress) => Promise<void>,
    ) => executeBatch(ctx, getDeps(), { ...request, onProgress }),
    mailer: () => getDeps().mailer,
  };
}
