/** Every Slack action and callback id in one place, so a listener and the builder that renders its button agree. */

export const COMMAND = '/thread';

/**
 * "Start now" on a manual action: the button's value is the action id. Its listener (listeners/actions/start-action-now.ts)
 * answers it on any message or view, so every screen that lists a plan can offer it.
 */
export const START_ACTION_NOW = 'plan_start_action_now';

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
  /**
   * On a portal request posted in the account's customer channel: the form as a modal, or the portal for an upload.
   * Clicked by people of the customer's workspace, so the single-workspace gate lets these two through.
   */
  answerHere: 'customer_answer_here',
  openPortal: 'customer_open_portal',
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
  /** The admin part of App Home: open Settings or People. */
  openSettings: 'admin_open_settings',
  openPeople: 'admin_open_people',
  /** The role select beside each person in the People modal, and its pages of people. */
  personRole: 'people_role',
  peoplePrevious: 'people_page_previous',
  peopleNext: 'people_page_next',
  /** An account's Slack places and people, from its card. */
  openAccountChannels: 'account_channels',
  addContact: 'account_contact_add',
  editContact: 'account_contact_edit',
  removeContact: 'account_contact_remove',
  /** At-risk: settle Thread's suggestion, or clear a confirmed at-risk status. */
  riskConfirm: 'account_risk_confirm',
  riskDismiss: 'account_risk_dismiss',
  backOnTrack: 'account_back_on_track',
  /** The App Home select where a CSM chooses how review cards reach them: as they come, or in the morning digest. */
  reviewCardDelivery: 'home_review_card_delivery',
  /** The end of an onboarding, from the card: reopen a completed or churned account (admins), mark it churned. */
  reopenAccount: 'account_reopen',
  markChurned: 'account_mark_churned',
  /** Opens the modal where a CSM whose email Slack hides gives the address customers reply to. */
  openReplyToEmail: 'person_reply_to_email',
  startActionNow: START_ACTION_NOW,
  /** An account's plan (`/thread plan`), from its card and its timeline. */
  openPlan: 'account_plan',
  /** The "…" menus of the plan: beside each action (due date, move, remove) and each milestone (add, shift). */
  planActionMenu: 'plan_action_menu',
  planMilestoneMenu: 'plan_milestone_menu',
  /** The plan's own buttons: add an action, change the kickoff, and show the milestones that did not fit. */
  planAddAction: 'plan_add_action',
  planChangeKickoff: 'plan_change_kickoff',
  planMore: 'plan_more',
  /** Accept / Dismiss on a contradiction finding of the AE's handoff (the handoff card's findings). */
  findingAccept: 'finding_accept',
  findingDismiss: 'finding_dismiss',
  /** The AE's handoff: open the form (DM, summary, card), start the plan without it, and the admins' questions. */
  handoffFill: 'handoff_fill',
  handoffStartAnyway: 'handoff_start_anyway',
  handoffQuestionsOpen: 'handoff_questions_open',
  handoffQuestionMenu: 'handoff_question_menu',
  handoffQuestionAdd: 'handoff_question_add',
  /** Settings → Connectors (from the Settings modal and the admin part of App Home), and HubSpot's buttons in it. */
  hubspotOpenConnectors: 'hubspot_open_connectors',
  hubspotTest: 'hubspot_test',
  hubspotConnect: 'hubspot_connect',
  hubspotRules: 'hubspot_rules',
  /** Metrics of one account (from its card), whose value is the account id. */
  openAccountMetrics: 'account_metrics',
  /** App Home → Analytics (admins and CS leaders) and back to the daily view. */
  homeOpenAnalytics: 'home_open_analytics',
  homeCloseAnalytics: 'home_close_analytics',
  /** CSV of one analytics table to the person's DM; the value is the signed table request. */
  analyticsExportCsv: 'analytics_export_csv',
  /** The template steps that slip most, and Accept on one suggested template change (admins). */
  openSlipSuggestions: 'analytics_slip_suggestions',
  acceptSlipSuggestion: 'analytics_accept_slip_suggestion',
  /** The period picked in App Home → Analytics (30d, 90d, 12m, ytd); the value is the period. */
  analyticsPeriod: 'analytics_period',
} as const;

export const VIEWS = {
  /** The Answer here modal, submitted by someone of the customer's workspace (let through like its button). */
  answerForm: 'view_customer_answer_form',
  editDraft: 'view_edit_draft',
  requestChanges: 'view_request_changes',
  submissionFollowUp: 'view_submission_follow_up',
  milestoneChange: 'view_milestone_change',
  newAccount: 'view_new_account',
  emailPortalLink: 'view_email_portal_link',
  revokePortalLinks: 'view_revoke_portal_links',
  settings: 'view_settings',
  people: 'view_people',
  accountChannels: 'view_account_channels',
  contact: 'view_contact',
  replyToEmail: 'view_reply_to_email',
  reopenAccount: 'view_reopen_account',
  markChurned: 'view_mark_churned',
  planAddAction: 'view_plan_add_action',
  planMoveAction: 'view_plan_move_action',
  planDueDate: 'view_plan_due_date',
  planRemoveAction: 'view_plan_remove_action',
  planKickoff: 'view_plan_kickoff',
  planShiftMilestone: 'view_plan_shift_milestone',
  handoffForm: 'view_handoff_form',
  handoffStartAnyway: 'view_handoff_start_anyway',
  handoffQuestions: 'view_handoff_questions',
  handoffQuestionEdit: 'view_handoff_question_edit',
  hubspotConnectors: 'hubspot_view_connectors',
  hubspotConnect: 'hubspot_view_connect',
  hubspotRules: 'hubspot_view_rules',
  slipSuggestions: 'view_slip_suggestions',
} as const;

