import type { LintFinding } from '../../domain/review-lint';

/** Everything a review card shows about one action; built by the review services, rendered by src/slack/blocks. */
export interface ReviewCardData {
  actionId: string;
  accountId: string;
  accountName: string;
  milestoneName: string;
  actionName: string;
  type: string;
  status: string;
  recipients: string[];
  subject: string;
  body: string;
  lintFindings: LintFinding[];
  approvedAt: Date | null;
  approvedBySlackUserId: string | null;
  reviewNote: string | null;
  lastError: string | null;
  /** The draft is the template's text and its AI draft is on the way (it will replace it unless a person acts first). */
  aiDraftPending: boolean;
  /** Why the AI draft could not replace the template's text, while that text stands. */
  aiDraftNote: string | null;
  executedAt: Date | null;
  dueAt: Date | null;
  /** The action whose skip gave this one its due time (it fires because that one was skipped), if any. */
  releasedBySkipOf: string | null;
  csmId: string | null;
  csmSlackUserId: string | null;
  /** Where the account's review cards go (its CSM channel), when it has one. */
  accountChannel: string | null;
  /** The organisation's default CSM channel (Settings), where the card goes when the account names none. */
  organizationChannel: string | null;
  cardChannel: string | null;
  cardTs: string | null;
  /**
   * How the CSM wants review cards: posted to the channel as they come, or only in their morning digest (then the
   * card is not posted; `/thread review` and App Home still show it).
   */
  cardDelivery: 'as_they_come' | 'digest';
}
