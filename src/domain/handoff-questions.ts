/**
 * The AE's handoff questions and their answers, as rules with no I/O: what a question may be (its kind, key, label,
 * options, help and the CRM property that pre-fills it), what an answer to each kind must be, how an answer is
 * stored and how it reads. The Slack modal, the web form, the question file and the services all go through here, so
 * an answer accepted in one place is accepted everywhere.
 *
 * Answers are stored as text: a date as YYYY-MM-DD, a number as plain digits (a dot for decimals), yes/no as "yes" or
 * "no", a multiple choice as the chosen options one per line in the question's order (an option never holds a line
 * break). Readers (the summary, the drafting context, the contradiction check) use the helpers at the end.
 */
import { accepted, hasControlCharacters, refused, type Checked } from './checked';

export const HANDOFF_QUESTION_KINDS = [
  'text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'yes_no',
  'date',
  'number',
] as const;
export type HandoffQuestionKind = (typeof HANDOFF_QUESTION_KINDS)[number];

export const HANDOFF_KIND_NAMES: Readonly<Record<HandoffQuestionKind, string>> = {
  text: 'Text',
  long_text: 'Long text',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  yes_no: 'Yes / no',
  date: 'Date',
  number: 'Number',
};

export const HANDOFF_LIMITS = {
  /** Active questions an organisation keeps: the Slack form takes them in steps of a few each. */
  activeQuestions: 50,
  key: 50,
  label: 300,
  helpText: 500,
  crmProperty: 100,
  options: 50,
  /** Slack shows at most 75 characters of an option. */
  optionText: 75,
  textAnswer: 500,
  longTextAnswer: 3000,
} as const;

export const HANDOFF_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
const CRM_PROPERTY_PATTERN = /^[A-Za-z0-9_.-]+$/;

export function isHandoffQuestionKind(value: string): value is HandoffQuestionKind {
  return (HANDOFF_QUESTION_KINDS as readonly string[]).includes(value);
}

export function isChoiceKind(kind: HandoffQuestionKind): boolean {
  return kind === 'single_choice' || kind === 'multiple_choice';
}

/** A question as an admin writes it (in Slack or in the file), and as the services store it. */
export interface HandoffQuestionSpec {
  key: string;
  label: string;
  kind: HandoffQuestionKind;
  required: boolean;
  /** Only for single and multiple choice; empty otherwise. */
  options: string[];
  helpText: string | null;
  /** A HubSpot deal property whose value pre-fills the answer. */
  crmProperty: string | null;
}

/** What a person gives for a question, before checking. */
export interface HandoffQuestionInput {
  key?: string;
  label: string;
  kind: string;
  required?: boolean;
  options?: readonly string[];
  helpText?: string | null;
  crmProperty?: string | null;
}

export type HandoffQuestionField = 'key' | 'label' | 'kind' | 'options' | 'helpText' | 'crmProperty';

export interface HandoffQuestionProblem {
  field: HandoffQuestionField;
  message: string;
}

export type CheckedQuestion =
  { ok: true; value: HandoffQuestionSpec } | { ok: false; problems: HandoffQuestionProblem[] };

/** A key from a label: "Seats / licences sold" → seats_licences_sold. */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, HANDOFF_LIMITS.key)
    .replace(/_+$/, '');
  if (slug === '') return 'question';
  return /^[a-z]/.test(slug) ? slug : `q_${slug}`.slice(0, HANDOFF_LIMITS.key);
}

function checkOptions(kind: HandoffQuestionKind, given: readonly string[]): Checked<string[]> {
  const options = given.map((o) => o.trim()).filter((o) => o !== '');
  if (!isChoiceKind(kind)) {
    return options.length === 0
      ? accepted([])
      : refused(
          `Only single and multiple choice questions have options; a ${HANDOFF_KIND_NAMES[kind]} question has none.`,
        );
  }
  const least = kind === 'single_choice' ? 2 : 1;
  if (options.length < least)
    return refused(
      kind === 'single_choice'
        ? 'A single choice question needs at least 2 options, one per line.'
        : 'A multiple choice question needs at least one option, one per line.',
    );
  if (options.length > HANDOFF_LIMITS.options)
    return refused(`At most ${HANDOFF_LIMITS.options} options; this has ${options.length}.`);
  const seen = new Set<string>();
  for (const option of options) {
    if (hasControlCharacters(option)) return refused('An option cannot contain control characters.');
    if (option.length > HANDOFF_LIMITS.optionText)
      return refused(
        `The option "${option.slice(0, 30)}…" is ${option.length} characters long; keep each to ${HANDOFF_LIMITS.optionText} or fewer.`,
      );
    const folded = option.toLowerCase();
    if (seen.has(folded)) return refused(`The option "${option}" is listed twice.`);
    seen.add(folded);
  }
  return accepted(options);
}

