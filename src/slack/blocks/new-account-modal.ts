import { NEW_ACCOUNT_FIELDS as F, VIEWS } from '../ids';
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

function input(blockId: string, label: string, element: object, options: { optional?: boolean; hint?: string } = {}) {
  return {
    type: 'input' as const,
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label, 2000),
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    element: { action_id: blockId, ...element },
  };
}

const textElement = (max: number, placeholder?: string) => ({
  type: 'plain_text_input' as const,
  max_length: max,
  ...(placeholder ? { placeholder: plain(placeholder, 150) } : {}),
});

/** `/thread new`: everything createAccount needs; the plan is instantiated from the chosen template on submit. */
export function buildNewAccountModal(m: NewAccountModalInput) {
  const offered = m.templates.filter((t) => t.name.length <= MAX_OPTION_VALUE).slice(0, MAX_TEMPLATE_OPTIONS);
  const options = offered.map((t) => ({
    text: plain(t.name, LIMITS.optionText),
    description: plain(`${t.milestones} milestones, ${t.actions} actions`, LIMITS.optionText),
    value: t.name,
  }));
  const only = options.length === 1 ? options[0] : undefined;
  const blocks = [
    input(F.name, 'Account name', textElement(200, 'Acme Corp')),
    input(F.domain, 'Domain', textElement(253, 'acme.io'), { optional: true }),
    input(F.template, 'Onboarding template', {
      type: 'static_select',
      placeholder: plain('Pick a template', 150),
      options,
      ...(only ? { initial_option: only } : {}),
    }),
    input(F.csm, 'CSM', {
      type: 'users_select',
      placeholder: plain('Who runs the onboarding', 150),
      ...(m.csmSlackUserId ? { initial_user: m.csmSlackUserId } : {}),
    }),
    input(
      F.ae,
      'Account executive',
      { type: 'users_select', placeholder: plain('Who closed the deal', 150) },
      { optional: true },
    ),
    input(F.arr, 'ARR', textElement(16, '120000'), {
      optional: true,
      hint: 'Annual recurring revenue, a whole amount without currency sign.',
    }),
    input(F.contactName, 'Primary contact name', textElement(200, 'Sam Rivera'), { optional: true }),
    input(
      F.contactEmail,
      'Primary contact email',
      { type: 'email_text_input', placeholder: plain('sam@acme.io', 150) },
      { optional: true },
    ),
    input(
      F.kickoff,
      'Kickoff date',
      { type: 'datepicker', ...(m.today ? { initial_date: m.today } : {}) },
      { hint: 'Planned dates count business days from here.' },
    ),
    context(
      'The plan (milestones and actions) is created from the template; the first actions are scheduled right away.',
    ),
  ];
  return {
    type: 'modal' as const,
    callback_id: VIEWS.newAccount,
    title: plain('New account', LIMITS.viewTitle),
    submit: plain('Create account', LIMITS.viewSubmit),
    close: plain('Cancel', LIMITS.viewSubmit),
    private_metadata: '',
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}
