import type { Logger } from '../lib/logger';
import type { AnalyticsLinkDeps } from '../services/analytics/analytics-links';
import type { ServiceContext } from '../services/context';
import type { BatchProgress } from '../services/execution/execute-batch';
import type { Mailer } from '../services/execution/ports';
import type { HubSpotDeps } from '../services/hubspot/hubspot-deps';
import type { ImageProbe } from '../services/organizations/image-probe-port';
import type { SlackNotifier } from './slack-notifier';
import type { SlackWorkspace } from './workspace';

/** Who asks to send, in which organisation; the execution service checks their rights itself. */
export interface ExecutionRequest {
  organizationId: string;
  actor: { userId: string };
}

/**
 * Execution and redrafting belong to the drafting-and-execution area; the composition root hands them in so the
 * Slack layer does not depend on whether they are built yet. Missing: the buttons say so instead of failing silently.
 */
export interface ReviewWorkflows {
  executeAction?: (request: ExecutionRequest & { actionId: string; overrideLint: boolean }) => Promise<unknown>;
  redraftAction?: (actionId: string, note: string) => Promise<unknown>;
  /** Batch review: executes the actions one by one (paced), reporting progress after each. */
  executeBatch?: (
    request: ExecutionRequest & { actionIds: string[] },
    onProgress: (progress: BatchProgress) => Promise<void>,
  ) => Promise<BatchProgress>;
  /** The Mailer port for Follow up notes on portal submissions; undefined: email is off, notes are only recorded. */
  mailer?: () => Mailer | undefined;
  /**
   * The contradiction check on a submitted handoff (services/handoff/check-handoff.ts), wired by the composition
   * root; without it the handoff card has no findings.
   */
  checkHandoff?: (o: { organizationId: string; accountId: string }) => Promise<unknown>;
}

export interface SlackDeps {
  ctx: ServiceContext;
  logger: Logger;
  notifier: SlackNotifier;
  /** The organisation and person behind each request (the workspace it came from), and profiles from Slack. */
  workspace: SlackWorkspace;
  workflows: ReviewWorkflows;
  /** Base of portal links (PUBLIC_URL); without it the Copy portal link button says it is not set up. */
  publicUrl?: string;
  /** Checks that a new logo URL answers with an image (the server always has it; see updateSettings). */
  imageProbe?: ImageProbe;
  /** HubSpot's connector, for Settings → Connectors; absent where HubSpot cannot be set up (no encryption key). */
  hubspot?: HubSpotDeps;
  /** Signs analytics chart and CSV links (derived from the encryption key); absent: analytics show numbers only. */
  analytics?: AnalyticsLinkDeps;
}
