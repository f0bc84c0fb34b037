/**
 * The handoff questions as a file, beside the templates (`templates/handoff/questions.yaml`): YAML (or JSON) with
 * snake_case keys, in the order the AE sees them. Pure: text in, questions out, and back.
 *
 *   questions:
 *     - key: promised_go_live
 *       label: Go-live date promised to the customer
 *       kind: date                 # text, long_text, single_choice, multiple_choice, yes_no, date, number
 *       required: false
 *       help: The date the customer expects to be live.
 *       crm_property: amount       # a HubSpot deal property that pre-fills the answer
 *       options: [SSO, API]        # single and multiple choice only
 *
 * Every problem is reported at once, each with the line it is on and the path to it
 * (`questions.yaml: line 12, questions[1].kind: expected one of …`), so a broken file is fixed in one pass.
 */
import { z } from 'zod';
import { notOneOfWords, wrongTypeWords } from './file-issue-words';
import { Document, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import {
  checkHandoffQuestion,
  keyFromLabel,
  HANDOFF_LIMITS,
  HANDOFF_QUESTION_KINDS,
  type HandoffQuestionField,
  type HandoffQuestionSpec,
} from './handoff-questions';

export interface QuestionsFileIssue {
  /** 1-based line in the file, when the problem is at a place in it. */
  line: number | null;
  /** Where in the file: `questions[2].kind`; empty for the whole file. */
  path: string;
  message: string;
}

export class QuestionsFileError extends Error {
  readonly fileName: string;
  readonly issues: QuestionsFileIssue[];

  constructor(fileName: string, issues: QuestionsFileIssue[]) {
    super(issues.map((issue) => formatQuestionsFileIssue(fileName, issue)).join('\n'));
    this.name = 'QuestionsFileError';
    this.fileName = fileName;
    this.issues = issues;
  }
}

export function formatQuestionsFileIssue(fileName: string, issue: QuestionsFileIssue): string {
  const where = [issue.line !== null ? `line ${issue.line}` : '', issue.path].filter(Boolean).join(', ');
  return where ? `${fileName}: ${where}: ${issue.message}` : `${fileName}: ${issue.message}`;
}

const QuestionFile = z.strictObject({
  key: z.string(),
  label: z.string(),
  kind: z.enum(HANDOFF_QUESTION_KINDS),
  required: z.boolean().default(false),
  help: z.string().nullable().optional(),
  crm_property: z.string().nullable().optional(),
  options: z.array(z.string()).optional(),
});

const QuestionsFile = z.strictObject({ questions: z.array(QuestionFile) });

const FILE_FIELD: Readonly<Record<HandoffQuestionField, string>> = {
  key: 'key',
  label: 'label',
  kind: 'kind',
  options: 'options',
  helpText: 'help',
  crmProperty: 'crm_property',
};

const errorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return wrongTypeWords(iss.expected, iss.input);
    case 'invalid_value':
      return notOneOfWords(iss.values, iss.input);
    case 'unrecognized_keys':
      return `unknown key${iss.keys.length === 1 ? '' : 's'} ${iss.keys.map((k) => `"${k}"`).join(', ')} (expected ${Object.keys(QuestionFile.shape).join(', ')})`;
    default:
      return undefined;
  }
};

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

interface Located {
  doc?: Document;
  lines?: LineCounter;
}

/** The line of the node at `path`, or of its nearest parent the file has. */
function lineOf(where: Located, path: readonly PropertyKey[]): number | null {
  if (!where.doc || !where.lines) return null;
  for (let n = path.length; n >= 0; n--) {
    const node = where.doc.getIn(path.slice(0, n), true) as Node | undefined;
    const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
    if (offset !== undefined) return where.lines.linePos(offset).line;
  }
  return null;
}

