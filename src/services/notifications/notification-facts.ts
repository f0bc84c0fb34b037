/**
 * The structured facts behind Thread's notifications (the daily digest, the submission review clock, a customer's
 * portal answer). Services hand these to the Notifier port and the Slack side renders them as Block Kit, so no
 * service builds a message or knows a Slack id.
 */

/** Each list holds one line per item, already phrased ("Acme: Kickoff (waiting for SSO metadata)"); outside text is escaped by the renderer. */
export interface DigestContent {
  /**
   * Ready drafts whose review card is not in a channel: every one for a CSM who takes review cards in the digest,
   * and any card that could not be posted for the others.
   */
  draftsToReview: string[];
  dueToday: string[];
  overdue: string[];
  blocked: string[];
  atRisk: DigestRiskItem[];
  waitingReviews: DigestSubmissionItem[];
}

/** A customer's submission waiting for the CSM's review, with its id so the digest can offer Acknowledge and Follow up. */
export interface DigestSubmissionItem {
  submissionId: string;
  /** Phrased like the other lists: "Acme: Kickoff questionnaire (submitted 12 h ago)". */
  text: string;
}

/** An account at risk, or one Thread suggests is, with its id so the digest can offer Confirm and Dismiss. */
export interface DigestRiskItem {
  accountId: string;
  /** Phrased like the other lists: "Acme (suggested: Kickoff has been blocked for 8 days)". */
  text: string;
  /** A suggestion waiting for the CSM to confirm or dismiss; false once the account is at risk. */
  suggested: boolean;
}

export interface DailyDigest {
  /** The CSM's full name; the greeting uses the first word. */
  recipientName: string;
  /** The CSM's local calendar date, YYYY-MM-DD. */
  date: string;
  content: DigestContent;
}

export function isDigestEmpty(content: DigestContent): boolean {
  return Object.values(content).every((items: readonly unknown[]) => items.length === 0);
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

/** What the customer handed over in the portal: a form's answers, or a document (with a signed, expiring link). */
export type PortalAnswer =
  | {
      kind: 'form';
      /** Every question in the form's order; a blank answer is an empty string. Customer text, not yet escaped. */
      answers: { label: string; value: string }[];
    }
  | {
      kind: 'document';
      fileName: string;
      /** Bytes. */
      fileSize: number;
      /** Signed download link for the CSM, valid 24 hours. */
      downloadUrl: string;
    };

/** A customer answered a portal request: the submission is stored and waits for the CSM's review. */
export interface PortalAnswerReceived {
  submissionId: string;
  accountId: string;
  accountName: string;
  actionId: string;
  actionName: string;
  contactName: string;
  answer: PortalAnswer;
}

/** The AE is asked for (or reminded of) an account's handoff in Slack: a DM with Fill in the handoff. */
export interface HandoffRequestNotice {
  accountId: string;
  accountName: string;
  /** The account's CSM, who waits for the handoff; null when it has none yet. */
  csmName: string | null;
  csmSlackUserId: string | null;
  /** Active questions, and how many of them must be answered. */
  questions: number;
  required: number;
  kind: 'request' | 'reminder';
  requestedAt: Date;
}

/** How the AE was asked for a handoff, for the account's CSM (or its channel): in Slack, by email, or not at all. */
export interface HandoffOpenedNotice {
  accountId: string;
  accountName: string;
  /** Who is told: the CSM by DM; null, the account's CSM channel. */
  csmUserId: string | null;
  aeName: string | null;
  aeSlackUserId: string | null;
  reached: 'slack' | 'email' | 'nobody';
  /** The address the form's link went to. */
  email: string | null;
  /** Why the AE could not be reached, in words, when they were not. */
  problem: string | null;
}

/** The handoff is still not in after twice the reminder time: the CSM and each admin are told once. */
export interface HandoffOverdueNotice {
  accountId: string;
  accountName: string;
  aeName: string | null;
  aeSlackUserId: string | null;
  requestedAt: Date;
  /** The organisation's reminder setting; this notice comes after twice as many business hours. */
  reminderHours: number;
}

/** The AE's handoff is in: the CSM gets the handoff card (the answers, and the plan started or not). */
export interface HandoffSubmittedNotice {
  organizationId: string;
  accountId: string;
  accountName: string;
  csmUserId: string | null;
  submittedByName: string;
  /** True when this submission started the plan; false when it had been started without it. */
  planStarted: boolean;
  /** The day the plan started from, YYYY-MM-DD, when it started now. */
  kickoffDate: string | null;
}
