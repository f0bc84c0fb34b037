import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkHandoffAnswer,
  checkHandoffAnswers,
  checkHandoffQuestion,
  checkStartWithoutHandoffReason,
  DEFAULT_HANDOFF_QUESTIONS,
  describeHandoffAnswer,
  handoffKickoffDate,
  keyFromLabel,
  prefillFromCrm,
  type AnswerableQuestion,
  type HandoffQuestionKind,
} from '../../../src/domain/handoff-questions';
import {
  parseHandoffQuestionsFile,
  QuestionsFileError,
  serializeHandoffQuestions,
} from '../../../src/domain/handoff-questions-file';

const q = (kind: HandoffQuestionKind, o: Partial<AnswerableQuestion> = {}): AnswerableQuestion => ({
  key: 'k',
  label: 'A question',
  kind,
  required: false,
  options: [],
  ...o,
});

function fileIssues(text: string): string[] {
  try {
    parseHandoffQuestionsFile(text, 'questions.yaml');
  } catch (error) {
    if (error instanceof QuestionsFileError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('handoff questions', () => {
  it('accepts a question, deriving its key from the label when none is given', () => {
    expect(checkHandoffQuestion({ label: ' Seats / licences sold ', kind: 'number' })).toEqual({
      ok: true,
      value: {
        key: 'seats_licences_sold',
        label: 'Seats / licences sold',
        kind: 'number',
        required: false,
        options: [],
        helpText: null,
        crmProperty: null,
      },
    });
    expect(keyFromLabel('2027 go-live?')).toBe('q_2027_go_live');
    expect(keyFromLabel('   ')).toBe('question');
  });

  it('names every problem of a question at once, each under its field', () => {
    const checked = checkHandoffQuestion({
      key: 'Bad Key!',
      label: 'x'.repeat(301),
      kind: 'single_choice',
      options: ['Only one'],
      helpText: 'h'.repeat(501),
      crmProperty: 'deal amount<script>',
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.field)).toEqual(['label', 'key', 'options', 'helpText', 'crmProperty']);
    expect(checked.problems.find((p) => p.field === 'options')?.message).toBe(
      'A single choice question needs at least 2 options, one per line.',
    );
  });

  it('keeps options to choice questions, refuses duplicates and options Slack could not show', () => {
    const refusal = (kind: string, options: string[]) => {
      const checked = checkHandoffQuestion({ label: 'Q', kind, options });
      return checked.ok ? null : checked.problems.map((p) => p.message).join(' ');
    };
    expect(refusal('text', ['A'])).toContain('Only single and multiple choice questions have options');
    expect(refusal('multiple_choice', ['SSO', 'sso'])).toBe('The option "sso" is listed twice.');
    expect(refusal('multiple_choice', ['x'.repeat(76)])).toContain('keep each to 75 or fewer');
    expect(refusal('essay', [])).toContain('The kind must be one of text, long_text');
    expect(refusal('multiple_choice', ['SSO', '', '  API  '])).toBeNull();
  });

  it('checks each kind of answer and stores it in one form', () => {
    const choices = { options: ['SSO', 'Data import', 'API'] };
    const cases: [AnswerableQuestion, string | string[] | null, string | { refused: RegExp }][] = [
      [q('text'), '  Okta  ', 'Okta'],
      [q('text'), 'two\nlines', { refused: /one line/ }],
      [q('text'), 'x'.repeat(501), { refused: /500 characters/ }],
      [q('long_text'), 'line one\r\nline two ', 'line one\nline two'],
      [q('long_text'), 'x'.repeat(3001), { refused: /3,000 characters/ }],
      [q('single_choice', choices), 'API', 'API'],
      [q('single_choice', choices), 'Fax', { refused: /Choose one of the options/ }],
      [q('multiple_choice', choices), ['API', 'SSO'], 'SSO\nAPI'],
      [q('multiple_choice', choices), ['SSO', 'Telex'], { refused: /Choose from the options/ }],
      [q('yes_no'), 'Yes', 'yes'],
      [q('yes_no'), 'maybe', { refused: /yes or no/ }],
      [q('date'), '2027-03-15', '2027-03-15'],
      [q('date'), '2027-02-30', { refused: /real date/ }],
      [q('number'), '120,000', '120000'],
      [q('number'), ' 1 200.50 ', '1200.5'],
      [q('number'), '-0', '0'],
      [q('number'), 'lots', { refused: /Enter a number/ }],
      [q('number'), '1'.repeat(16), { refused: /Enter a number/ }],
      [q('date', { required: true }), null, { refused: /needs an answer/ }],
      [q('multiple_choice', { ...choices, required: true }), [], { refused: /needs an answer/ }],
      [q('text'), null, ''],
    ];
    for (const [question, raw, expected] of cases) {
      const checked = checkHandoffAnswer(question, raw);
      if (typeof expected === 'string') expect(checked).toEqual({ ok: true, value: expected });
      else {
        expect(checked.ok).toBe(false);
        if (!checked.ok) expect(checked.message).toMatch(expected.refused);
      }
    }
  });

  it('checks a whole handoff at once: every problem by key, blank optional answers left out', () => {
    const questions = [
      q('text', { key: 'a' }),
      q('long_text', { key: 'b', required: true }),
      q('date', { key: 'c', required: true }),
    ];
    expect(checkHandoffAnswers(questions, { a: '', c: 'soon' })).toEqual({
      ok: false,
      errors: { b: 'This question needs an answer.', c: 'Enter a real date as YYYY-MM-DD, like 2027-03-15.' },
    });
    expect(checkHandoffAnswers(questions, { a: ' ', b: 'Cut costs', c: '2027-01-04' })).toEqual({
      ok: true,
      values: { b: 'Cut costs', c: '2027-01-04' },
    });
  });

  it('reads stored answers as people do, and pre-fills only what a question accepts', () => {
    expect(describeHandoffAnswer('multiple_choice', 'SSO\nAPI')).toBe('SSO, API');
    expect(describeHandoffAnswer('yes_no', 'no')).toBe('No');
    expect(describeHandoffAnswer('long_text', 'a\nb')).toBe('a\nb');
    expect(prefillFromCrm(q('number'), '120000.00')).toBe('120000');
    expect(prefillFromCrm(q('date'), '2027-03-15T00:00:00.000Z')).toBe('2027-03-15');
    expect(prefillFromCrm(q('multiple_choice', { options: ['SSO', 'API'] }), 'SSO;API')).toBe('SSO\nAPI');
    expect(prefillFromCrm(q('yes_no'), 'true')).toBe('yes');
    expect(prefillFromCrm(q('number'), 'not a number')).toBeUndefined();
    expect(prefillFromCrm(q('number', { required: true }), undefined)).toBeUndefined();
  });

  it('starts the plan on the agreed kickoff, else the planned one, never on a day already past', () => {
    const today = '2026-11-24';
    expect(handoffKickoffDate({ answered: '2026-12-07', planned: '2026-12-01', today })).toBe('2026-12-07');
    expect(handoffKickoffDate({ answered: null, planned: '2026-12-01', today })).toBe('2026-12-01');
    expect(handoffKickoffDate({ answered: '2026-11-02', planned: '2026-12-01', today })).toBe(today);
    expect(handoffKickoffDate({ answered: null, planned: '2026-11-20', today })).toBe(today);
  });

  it('wants a reason to start the plan without the handoff', () => {
    expect(checkStartWithoutHandoffReason('  ')).toEqual({
      ok: false,
      message: 'Say why the plan cannot wait for the handoff; the reason is kept on the account.',
    });
    expect(checkStartWithoutHandoffReason('x'.repeat(1001)).ok).toBe(false);
    expect(checkStartWithoutHandoffReason(' The AE is on leave.\nKickoff is booked. ')).toEqual({
      ok: true,
      value: 'The AE is on leave.\nKickoff is booked.',
    });
  });

  it('starts a new organisation with the well-known questions the contradiction check reads', () => {
    expect(DEFAULT_HANDOFF_QUESTIONS.map((d) => [d.key, d.kind, d.required, d.crmProperty])).toEqual([
      ['promised_go_live', 'date', false, null],
      ['seats', 'number', false, null],
      ['arr', 'number', false, 'amount'],
      ['integrations', 'multiple_choice', false, null],
      ['requirements', 'long_text', false, null],
      ['stakeholders', 'long_text', false, null],
      ['kickoff_date', 'date', false, null],
      ['success_criteria', 'long_text', true, null],
    ]);
    expect(DEFAULT_HANDOFF_QUESTIONS.find((d) => d.key === 'integrations')?.options).toEqual([
      'SSO',
      'Data import',
      'API',
      'Salesforce',
      'Other',
    ]);
    for (const d of DEFAULT_HANDOFF_QUESTIONS) expect(checkHandoffQuestion(d)).toEqual({ ok: true, value: d });
  });
});

describe('the handoff questions file', () => {
  it('reads back what it writes, and the file beside the templates holds the default questions', () => {
    const text = serializeHandoffQuestions(DEFAULT_HANDOFF_QUESTIONS);
    expect(parseHandoffQuestionsFile(text, 'q.yaml')).toEqual(DEFAULT_HANDOFF_QUESTIONS);
    const shipped = readFileSync(path.resolve(__dirname, '../../../templates/handoff/questions.yaml'), 'utf8');
    expect(parseHandoffQuestionsFile(shipped, 'handoff-questions.yaml')).toEqual(DEFAULT_HANDOFF_QUESTIONS);
    // JSON is read too.
    expect(
      parseHandoffQuestionsFile('{"questions":[{"key":"seats","label":"Seats","kind":"number"}]}', 'q.json'),
    ).toEqual([
      { key: 'seats', label: 'Seats', kind: 'number', required: false, options: [], helpText: null, crmProperty: null },
    ]);
  });

  it('names the line and the field of every problem in a broken file', () => {
    const issues = fileIssues(
      [
        'questions:', //                   1
        '  - key: seats', //               2
        '    label: Seats', //             3
        '    kind: essay', //              4
        '  - key: Seats!', //              5
        '    label: ""', //                6
        '    kind: number', //             7
        '    colour: red', //              8
        '  - key: arr', //                 9
        '    label: ARR', //               10
        '    kind: single_choice', //      11
        '    options: [Only]', //          12
        '  - key: arr', //                 13
        '    label: ARR again', //         14
        '    kind: number', //             15
      ].join('\n'),
    );
    expect(issues).toEqual([
      'questions.yaml: line 4, questions[0].kind: expected one of text, long_text, single_choice, multiple_choice, yes_no, date, number, got "essay"',
      'questions.yaml: line 8, questions[1].colour: unknown key "colour" (expected key, label, kind, required, help, crm_property, options)',
    ]);
    // Once the shape is right, the rules of each question, and a key used twice.
    const second = fileIssues(
      [
        'questions:',
        '  - key: Seats!',
        '    label: ""',
        '    kind: number',
        '  - key: arr',
        '    label: ARR',
        '    kind: single_choice',
        '    options: [Only]',
        '  - key: arr',
        '    label: ARR again',
        '    kind: number',
      ].join('\n'),
    );
    expect(second).toEqual([
      'questions.yaml: line 3, questions[0].label: The question needs a label.',
      expect.stringMatching(/^questions\.yaml: line 2, questions\[0\]\.key: The key must start with a letter/),
      'questions.yaml: line 8, questions[1].options: A single choice question needs at least 2 options, one per line.',
      'questions.yaml: line 9, questions[2].key: the key "arr" is already used by questions[1]; each question needs its own',
    ]);
  });

  it('points at the line of a YAML syntax error, and says what an empty file lacks', () => {
    expect(fileIssues('questions:\n  - key: a\n\tlabel: tab')).toEqual([
      expect.stringMatching(/^questions\.yaml: line 3: invalid YAML: /),
    ]);
    expect(fileIssues('')).toEqual([
      'questions.yaml: the file is empty (expected "questions:" and a list of questions)',
    ]);
    expect(fileIssues('questions: none')).toEqual(['questions.yaml: line 1, questions: expected a list, got "none"']);
  });
});
