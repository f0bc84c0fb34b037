/**
 * How services tell people about things without knowing about Slack (services never import the Slack layer).
 * src/slack implements this port; with Slack off, `silentNotifier` stands in and the portal, email and the
 * scheduler keep working. Methods are semantic (what happened), the Slack side decides how it looks.
 * Extend it with new methods as features need them; keep each one a fact, not a rendering.
 */
import type {
  DailyDigest,
  HandoffOpenedNotice,
  HandoffOverdueNotice,
  HandoffRequestNotice,
  HandoffSubmittedNotice,
  PortalAnswerReceived,
  SubmissionReviewNotice,
} from './notification-facts';

export interface Notifier {
  /** An action changed (became ready, was edited, approved, executed, failed…): post or refresh its review card. */
  actionChanged(actionId: string): Promise<void>;
  /**
   * Several actions changed together (a tick fired a batch): each card posted or refreshed as actionChanged does it,
   * the cards read together and each person's App Home refreshed once for the batch. Never rejects because of one
   * card: resolves with the cards that could not be posted or refreshed (the next tick posts a missing card).
   */
  actionsChanged(actionIds: readonly string[]): Promise<CardFailure[]>;
  /** Something on an account changed (milestone, status, risk): refresh the App Home of the people concerned. */
  accountChanged(accountId: string): Promise<void>;
  /** A plain-text message to one Thread user. */
  notifyUser(userId: string, message: NotificationMessage): Promise<void>;
  /** A plain-text message to an account's CSM channel (or the default one). */
  notifyAccountChannel(accountId: string, message: NotificationMessage): Promise<void>;
  /** One CSM's daily digest (already known not to be empty). */
  sendDigest(userId: string, digest: DailyDigest): Promise<void>;
  /** 75% of the review SLA used: a reminder in the account's CSM channel (or the default one). */
  submissionReviewReminder(accountId: string, notice: SubmissionReviewNotice): Promise<void>;
  /** The review SLA ran out: an escalation to one person (the CSM or an admin). */
  submissionReviewEscalation(userId: string, notice: SubmissionReviewNotice): Promise<void>;
  /**
   * A portal form or document request was sent: when its account has a customer channel, post it there once, with a
   * way to answer in Slack (forms) or to open the portal (documents). Does nothing for anything else.
   */
  portalRequestSent(actionId: string): Promise<void>;
  /** A customer answered in the portal: tell the account's CSM channel, with a way to acknowledge or follow up. */
  portalAnswerReceived(answer: PortalAnswerReceived): Promise<void>;
  /** The AE is asked for an account's handoff, or reminded of it: a DM with Fill in the handoff. */
  handoffRequested(userId: string, notice: HandoffRequestNotice): Promise<void>;
  /** How the AE was asked for the handoff (or why they could not be): told to the account's CSM. */
  handoffOpened(notice: HandoffOpenedNotice): Promise<void>;
  /** The handoff is overdue (twice the reminder time): told to one person, the CSM or an admin. */
  handoffOverdue(userId: string, notice: HandoffOverdueNotice): Promise<void>;
  /** The handoff is in: the handoff card for the account's CSM. */
  handoffSubmitted(notice: HandoffSubmittedNotice): Promise<void>;
}

/** A card that could not be posted or refreshed, with why. */
export interface CardFailure {
  actionId: string;
  error: unknown;
}

/** Text only: how a message looks in Slack is the Slack side's business, so a service cannot hand over blocks. */
export interface NotificationMessage {
  text: string;
}

/** Slack off: nothing to tell, nothing fails. */
export const silentNotifier: Notifier = {
  actionChanged: async () => {},
  actionsChanged: async () => [],
  accountChanged: async () => {},
  notifyUser: async () => {},
  notifyAccountChannel: async () => {},
  sendDigest: async () => {},
  submissionReviewReminder: async () => {},
  submissionReviewEscalation: async () => {},
  portalAnswerReceived: async () => {},
  portalRequestSent: async () => {},
  handoffRequested: async () => {},
  handoffOpened: async () => {},
  handoffOverdue: async () => {},
  handoffSubmitted: async () => {},
};
