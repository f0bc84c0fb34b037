import type { KnownBlock, ModalView, PlainTextInput } from '@slack/types';
import { NEW_ACCOUNT_FIELDS as F, VIEWS } from '../ids';
import { contactRoleOptions } from './contact-modal';
import { inputBlock } from './input-block';
import { modalShell } from './modal-shell';
import { context, LIMITS, plain } from './text';

/** Slack allows at most 100 options in a static select. */
const MAX_TEMPLATE_OPTIONS = 100;
/** Slack rejects an option value longer than 150 characters; a template name longer than that cannot be offered. */
const MAX_OPTION_VALUE = 150;

export interface NewAccountModalInput {
  templates: { name: string; milestones: number; actions: number }[];
  /** The person opening it: prefilled as the CSM. */
  csmSlackUserId?: string;
  /** 'YYYY-MM-DD', prefilled as the kickoff. */
  today?: string;
}

const textElement = (max: number, placeholder?: string): PlainTextInput => ({
  type: 'plain_text_input',
  max_length: max,
  ...(placeholder ? { placeholder: plain(placeholder, LIMITS.placeholder) } : {}),
});

/** The one box of the Handoff choice; its value is what the submission reads. */
export const AE_HANDS_OVER = 'ae_hands_over_first';
const handsOverOption = {
  text: plain('The AE hands it over first', LIMITS.optionText),
  description: plain('The plan starts when the handoff is in', LIMITS.optionText),
  value: AE_HANDS_OVER,
};

/** `/thread new`: everything createAccount needs; the plan is instantiated from the chosen template on submit. */
export function buildNewAccountModal(m: NewAccountModalInput): ModalView {
  const offered = m.templates.filter((t) => t.name.length <= MAX_OPTION_VALUE).slice(0, MAX_TEMPLATE_OPTIONS);
  const options = offered.map((t) => ({
    text: plain(t.name, LIMITS.optionText),
    description: plain(`${t.milestones} milestones, ${t.actions} actions`, LIMITS.optionText),
    value: t.name,
  }));
  const only = options.length === 1 ? options[0] : undefined;
  const blocks: KnownBlock[] = [
    inputBlock(F.name, 'Account name', textElement(200, 'Acme Corp')),
    inputBlock(F.domain, 'Domain', textElement(253, 'acme.io'), { optional: true }),
    inputBlock(F.template, 'Onboarding template', {
      type: 'static_select',
      placeholder: plain('Pick a template', LIMITS.placeholder),
      options,
      ...(only ? { initial_option: only } : {}),
    }),
    inputBlock(F.csm, 'CSM', {
      type: 'users_select',
      placeholder: plain('Who runs the onboarding', LIMITS.placeholder),
      ...(m.csmSlackUserId ? { initial_user: m.csmSlackUserId } : {}),
    }),
    inputBlock(
      F.ae,
      'Account executive',
      { type: 'users_select', placeholder: plain('Who closed the deal', LIMITS.placeholder) },
      { optional: true },
    ),
    inputBlock(
      F.aeEmail,
      'Account executive’s email (not in Slack)',
      { type: 'email_text_input', placeholder: plain('alex@vendor.example', LIMITS.placeholder) },
      {
        optional: true,
        hint: 'Instead of the select above, for an AE who does not use Thread in Slack: they get a link to the handoff form by email.',
      },
    ),
    inputBlock(
      F.aeHandsOver,
      'Handoff',
      { type: 'checkboxes', options: [handsOverOption] },
      {
        optional: true,
        hint: 'The account waits for the AE’s handoff (what was sold and promised); its plan starts when the handoff is in, or when you start it anyway.',
      },
    ),
    inputBlock(F.arr, 'ARR', textElement(16, '120000'), {
      optional: true,
      hint: 'Annual recurring revenue, a whole amount without currency sign.',
    }),
    inputBlock(F.contactName, 'Primary contact name', textElement(200, 'Sam Rivera'), { optional: true }),
    inputBlock(
      F.contactEmail,
      'Primary contact email',
      { type: 'email_text_input', placeholder: plain('sam@acme.io', LIMITS.placeholder) },
      { optional: true },
    ),
    inputBlock(F.secondContactName, 'Second contact name', textElement(200, 'Alex Kim'), { optional: true }),
    inputBlock(
      F.secondContactEmail,
      'Second contact email',
      { type: 'email_text_input', placeholder: plain('alex@acme.io', LIMITS.placeholder) },
      { optional: true },
    ),
    inputBlock(
      F.secondContactRole,
      'Second contact’s role',
      { type: 'static_select', placeholder: plain('Champion', LIMITS.placeholder), options: contactRoleOptions() },
      { optional: true, hint: 'Champion when not chosen. Choosing primary makes them the primary contact.' },
    ),
    inputBlock(
      F.csmChannel,
      'CSM channel (review cards)',
      {
        type: 'conversations_select',
        placeholder: plain('The organisation’s default', LIMITS.placeholder),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
      {
        optional: true,
        hint: 'Where this account’s review cards go; Thread must be a member. Empty: the organisation’s default channel.',
      },
    ),
    inputBlock(
      F.customerChannel,
      'Customer channel',
      {
        type: 'conversations_select',
        placeholder: plain('A Slack Connect or shared channel', LIMITS.placeholder),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
      { optional: true, hint: 'Thread must be a member of it; Slack-message actions to the customer post there.' },
    ),
    inputBlock(
      F.kickoff,
      'Kickoff date',
      { type: 'datepicker', ...(m.today ? { initial_date: m.today } : {}) },
      { hint: 'Planned dates count business days from here.' },
    ),
    context(
      'The plan (milestones and actions) is created from the template; the first actions are scheduled right away, or once the handoff is in when the AE hands it over first.',
    ),
  ];
  return modalShell({ callbackId: VIEWS.newAccount, title: 'New account', submit: 'Create account', blocks });
}
