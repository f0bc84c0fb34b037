/**
 * The handoff form as Slack modals. A handoff with more questions than fit one view comfortably is split into steps
 * of at most QUESTIONS_PER_STEP: "Next" pushes the next step (views.push through response_action "push"; Slack keeps
 * at most three views on the stack, so later steps replace the third), and the last step submits the handoff. Each
 * question is one input block whose id carries its key; help text is its hint, and what the CRM said pre-fills it.
 */
import type {
  Checkboxes,
  InputBlockElement,
  KnownBlock,
  ModalView,
  MultiStaticSelect,
  PlainTextOption,
  RadioButtons,
} from '@slack/types';
import { HANDOFF_LIMITS } from '../../domain/handoff-questions';
import type { HandoffForm } from '../../services/handoff/get-handoff-form';
import type { HandoffQuestionView } from '../../services/handoff/handoff-question-view';
import { VIEWS } from '../ids';
import { inputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import type { SlackMessage } from './slack-message';
import { context, formatDate, LIMITS, mrkdwnSection, plain, safe, truncate } from './text';

/** Questions per view: a screenful each, far inside Slack's 100 blocks and its size limits. */
export const QUESTIONS_PER_STEP = 8;
/** Slack keeps at most three views on a modal's stack. */
export const MAX_STACKED_VIEWS = 3;
/** Checkboxes and radio buttons take at most 10 options; longer lists become selects. */
const MAX_BOXES = 10;
const BLOCK_PREFIX = 'handoff_q_';

/** The input block (and element) id of a question: the key is what the submission is read by. */
export function handoffBlockId(key: string): string {
  return `${BLOCK_PREFIX}${key}`;
}

/** The question key of an input block id, or null for any other block. */
export function handoffKeyOfBlock(blockId: string): string | null {
  return blockId.startsWith(BLOCK_PREFIX) ? blockId.slice(BLOCK_PREFIX.length) : null;
}

/** The questions in steps, in order; one step when they all fit. */
export function handoffSteps<Q>(questions: readonly Q[]): Q[][] {
  const steps: Q[][] = [];
  for (let i = 0; i < questions.length; i += QUESTIONS_PER_STEP) steps.push(questions.slice(i, i + QUESTIONS_PER_STEP));
  return steps.length > 0 ? steps : [[]];
}

/** What each step's submission carries: the account and which step it was. */
export interface HandoffFormMetadata {
  accountId: string;
  step: number;
}

function option(text: string): PlainTextOption {
  // The value is the option itself (at most 75 characters, under Slack's 150), so the answer reads back as typed.
  return { text: plain(text, LIMITS.optionText), value: truncate(text, 150) };
}

function elementFor(q: HandoffQuestionView, initial: string | undefined): InputBlockElement {
  switch (q.kind) {
    case 'text':
      return {
        type: 'plain_text_input',
        max_length: HANDOFF_LIMITS.textAnswer,
        ...(initial ? { initial_value: truncate(initial, HANDOFF_LIMITS.textAnswer) } : {}),
      };
    case 'long_text':
      return {
        type: 'plain_text_input',
        multiline: true,
        max_length: HANDOFF_LIMITS.longTextAnswer,
        ...(initial ? { initial_value: truncate(initial, HANDOFF_LIMITS.longTextAnswer) } : {}),
      };
    case 'number':
      return { type: 'number_input', is_decimal_allowed: true, ...(initial ? { initial_value: initial } : {}) };
    case 'date':
      return { type: 'datepicker', ...(initial ? { initial_date: initial } : {}) };
    case 'yes_no': {
      const yes = { text: plain('Yes', 10), value: 'yes' };
      const no = { text: plain('No', 10), value: 'no' };
      const picked = initial === 'yes' ? yes : initial === 'no' ? no : undefined;
      const radio: RadioButtons = {
        type: 'radio_buttons',
        options: [yes, no],
        ...(picked ? { initial_option: picked } : {}),
      };
      return radio;
    }
    case 'single_choice': {
      const options = q.options.map(option);
      const picked = options.find((o) => o.value === initial);
      return {
        type: 'static_select',
        placeholder: plain('Choose one', LIMITS.placeholder),
        options: options.length > 0 ? options.slice(0, 100) : [option('—')],
        ...(picked ? { initial_option: picked } : {}),
      };
    }
    case 'multiple_choice': {
      const options = q.options.map(option);
      const chosen = initial ? initial.split('\n') : [];
      const picked = options.filter((o) => chosen.includes(o.value ?? ''));
      if (options.length <= MAX_BOXES && options.length > 0) {
        const boxes: Checkboxes = {
          type: 'checkboxes',
          options,
          ...(picked.length ? { initial_options: picked } : {}),
        };
        return boxes;
      }
      const select: MultiStaticSelect = {
        type: 'multi_static_select',
        placeholder: plain('Choose any', LIMITS.placeholder),
        options: options.length > 0 ? options.slice(0, 100) : [option('—')],
        ...(picked.length ? { initial_options: picked } : {}),
      };
      return select;
    }
  }
}

function questionBlock(q: HandoffQuestionView, initial: string | undefined): KnownBlock {
  return inputBlock(handoffBlockId(q.key), q.label, elementFor(q, initial), {
    optional: !q.required,
    ...(q.helpText ? { hint: q.helpText } : {}),
  });
}

/** One step of the form: the questions of `step`, Next on all but the last, Submit handoff on the last. */
export function buildHandoffFormStep(form: HandoffForm, step: number): ModalView {
  const steps = handoffSteps(form.questions);
  const index = Math.min(Math.max(step, 0), steps.length - 1);
  const last = index === steps.length - 1;
  const questions = steps[index] ?? [];
  const intro: KnownBlock[] =
    index === 0
      ? [
          mrkdwnSection(
            `Handoff for *${safe(form.accountName, 200)}*: what was sold and promised, for ${form.csmName ? safe(form.csmName, 100) : 'the CSM'}.${form.startsPlan ? ' The onboarding plan starts once it is submitted.' : ''}`,
          ),
          ...(form.prefilledFromCrm
            ? [context('Some answers are pre-filled from the deal in HubSpot: check them.')]
            : []),
        ]
      : [context(`Handoff for *${safe(form.accountName, 200)}*`)];
  const stepLine = steps.length > 1 ? [context(`Step ${index + 1} of ${steps.length}`)] : [];
  const metadata: HandoffFormMetadata = { accountId: form.accountId, step: index };
  return modalShell({
    callbackId: VIEWS.handoffForm,
    title: steps.length > 1 ? `Handoff ${index + 1}/${steps.length}` : 'Handoff',
    submit: last ? 'Submit handoff' : 'Next',
    close: index === 0 ? 'Cancel' : 'Back',
    privateMetadata: modalMetadata(metadata, metadata),
    blocks: [
      ...intro,
      ...stepLine,
      ...(questions.length > 0
        ? questions.map((q) => questionBlock(q, form.prefill[q.key]))
        : [mrkdwnSection('There are no handoff questions yet; an admin adds them in `/thread settings`.')]),
    ],
  });
}

/** How the form's next step is shown: pushed while the stack has room, else in place of the current view. */
export function nextStepAction(step: number): 'push' | 'update' {
  return step + 1 < MAX_STACKED_VIEWS ? 'push' : 'update';
}

/** The polite refusal of a second handoff: who submitted it and when; nothing more is needed. */
export function alreadySubmittedMessage(form: Pick<HandoffForm, 'accountName' | 'submitted'>): SlackMessage {
  const by = form.submitted ? safe(form.submitted.byName, 100) : 'someone';
  const when = form.submitted ? ` on ${formatDate(form.submitted.at)}` : '';
  const text = `:white_check_mark: The handoff for *${safe(form.accountName, 200)}* was already submitted by ${by}${when}. Thank you: nothing more is needed.`;
  return { text: `The handoff for ${form.accountName} was already submitted.`, blocks: [mrkdwnSection(text)] };
}
