/**
 * The structured facts behind the scheduler's messages (the daily digest, the submission review clock). Services
 * hand these to the Notifier port and the Slack side renders them as Block Kit, so no service builds a message.
 */

/** Each list holds one line per item, already phrased ("Acme: Kickoff (waiting for SSO metadata)"); outside text is escaped by the renderer. */
export interface DigestContent {
  dueToday: string[];
  overdue: string[];
  blocked: string[];
  atRisk: string[];
  waitingReviews: string[];
}

export interface DailyDigest {
  /** The CSM's full name; the greeting uses the first word. */
  recipientName: string;
  /** The CSM's local calendar date, YYYY-MM-DD. */
  date: string;
  content: DigestContent;
}

export function isDigestEmpty(content: DigestContent): boolean {
  return Object.values(content).every((items: string[]) => items.length === 0);
}

/** A customer submission waiting for the CSM's review, at the 75% reminder or the 100% escalation of the SLA. */
export interface SubmissionReviewNotice {
  submissionId: string;
  accountId: string;
  accountName: string;
  actionName: string;
  /** The contact who submitted, or null when unknown. */
  contactName: string | null;
  submittedAt: Date;
  hoursAgo: number;
  slaHours: number;
  /** Whole hours left of the SLA (reminder); 0 once it has run out (escalation). */
  hoursLeft: number;
}