function readSource(text: string, fileName: string): { raw: unknown; where: Located } {
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) {
    throw new QuestionsFileError(fileName, [
      { line: null, path: '', message: 'the file is empty (expected "questions:" and a list of questions)' },
    ]);
  }
  // JSON is YAML too: one parser gives both their line numbers.
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const seen = new Set<number>();
    const issues: QuestionsFileIssue[] = [];
    for (const error of doc.errors) {
      const { line } = lines.linePos(error.pos[0]);
      if (seen.has(line)) continue;
      seen.add(line);
      const message =
        error.code === 'DUPLICATE_KEY'
          ? 'duplicate key (each key may appear only once in a question)'
          : error.code === 'TAB_AS_INDENT'
            ? 'tabs are not allowed for indentation; use spaces'
            : error.message.split('\n')[0]!;
      issues.push({ line, path: '', message: `invalid YAML: ${message}` });
    }
    throw new QuestionsFileError(fileName, issues);
  }
  return { raw: doc.toJS({ maxAliasCount: 100 }) as unknown, where: { doc, lines } };
}

/** Parses and checks a questions file; throws QuestionsFileError listing every problem, each with its line. */
export function parseHandoffQuestionsFile(text: string, fileName: string): HandoffQuestionSpec[] {
  const { raw, where } = readSource(text, fileName);
  const parsed = QuestionsFile.safeParse(raw, { error: errorMap });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      // An unknown key is reported at the key itself.
      const path =
        issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
      return { line: lineOf(where, path), path: formatPath(path), message: issue.message };
    });
    throw new QuestionsFileError(fileName, issues);
  }

  const issues: QuestionsFileIssue[] = [];
  const questions: HandoffQuestionSpec[] = [];
  const keys = new Map<string, number>();
  parsed.data.questions.forEach((q, index) => {
    // A key used twice is named even when one of the two questions has other problems.
    const key = q.key.trim() || keyFromLabel(q.label);
    const first = keys.get(key);
    if (first === undefined) keys.set(key, index);
    else {
      const path = ['questions', index, 'key'];
      issues.push({
        line: lineOf(where, path),
        path: formatPath(path),
        message: `the key "${key}" is already used by questions[${first}]; each question needs its own`,
      });
    }
    const checked = checkHandoffQuestion({
      key: q.key,
      label: q.label,
      kind: q.kind,
      required: q.required,
      options: q.options,
      helpText: q.help,
      crmProperty: q.crm_property,
    });
    if (!checked.ok) {
      for (const problem of checked.problems) {
        const path = ['questions', index, FILE_FIELD[problem.field]];
        issues.push({ line: lineOf(where, path), path: formatPath(path), message: problem.message });
      }
      return;
    }
    questions.push(checked.value);
  });
  if (parsed.data.questions.length > HANDOFF_LIMITS.activeQuestions) {
    issues.push({
      line: lineOf(where, ['questions']),
      path: 'questions',
      message: `at most ${HANDOFF_LIMITS.activeQuestions} questions; the file has ${parsed.data.questions.length}`,
    });
  }
  if (issues.length > 0) throw new QuestionsFileError(fileName, issues);
  return questions;
}

const HEADER = [
  'Handoff questions: what the account executive answers when a deal closes, in this order.',
  'kind: text, long_text, single_choice, multiple_choice, yes_no, date or number.',
  'crm_property: a HubSpot deal property whose value pre-fills the answer. options: choice questions only.',
  'Import: npm run thread -- handoff-questions import <file>. Questions left out of the file are removed',
  '(their past answers are kept); the keys promised_go_live, seats, arr, integrations, requirements,',
  'stakeholders, kickoff_date and success_criteria are read by the contradiction check.',
].join('\n');

/** The questions in the file format; parsing it gives the same questions back. */
export function serializeHandoffQuestions(questions: readonly HandoffQuestionSpec[]): string {
  const doc = new Document({
    questions: questions.map((q) => ({
      key: q.key,
      label: q.label,
      kind: q.kind,
      required: q.required,
      ...(q.helpText ? { help: q.helpText } : {}),
      ...(q.crmProperty ? { crm_property: q.crmProperty } : {}),
      ...(q.options.length > 0 ? { options: q.options } : {}),
    })),
  });
  doc.commentBefore = HEADER.split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'options' && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  // Written as Prettier writes YAML, so a file exported into a repository stays as it is under `prettier --check`.
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', flowCollectionPadding: false, singleQuote: true });
}
