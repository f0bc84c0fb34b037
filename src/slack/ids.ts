/** Every Slack action and callback id in one place, so a listener and the builder that renders its button agree. */
export const COMMAND = '/thread';

export const ACTIONS = {
  approve: 'review_approve',
  edit: 'review_edit',
  requestChanges: 'review_request_changes',
  execute: 'review_execute',
  skip: 'review_skip',
  sendTest: 'review_send_test',
  openTimeline: 'account_timeline',
  openReview: 'account_review',
  openHandoff: 'account_handoff',
  copyPortalLink: 'account_portal_link',
  pickAccount: 'account_pick',
  milestoneStart: 'milestone_start',
  milestoneComplete: 'milestone_complete',
  milestoneBlock: 'milestone_block',
  milestoneUnblock: 'milestone_unblock',
} as const;

export const VIEWS = {
  editDraft: 'view_edit_draft',
  requestChanges: 'view_request_changes',
  milestoneChange: 'view_milestone_change',
  newAccount: 'view_new_account',
} as const;

/** Input block and element ids inside modals. */
export const FIELDS = {
  subject: 'subject',
  body: 'body',
  note: 'note',
  reason: 'reason',
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
