/**
 * The outside services drafting and execution talk to, as small ports built once in
 * composition/execution-ports.ts (and by tests with fakes or the real connectors pointed at 127.0.0.1). A port
 * left undefined means "not configured": the services then say so instead of failing half-way.
 */
import type { DraftCallOptions, DraftRequest, DraftedMessage } from '../../domain/draft-context';
import type { Notifier } from '../notifications/notifier-port';

export interface Drafter {
  /** Stored as the action's draftedBy, e.g. "ai:claude-sonnet-4-5". */
  readonly label: string;
  /** A failure is an AppError whose details may hold a DraftRetryAdvice (the AI draft pool retries by it). */
  draft(request: DraftRequest, call?: DraftCallOptions): Promise<DraftedMessage>;
}

export interface Mailer {
  /** The Message-ID for a send, derived from its idempotency key, so it can be recorded before sending. */
  messageIdFor(key: string): string;
  send(email: {
    messageId: string;
    fromName?: string | null;
    replyTo?: string | null;
    to: { name: string; email: string };
    subject: string;
    text: string;
  }): Promise<{ messageId: string; accepted: string[] }>;
}

export interface SlackMessenger {
  post(message: {
    /** Whose Slack it goes to: with OAuth installs, each organisation's messages go out with its own token. */
    organizationId: string;
    channel: string;
    text: string;
    clientMsgId: string;
    actionId?: string;
  }): Promise<{ channel: string; ts: string }>;
}

export interface PortalLinkRequest {
  accountId: string;
  contactEmail: string;
  actor: string;
}

/** Mints magic portal links for contacts (built on src/services/portal/mint-portal-link.ts in composition/execution-ports.ts). */
export interface PortalLinks {
  create(input: PortalLinkRequest): Promise<{ url: string }>;
  /**
   * Many at once, in the order asked, a link that could not be minted standing as its error (a batch of sends
   * mints its links in one transaction). Without it, a batch calls `create` once per send.
   */
  createMany?(inputs: PortalLinkRequest[]): Promise<({ url: string } | Error)[]>;
}

/** Minimum spacing between sends in a batch, per channel; Slack allows about one message per second per channel. */
export interface SendPacing {
  slackPerChannelMs: number;
  emailMs: number;
}

export const DEFAULT_PACING: SendPacing = { slackPerChannelMs: 1100, emailMs: 100 };

export interface ExecutionDeps {
  /** The AI drafter; undefined means the offline drafter (the template's own content, placeholders filled). */
  drafter?: Drafter;
  /** undefined: email and portal actions refuse to execute ("email is not configured"). */
  mailer?: Mailer;
  /** undefined: Slack message actions refuse to execute. */
  slackMessenger?: SlackMessenger;
  portalLinks?: PortalLinks;
  notifier: Notifier;
  pacing?: Partial<SendPacing>;
  /** Minutes an action may stay claimed before the recovery sweep resolves it. */
  stuckAfterMinutes?: number;
  /**
   * Test seam: runs after the claim is committed and before anything is sent. A throw here behaves like the
   * process dying at that point (the action stays executing, with its send record 'sending').
   */
  afterClaim?: (actionId: string) => Promise<void> | void;
  /**
   * Test seam: runs after the channel accepted the message and before the action is marked executed, the
   * window where a crash leaves a message delivered but a record still 'sending'. Simulate that crash by ending
   * the process here (tests/integration/execution/execute-and-die.ts): a throw is handled like a failed send.
   */
  afterSend?: (actionId: string) => Promise<void> | void;
}

/** The drafting services need only part of it. */
export type DraftingDeps = Pick<ExecutionDeps, 'drafter' | 'notifier' | 'portalLinks'>;
