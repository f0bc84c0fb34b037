/**
 * The admins' Handoff questions screen (from `/thread settings` and App Home): every question the AE answers, in
 * order, each with a "…" menu (Edit, Move up, Move down, Remove), an Add a question button, and the editor modal
 * that adds or changes one. Question text is the admins' own, but it is outside text to Slack: escaped.
 */
import type { KnownBlock, ModalView, Overflow, PlainTextOption } from '@slack/types';
import {
  HANDOFF_KIND_NAMES,
  HANDOFF_LIMITS,
  HANDOFF_QUESTION_KINDS,
  type HandoffQuestionKind,
} from '../../domain/handoff-questions';
import type { HandoffQuestionView } from '../../services/handoff/handoff-question-view';
import { ACTIONS, HANDOFF_QUESTION_FIELDS as F, VIEWS } from '../ids';
import { inputBlock, textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { button, context, LIMITS, mrkdwnSection, plain, safe } from './text';

export type QuestionMenuVerb = 'edit' | 'up' | 'down' | 'remove';

/** The value of a question's menu option: what to do, and the question. */
export function questionMenuValue(verb: QuestionMenuVerb, questionId: string): string {
  return `${verb}:${questionId}`;
}

function menu(q: HandoffQuestionView, index: number, count: number): Overflow {
  const options: PlainTextOption[] = [
    { text: plain('Edit', LIMITS.optionText), value: questionMenuValue('edit', q.id) },
  ];
  if (index > 0) options.push({ text: plain('Move up', LIMITS.optionText), value: questionMenuValue('up', q.id) });
  if (index < count - 1)
    options.push({ text: plain('Move down', LIMITS.optionText), value: questionMenuValue('down', q.id) });
  options.push({ text: plain('Remove', LIMITS.optionText), value: questionMenuValue('remove', q.id) });
  return { type: 'overflow', action_id: ACTIONS.handoffQuestionMenu, options };
}

function describeQuestion(q: HandoffQuestionView, index: number): string {
  const facts = [
    HANDOFF_KIND_NAMES[q.kind],
    q.required ? 'required' : 'optional',
    `key \`${safe(q.key, HANDOFF_LIMITS.key)}\``,
    q.crmProperty ? `pre-filled from \`${safe(q.crmProperty, HANDOFF_LIMITS.crmProperty)}\`` : null,
  ].filter((f): f is string => f !== null);
  // Escaped and cut as one text, so a cut never leaves half an entity; the editor shows them all.
  const options = q.options.length ? `\nOptions: ${safe(q.options.join(' · '), 1200)}` : '';
  const help = q.helpText ? `\n_${safe(q.helpText, HANDOFF_LIMITS.helpText)}_` : '';
  return `*${index + 1}. ${safe(q.label, HANDOFF_LIMITS.label)}*\n${facts.join(' · ')}${options}${help}`;
}

/** The list of questions; `notice` says what just happened (or why it did not) at the top. */
export function buildHandoffQuestionsModal(questions: readonly HandoffQuestionView[], notice?: string): ModalView {
  const shown = questions.slice(0, HANDOFF_LIMITS.activeQuestions);
  const blocks: KnownBlock[] = [
    ...(notice ? [mrkdwnSection(notice)] : []),
    mrkdwnSection(
      `*Handoff questions* (${questions.length} of at most ${HANDOFF_LIMITS.activeQuestions}): what the account executive answers when a deal closes, in this order. Required ones must be answered before the handoff can be submitted.`,
    ),
    ...(shown.length === 0 ? [mrkdwnSection('_No questions yet: the handoff is then just a confirmation._')] : []),
    ...shown.map((q, i) => ({
      ...mrkdwnSection(describeQuestion(q, i), `handoff_question_${i}`),
      accessory: menu(q, i, shown.length),
    })),
    ...(questions.length < HANDOFF_LIMITS.activeQuestions
      ? [
          {
            type: 'actions' as const,
            elements: [button('Add a question', ACTIONS.handoffQuestionAdd, 'add', 'primary')],
          },
        ]
      : []),
    context(
      'Removing a question keeps the answers past handoffs gave it. As a file beside the templates: `npm run thread -- handoff-questions export` and `… import <file>`.',
    ),
  ];
  return modalShell({ callbackId: VIEWS.handoffQuestions, title: 'Handoff questions', close: 'Done', blocks });
}

/** What the editor carries to its submission: the question being changed, or none when adding. */
export interface QuestionEditorMetadata {
  questionId?: string;
}

function kindOption(kind: HandoffQuestionKind): PlainTextOption {
  return { text: plain(HANDOFF_KIND_NAMES[kind], LIMITS.optionText), value: kind };
}

const REQUIRED = 'required';

/** Add a question (`question` unset) or edit one: every field of the question, its key only when adding. */
export function buildHandoffQuestionEditor(question?: HandoffQuestionView): ModalView {
  const q = question;
  const requiredOption = { text: plain('The AE must answer it', LIMITS.optionText), value: REQUIRED };
  const metadata: QuestionEditorMetadata = q ? { questionId: q.id } : {};
  const blocks: KnownBlock[] = [
    textInputBlock(F.label, 'Question', { initial: q?.label, max: HANDOFF_LIMITS.label }),
    ...(q
      ? [
          context(
            `Key \`${safe(q.key, HANDOFF_LIMITS.key)}\`: it stays, so past answers and the contradiction check still find this question.`,
          ),
        ]
      : [
          textInputBlock(F.key, 'Key', {
            optional: true,
            max: HANDOFF_LIMITS.key,
            placeholder: 'promised_go_live',
            hint: 'Lowercase letters, digits and underscores; made from the question when empty. It cannot change later.',
          }),
        ]),
    inputBlock(F.kind, 'Kind of answer', {
      type: 'static_select',
      options: HANDOFF_QUESTION_KINDS.map(kindOption),
      initial_option: kindOption(q?.kind ?? 'text'),
    }),
    textInputBlock(F.options, 'Options', {
      optional: true,
      multiline: true,
      initial: q?.options.join('\n'),
      max: 3000,
      hint: `Single and multiple choice only: one option per line, at most ${HANDOFF_LIMITS.options}, each up to ${HANDOFF_LIMITS.optionText} characters.`,
    }),
    inputBlock(
      F.required,
      'Required',
      { type: 'checkboxes', options: [requiredOption], ...(q?.required ? { initial_options: [requiredOption] } : {}) },
      { optional: true },
    ),
    textInputBlock(F.helpText, 'Help text', {
      optional: true,
      multiline: true,
      initial: q?.helpText ?? undefined,
      max: HANDOFF_LIMITS.helpText,
      hint: 'Shown under the question in Slack and on the web form.',
    }),
    textInputBlock(F.crmProperty, 'CRM property', {
      optional: true,
      initial: q?.crmProperty ?? undefined,
      max: HANDOFF_LIMITS.crmProperty,
      placeholder: 'amount',
      hint: 'A HubSpot deal property (its internal name) whose value pre-fills the answer.',
    }),
  ];
  return modalShell({
    callbackId: VIEWS.handoffQuestionEdit,
    title: q ? 'Edit question' : 'Add a question',
    submit: q ? 'Save' : 'Add',
    close: 'Back',
    privateMetadata: modalMetadata(metadata, metadata),
    blocks,
  });
}

/** The editor's value for Required, as the submission reads it. */
export const QUESTION_REQUIRED_VALUE = REQUIRED;