/** Input block and element ids inside modals. */
export const FIELDS = {
  subject: 'subject',
  body: 'body',
  note: 'note',
  reason: 'reason',
  /** Whose move a block is (customer, us, third party), in the Block milestone modal. */
  blockCause: 'block_cause',
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
  /** An AE without Slack (or outside Thread): their email gets the web form's link. */
  aeEmail: 'account_ae_email',
  /** "The AE hands it over first": the account waits for the handoff before its plan starts. */
  aeHandsOver: 'account_ae_hands_over',
  arr: 'account_arr',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  secondContactName: 'contact2_name',
  secondContactEmail: 'contact2_email',
  secondContactRole: 'contact2_role',
  csmChannel: 'csm_channel',
  customerChannel: 'customer_channel',
  kickoff: 'kickoff_date',
} as const;

/** Block (and element) ids of the Settings modal; each service setting's error is shown under its own. */
export const SETTINGS_FIELDS = {
  name: 'settings_name',
  logoUrl: 'settings_logo_url',
  brandColor: 'settings_brand_color',
  brandVoice: 'settings_brand_voice',
  timezone: 'settings_timezone',
  /** Any IANA zone the curated list does not offer; when filled it wins over the list. */
  timezoneOther: 'settings_timezone_other',
  workingDays: 'settings_working_days',
  portalMaxActive: 'settings_portal_max_active',
  reviewSlaHours: 'settings_review_sla_hours',
  reminderSpacingDays: 'settings_reminder_days',
  reminderMaxCount: 'settings_reminder_max',
  handoffReminderHours: 'settings_handoff_reminder_hours',
  defaultCsmChannelId: 'settings_csm_channel',
  workspaceMembersCanView: 'settings_members_can_view',
  executionNeedsApproval: 'settings_execution_needs_approval',
  approverMustDiffer: 'settings_approver_must_differ',
} as const;

/** Block (and element) ids of the People modal's "Add a person" inputs. */
export const PEOPLE_FIELDS = {
  user: 'people_add_user',
  role: 'people_add_role',
} as const;

/** Block (and element) ids of the account's Channels modal. */
export const ACCOUNT_CHANNEL_FIELDS = {
  csmChannel: 'csm_channel',
  customerChannel: 'customer_channel',
} as const;

/** Block (and element) ids of the Add / Edit contact modal. */
export const CONTACT_FIELDS = {
  name: 'contact_name',
  email: 'contact_email',
  title: 'contact_title',
  role: 'contact_role',
  slackUser: 'contact_slack_user',
} as const;

/** Block (and element) ids of the plan's modals; each service field's error is shown under its own. */
export const PLAN_FIELDS = {
  /** Where an action goes: the start of a milestone, or after an action. */
  place: 'plan_place',
  templateAction: 'plan_template_action',
  name: 'plan_action_name',
  type: 'plan_action_type',
  trigger: 'plan_trigger',
  delay: 'plan_delay',
  waitsFor: 'plan_waits_for',
  subject: 'plan_subject',
  body: 'plan_body',
  date: 'plan_date',
  time: 'plan_time',
  kickoff: 'plan_kickoff',
  plannedStart: 'plan_planned_start',
  reason: 'plan_reason',
} as const;

/** Block (and element) ids of the handoff question editor; each service field's error is shown under its own. */
export const HANDOFF_QUESTION_FIELDS = {
  label: 'handoff_question_label',
  key: 'handoff_question_key',
  kind: 'handoff_question_kind',
  options: 'handoff_question_options',
  required: 'handoff_question_required',
  helpText: 'handoff_question_help',
  crmProperty: 'handoff_question_crm_property',
} as const;

/**
 * Block (and element) ids of the HubSpot modals. Per-pipeline inputs end in the pipeline's position in the form
 * (the modal's private_metadata lists the pipeline ids in that order).
 */
export const HUBSPOT_FIELDS = {
  accessToken: 'hubspot_access_token',
  clientSecret: 'hubspot_client_secret',
  stagesPrefix: 'hubspot_stages_',
  csmRule: 'hubspot_csm_rule',
  csmFixed: 'hubspot_csm_fixed',
  csmOwners: 'hubspot_csm_owners',
  csmFallback: 'hubspot_csm_fallback',
  templatePipelinePrefix: 'hubspot_template_pipeline_',
  templateProperty: 'hubspot_template_property',
  templateValues: 'hubspot_template_values',
  templateDefault: 'hubspot_template_default',
  arrProperty: 'hubspot_arr_property',
} as const;
