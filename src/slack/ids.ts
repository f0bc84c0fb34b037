/** Every Slack action and callback id in one place, so a listener and the builder that renders its button agree. */

export const COMMAND = '/thread';

export const ACTIONS = {
  approve: 'review_approve',
  edit: 'review_edit',
  requestChanges: 'review_request_changes',
  execute: 'review_execute',
  skip: 'review_skip',
  sendTest: 'review_send_test',
  executeAnyway: 'review_execute_anyway',
  customerResponded: 'review_customer_responded',
  taskDone: 'review_task_done',
  /** The checkbox beside a ready draft in `/thread review`, and the button that executes the checked ones. */
  batchSelect: 'review_batch_select',
  executeSelected: 'review_execute_selected',
  batchRetry: 'review_batch_retry',
  /** On every card about a customer's portal submission: the answer itself, its reminder and its escalation. */
  submissionAcknowledge: 'portal_submission_acknowledge',
  submissionFollowUp: 'portal_submission_follow_up',
  openTimeline: 'account_timeline',
  openReview: 'account_review',
  openHandoff: 'account_handoff',
  copyPortalLink: 'account_portal_link',
  emailPortalLink: 'account_portal_email',
  revokePortalLinks: 'account_portal_revoke',
  pickAccount: 'account_pick',
  milestoneStart: 'milestone_start',
  milestoneComplete: 'milestone_complete',
  milestoneBlock: 'milestone_block',
  milestoneUnblock: 'milestone_unblock',
  /** Opens the modal where a CSM whose email Slack hides gives the address customers reply to. */
  openReplyToEmail: 'person_reply_to_email',
} as const;

export const VIEWS = {
  editDraft: 'view_edit_draft',
  requestChanges: 'view_request_changes',
  submissionFollowUp: 'view_submission_follow_up',
  milestoneChange: 'view_milestone_change',
  newAccount: 'view_new_account',
  emailPortalLink: 'view_email_portal_link',
  revokePortalLinks: 'view_revoke_portal_links',
  replyToEmail: 'view_reply_to_email',
} as const;

/** Input block and element ids inside modals. */
export const FIELDS = {
  subject: 'subject',
  body: 'body',
  note: 'note',
  reason: 'reason',
  /** The contact picker of the portal link modals (Email portal link, Revoke portal links). */
  contact: 'contact',
  /** The address customers reply to, for a CSM whose email Slack hides. */
  replyToEmail: 'reply_to_email',
} as const;

/** Block (and element) ids of the `/thread new` modal; submission errors are attached to them. */
export const NEW_ACCOUNT_FIELDS = {
  name: 'account_name',
  domain: 'account_domain',
  template: 'account_template',
  csm: 'account_csm',
  ae: 'account_ae',
  arr: 'account_arr',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  kickoff: 'kickoff_date',
} as const;