function optionalText(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** Every problem with a question at once, each under its field; or the question as it is stored. */
export function checkHandoffQuestion(input: HandoffQuestionInput): CheckedQuestion {
  const problems: HandoffQuestionProblem[] = [];
  const label = input.label.trim();
  if (label === '') problems.push({ field: 'label', message: 'The question needs a label.' });
  else if (hasControlCharacters(label))
    problems.push({ field: 'label', message: 'The label cannot contain line breaks or control characters.' });
  else if (label.length > HANDOFF_LIMITS.label)
    problems.push({
      field: 'label',
      message: `The label is ${label.length} characters long; keep it to ${HANDOFF_LIMITS.label} or fewer.`,
    });

  const key = (input.key ?? '').trim() || keyFromLabel(label);
  if (!HANDOFF_KEY_PATTERN.test(key) || key.length > HANDOFF_LIMITS.key)
    problems.push({
      field: 'key',
      message: `The key must start with a letter and hold only lowercase letters, digits and underscores (like promised_go_live), at most ${HANDOFF_LIMITS.key} characters; "${key.slice(0, 60)}" does not.`,
    });

  const kind = input.kind.trim();
  if (!isHandoffQuestionKind(kind)) {
    problems.push({
      field: 'kind',
      message: `The kind must be one of ${HANDOFF_QUESTION_KINDS.join(', ')}; "${kind.slice(0, 40)}" is not.`,
    });
  }
  const options = isHandoffQuestionKind(kind) ? checkOptions(kind, input.options ?? []) : accepted<string[]>([]);
  if (!options.ok) problems.push({ field: 'options', message: options.message });

  const helpText = optionalText(input.helpText);
  if (helpText && hasControlCharacters(helpText, { allowLineBreaks: true }))
    problems.push({ field: 'helpText', message: 'The help text cannot contain control characters.' });
  else if (helpText && helpText.length > HANDOFF_LIMITS.helpText)
    problems.push({
      field: 'helpText',
      message: `The help text is ${helpText.length} characters long; keep it to ${HANDOFF_LIMITS.helpText} or fewer.`,
    });

  const crmProperty = optionalText(input.crmProperty);
  if (crmProperty && (!CRM_PROPERTY_PATTERN.test(crmProperty) || crmProperty.length > HANDOFF_LIMITS.crmProperty))
    problems.push({
      field: 'crmProperty',
      message: `The CRM property is a HubSpot internal property name such as amount or closedate (letters, digits, _ . -); "${crmProperty.slice(0, 60)}" is not one.`,
    });

  if (problems.length > 0 || !isHandoffQuestionKind(kind) || !options.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { key, label, kind, required: input.required ?? false, options: options.value, helpText, crmProperty },
  };
}

// ---------------------------------------------------------------------------------------------
// Answers

/** What a form sends for one question: text, the chosen options, or nothing. */
export type RawHandoffAnswer = string | readonly string[] | null | undefined;

export interface AnswerableQuestion {
  key: string;
  label: string;
  kind: HandoffQuestionKind;
  required: boolean;
  options: readonly string[];
}

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function one(raw: RawHandoffAnswer): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  return raw[raw.length - 1] ?? '';
}

function many(raw: RawHandoffAnswer): string[] {
  if (raw === null || raw === undefined) return [];
  const list = typeof raw === 'string' ? raw.split('\n') : [...raw];
  return list.map((v) => v.trim()).filter((v) => v !== '');
}

