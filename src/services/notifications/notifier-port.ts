/**
 * How services tell people about things without knowing about Slack (services never import the Slack layer).
 * src/slack implements this port; with Slack off, `silentNotifier` stands in and the portal, email and the
 * scheduler keep working. Methods are semantic (what happened), the Slack side decides how it looks.
 * Extend it with new methods as features need them; keep each one a fact, not a rendering.
 */
import type { DailyDigest, SubmissionReviewNotice } from './notification-facts';

export interface Notifier {
  /** An action changed (became ready, was edited, approved, executed, failed…): post or refresh its review card. */
  actionChanged(actionId: string): Promise<void>;
  /** Something on an account changed (milestone, status, risk): refresh the App Home of the people concerned. */
  accountChanged(accountId: string): Promise<void>;
  /** A message to one Thread user (reminders, escalations, the daily digest), as plain text plus optional blocks. */
  notifyUser(userId: string, message: NotificationMessage): Promise<void>;
  /** A message to an account's CSM channel (or the default one). */
  notifyAccountChannel(accountId: string, message: NotificationMessage): Promise<void>;
  /** One CSM's daily digest (already known not to be empty). */
  sendDigest(userId: string, digest: DailyDigest): Promise<void>;
  /** 75% of the review SLA used: a reminder in the account's CSM channel (or the default one). */
  submissionReviewReminder(accountId: string, notice: SubmissionReviewNotice): Promise<void>;
  /** The review SLA ran out: an escalation to one person (the CSM or an admin). */
  submissionReviewEscalation(userId: string, notice: SubmissionReviewNotice): Promise<void>;
}

export interface NotificationMessage {
  /** Always set: the notification text and the fallback for clients that cannot show blocks. */
  text: string;
  /** Block Kit blocks built by the caller's Slack-side builder, when it has one. */
  blocks?: unknown[];
}

/** Slack off: nothing to tell, nothing fails. */
export const silentNotifier: Notifier = {
  actionChanged: async () => {},
  accountChanged: async () => {},
  notifyUser: async () => {},
  notifyAccountChannel: async () => {},
  sendDigest: async () => {},
  submissionReviewReminder: async () => {},
  submissionReviewEscalation: async () => {},
};
