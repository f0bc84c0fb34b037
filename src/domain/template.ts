/**
 * A template is a plan of milestones and actions, written by admins as a JSON or YAML file
 * (see template-file.ts) and instantiated into each account's plan (see plan.ts).
 * These types are Thread's own; the database rows mirror them.
 */

export const ACTION_TYPES = ['email', 'slack_message', 'portal_form', 'portal_document', 'internal_task'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Actions the customer sees or receives; the review lint insists they name the company. */
export const CUSTOMER_FACING_TYPES: readonly ActionType[] = [
  'email',
  'slack_message',
  'portal_form',
  'portal_document',
];
export const PORTAL_TYPES: readonly ActionType[] = ['portal_form', 'portal_document'];

export const TRIGGER_KINDS = ['milestone_start', 'previous_action', 'kickoff_offset', 'submission', 'manual'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const FORM_FIELD_KINDS = ['text', 'long_text', 'email', 'url', 'number', 'date', 'select', 'checkbox'] as const;
export type FormFieldKind = (typeof FORM_FIELD_KINDS)[number];

export interface FormField {
  key: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  /** Choices, for `select` only. */
  options?: string[];
  help?: string;
}

export interface TriggerSpec {
  kind: TriggerKind;
  /** Business days after the trigger event, in the organisation's timezone. May be negative only for kickoff_offset. */
  delayDays: number;
  /** For previous_action and submission: the key of the action waited on. Unset means the action just before in plan order. */
  after?: string;
}

export interface TemplateActionSpec {
  key: string;
  name: string;
  type: ActionType;
  trigger: TriggerSpec;
  subject: string;
  body: string;
  /** Guidance for the drafter (AI or CSM). */
  instructions: string;
  /** Why the customer is asked (portal requests). */
  purpose: string;
  formFields?: FormField[];
}

export interface TemplateMilestoneSpec {
  name: string;
  plannedDays: number;
  exitCriteria: string;
  description: string;
  actions: TemplateActionSpec[];
}

export interface TemplateSpec {
  name: string;
  description: string;
  milestones: TemplateMilestoneSpec[];
}