/** A number as people type it ("120,000", "1 200.50"), as stored: plain digits, a dot for decimals. */
export function normalizeNumber(text: string): string | null {
  const cleaned = text.trim().replace(/[,\s_']/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const [whole = '0', fraction] = cleaned.replace(/^-/, '').split('.');
  if (whole.replace(/^0+/, '').length > 15) return null;
  const sign = cleaned.startsWith('-') ? '-' : '';
  const digits = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction?.replace(/0+$/, '') ?? '';
  const value = `${sign}${digits}${decimals ? `.${decimals}` : ''}`;
  return value === '-0' ? '0' : value;
}

/**
 * One answer checked against its question: the text to store ('' when left blank), or the sentence to show beside
 * the question, worded for the AE.
 */
export function checkHandoffAnswer(q: AnswerableQuestion, raw: RawHandoffAnswer): Checked<string> {
  const blank = (): Checked<string> => (q.required ? refused('This question needs an answer.') : accepted(''));
  switch (q.kind) {
    case 'multiple_choice': {
      const chosen = many(raw);
      if (chosen.length === 0) return blank();
      const unknown = chosen.find((c) => !q.options.includes(c));
      if (unknown !== undefined) return refused('Choose from the options listed.');
      return accepted(q.options.filter((o) => chosen.includes(o)).join('\n'));
    }
    case 'long_text': {
      const text = one(raw).replace(/\r\n?/g, '\n').trim();
      if (text === '') return blank();
      if (hasControlCharacters(text, { allowLineBreaks: true }))
        return refused('Please remove the control characters.');
      if (text.length > HANDOFF_LIMITS.longTextAnswer)
        return refused(
          `Please keep this to ${HANDOFF_LIMITS.longTextAnswer.toLocaleString('en-US')} characters (it has ${text.length.toLocaleString('en-US')}).`,
        );
      return accepted(text);
    }
    default:
      break;
  }
  const text = one(raw).trim();
  if (text === '') return blank();
  switch (q.kind) {
    case 'text':
      if (hasControlCharacters(text)) return refused('Please keep this to one line, without control characters.');
      return text.length > HANDOFF_LIMITS.textAnswer
        ? refused(`Please keep this to ${HANDOFF_LIMITS.textAnswer} characters (it has ${text.length}).`)
        : accepted(text);
    case 'single_choice':
      return q.options.includes(text) ? accepted(text) : refused('Choose one of the options listed.');
    case 'yes_no': {
      const folded = text.toLowerCase();
      if (folded === 'yes' || folded === 'no') return accepted(folded);
      return refused('Answer yes or no.');
    }
    case 'date':
      return isRealDate(text) ? accepted(text) : refused('Enter a real date as YYYY-MM-DD, like 2027-03-15.');
    case 'number': {
      const value = normalizeNumber(text);
      return value === null ? refused('Enter a number, like 120000 or 49.5.') : accepted(value);
    }
  }
}

export type CheckedAnswers =
  { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** Every question's answer; all problems at once, by question key. Blank optional answers are left out. */
export function checkHandoffAnswers(
  questions: readonly AnswerableQuestion[],
  raw: Readonly<Record<string, RawHandoffAnswer>>,
): CheckedAnswers {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const checked = checkHandoffAnswer(q, raw[q.key]);
    if (!checked.ok) errors[q.key] = checked.message;
    else if (checked.value !== '') values[q.key] = checked.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The chosen options of a stored multiple choice answer. */
export function chosenOptions(value: string): string[] {
  return value.split('\n').filter((v) => v !== '');
}

/** A stored answer as a person reads it: choices joined by commas, yes/no capitalised; text as it is. */
export function describeHandoffAnswer(kind: string, value: string): string {
  if (kind === 'multiple_choice') return chosenOptions(value).join(', ');
  if (kind === 'yes_no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
  return value;
}

/**
 * A value from the CRM as an initial answer, when it is one the question accepts (a deal's "2027-03-15T00:00:00Z"
 * close date becomes 2027-03-15); otherwise nothing is pre-filled.
 */
export function prefillFromCrm(q: AnswerableQuestion, crmValue: string | undefined): string | undefined {
  if (crmValue === undefined || crmValue.trim() === '') return undefined;
  let candidate: string = crmValue;
  if (q.kind === 'date') candidate = crmValue.trim().slice(0, 10);
  if (q.kind === 'multiple_choice') candidate = crmValue.split(';').join('\n');
  if (q.kind === 'yes_no')
    candidate = /^(true|yes)$/i.test(crmValue.trim()) ? 'yes' : /^(false|no)$/i.test(crmValue.trim()) ? 'no' : crmValue;
  const checked = checkHandoffAnswer({ ...q, required: false }, candidate);
  return checked.ok && checked.value !== '' ? checked.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// The questions a new organisation starts with

/**
 * The default questions of a new organisation and of the demo. Their keys are well known: the contradiction check
 * finds answers by them first (promised_go_live, seats, arr, integrations, requirements, stakeholders,
 * kickoff_date, success_criteria), so an admin who edits a label keeps the key.
 */
export const DEFAULT_HANDOFF_QUESTIONS: readonly HandoffQuestionSpec[] = [
  {
    key: 'promised_go_live',
    label: 'Go-live date promised to the customer',
    kind: 'date',
    required: false,
    options: [],
    helpText: 'The date the customer expects to be live, if one was promised or discussed.',
    crmProperty: null,
  },
  {
    key: 'seats',
    label: 'Seats / licences sold',
    kind: 'number',
    required: false,
    options: [],
    helpText: 'How many users or licences the contract covers.',
    crmProperty: null,
  },
  {
    key: 'arr',
    label: 'ARR agreed',
    kind: 'number',
    required: false,
    options: [],
    helpText: 'Annual recurring revenue as signed, without currency sign.',
    crmProperty: 'amount',
  },
  {
    key: 'integrations',
    label: 'Integrations or requirements promised',
    kind: 'multiple_choice',
    required: false,
    options: ['SSO', 'Data import', 'API', 'Salesforce', 'Other'],
    helpText: 'Everything the customer was told they would have at go-live.',
    crmProperty: null,
  },
  {
    key: 'requirements',
    label: 'Anything else promised',
    kind: 'long_text',
    required: false,
    options: [],
    helpText: 'Commitments, exceptions, special terms: whatever the CSM should not learn from the customer first.',
    crmProperty: null,
  },
  {
    key: 'stakeholders',
    label: 'Customer stakeholders: name, role, email',
    kind: 'long_text',
    required: false,
    options: [],
    helpText: 'One person per line, e.g. "Dana Scully, VP Operations, dana@example.com".',
    crmProperty: null,
  },
  {
    key: 'kickoff_date',
    label: 'Kickoff date agreed with the customer',
    kind: 'date',
    required: false,
    options: [],
    helpText: 'The plan starts on this day once the handoff is in (today if it has passed).',
    crmProperty: null,
  },
  {
    key: 'success_criteria',
    label: 'What success looks like for the customer',
    kind: 'long_text',
    required: true,
    options: [],
    helpText: 'In the customer’s words: what must be true for them to call the onboarding a success.',
    crmProperty: null,
  },
];

/** The key of the answer that sets the day the plan starts. */
export const KICKOFF_DATE_KEY = 'kickoff_date';

/**
 * The day the plan starts when the handoff is in: the kickoff agreed in the handoff when there is one, else the
 * account's planned kickoff; never a day already past (then today). All calendar dates, YYYY-MM-DD.
 */
export function handoffKickoffDate(o: { answered: string | null; planned: string; today: string }): string {
  const chosen = o.answered ?? o.planned;
  return chosen < o.today ? o.today : chosen;
}

/** Longest reason kept for starting a plan without its handoff. */
export const START_WITHOUT_HANDOFF_REASON_MAX = 1000;

/** Why the plan starts without the handoff: required, trimmed, line breaks allowed, a few sentences at most. */
export function checkStartWithoutHandoffReason(reason: string): Checked<string> {
  const value = reason.trim();
  if (value === '') return refused('Say why the plan cannot wait for the handoff; the reason is kept on the account.');
  if (hasControlCharacters(value, { allowLineBreaks: true }))
    return refused('The reason cannot contain control characters.');
  if (value.length > START_WITHOUT_HANDOFF_REASON_MAX)
    return refused(
      `The reason is ${value.length} characters long; keep it to ${START_WITHOUT_HANDOFF_REASON_MAX} or fewer.`,
    );
  return accepted(value);
}
