import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplateFile, serializeTemplate, TemplateFileError } from '../../../src/domain/template-file';
import { ACTION_TYPES, CUSTOMER_FACING_TYPES, TRIGGER_KINDS, type TemplateSpec } from '../../../src/domain/template';
import { isKnownPlaceholder } from '../../../src/domain/placeholders';
import { findStandIns } from '../../../src/domain/lint-stand-ins';
import { exampleHosts, malformedLinks } from '../../../src/domain/lint-links';

const DEMO_FILE = 'b2b-saas-onboarding.yaml';
const demoText = readFileSync(join(__dirname, '../../../templates', DEMO_FILE), 'utf8');

/** The error a file raises; fails the test when it parses. */
function errorFor(text: string, fileName = 'plan.yaml'): TemplateFileError {
  try {
    parseTemplateFile(text, fileName);
  } catch (error) {
    if (error instanceof TemplateFileError) return error;
    throw error;
  }
  throw new Error(`expected ${fileName} to be rejected`);
}

/** A one-milestone template around the given action lines (YAML, indented as list items). */
function withActions(...actions: string[]): string {
  return [
    'name: Test plan',
    'milestones:',
    '  - name: Kickoff',
    '    planned_days: 5',
    '    actions:',
    ...actions,
    '',
  ].join('\n');
}

describe('the demo template', () => {
  const spec = parseTemplateFile(demoText, DEMO_FILE);
  const actions = spec.milestones.flatMap((m) => m.actions);

  it('has the five B2B SaaS milestones in order, with about twenty actions', () => {
    expect(spec.name).toBe('B2B SaaS onboarding');
    expect(spec.milestones.map((m) => m.name)).toEqual([
      'Kickoff',
      'Technical Setup',
      'Implementation',
      'Training',
      'Go-Live',
    ]);
    expect(spec.milestones.map((m) => m.actions.length)).toEqual([5, 5, 5, 4, 3]);
    expect(actions).toHaveLength(22);
    for (const milestone of spec.milestones) {
      expect(milestone.plannedDays).toBeGreaterThan(0);
      expect(milestone.exitCriteria).not.toBe('');
    }
  });

  it('uses every action type and every trigger kind', () => {
    expect(new Set(actions.map((a) => a.type))).toEqual(new Set(ACTION_TYPES));
    expect(new Set(actions.map((a) => a.trigger.kind))).toEqual(new Set(TRIGGER_KINDS));
  });

  it('names the company in every customer-facing action and gives every email a subject', () => {
    for (const action of actions.filter((a) => CUSTOMER_FACING_TYPES.includes(a.type))) {
      expect({ key: action.key, mentions: `${action.subject}\n${action.body}`.includes('{{company}}') }).toEqual({
        key: action.key,
        mentions: true,
      });
    }
    for (const email of actions.filter((a) => a.type === 'email')) expect(email.subject.trim()).not.toBe('');
  });

  it('explains why the customer is asked for each portal request, and asks with several field kinds', () => {
    for (const request of actions.filter((a) => a.type === 'portal_form' || a.type === 'portal_document')) {
      expect(request.purpose.length).toBeGreaterThan(20);
    }
    const kinds = new Set(actions.flatMap((a) => a.formFields ?? []).map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['checkbox', 'date', 'email', 'long_text', 'number', 'select', 'text', 'url']);
  });

  it('passes the review lint: known placeholders only, no stand-in text, no bad or example links', () => {
    const texts = [spec.description, ...actions.flatMap((a) => [a.subject, a.body, a.purpose, a.instructions])];
    for (const text of texts) {
      const placeholders = [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => (m[1] ?? '').trim());
      expect(placeholders.filter((name) => !isKnownPlaceholder(name))).toEqual([]);
      expect(findStandIns(text)).toEqual([]);
      expect(malformedLinks(text)).toEqual([]);
      expect(exampleHosts(text)).toEqual([]);
    }
  });
});

describe('serializeTemplate', () => {
  it('round-trips the demo template', () => {
    const spec = parseTemplateFile(demoText, DEMO_FILE);
    expect(parseTemplateFile(serializeTemplate(spec), 'copy.yaml')).toEqual(spec);
  });

  it('round-trips awkward text exactly: YAML keywords, numbers, colons, comments, edge whitespace', () => {
    const spec: TemplateSpec = {
      name: 'yes',
      description: '',
      milestones: [
        {
          name: '123',
          plannedDays: 3,
          exitCriteria: 'Signed: by the sponsor # not a comment',
          description: '  leading spaces and a trailing newline\n',
          actions: [
            {
              key: 'intake',
              name: 'Intake form',
              type: 'portal_form',
              trigger: { kind: 'kickoff_offset', delayDays: -3 },
              subject: '{{company}} intake',
              body: 'Line one\n\n  indented line\nlast line without newline',
              instructions: 'null',
              purpose: "Because it's needed — “quoted” ünïcode",
              formFields: [
                { key: 'plan', label: 'Plan', kind: 'select', required: true, options: ['true', '1.0', 'Pro: annual'] },
                { key: 'notes', label: 'Notes', kind: 'long_text', required: false, help: '' },
              ],
            },
            {
              key: 'follow-up',
              name: 'Follow up',
              type: 'internal_task',
              trigger: { kind: 'submission', delayDays: 2, after: 'intake' },
              subject: '',
              body: 'Trailing blank lines\n\n\n',
              instructions: '',
              purpose: '',
            },
          ],
        },
      ],
    };
    const text = serializeTemplate(spec);
    expect(parseTemplateFile(text, 'awkward.yaml')).toEqual(spec);
    // Defaults are left out rather than written as empty strings.
    expect(text).not.toMatch(/^\s*(description|subject|instructions|purpose): ""$/m);
    expect(text).toContain('trigger: { kind: submission, delay_days: 2, after: intake }');
  });
});

describe('parseTemplateFile', () => {
  it('fills in defaults for optional fields', () => {
    const spec = parseTemplateFile(
      withActions('      - { key: call, name: Call, type: internal_task, trigger: { kind: manual } }'),
      'plan.yaml',
    );
    expect(spec).toEqual({
      name: 'Test plan',
      description: '',
      milestones: [
        {
          name: 'Kickoff',
          plannedDays: 5,
          exitCriteria: '',
          description: '',
          actions: [
            {
              key: 'call',
              name: 'Call',
              type: 'internal_task',
              trigger: { kind: 'manual', delayDays: 0 },
              subject: '',
              body: '',
              instructions: '',
              purpose: '',
            },
          ],
        },
      ],
    });
  });

  it('reads JSON files into the same spec as the equivalent YAML', () => {
    const json = JSON.stringify({
      name: 'Test plan',
      milestones: [
        {
          name: 'Kickoff',
          planned_days: 5,
          actions: [{ key: 'call', name: 'Call', type: 'internal_task', trigger: { kind: 'manual' } }],
        },
      ],
    });
    const fromYaml = parseTemplateFile(
      withActions('      - { key: call, name: Call, type: internal_task, trigger: { kind: manual } }'),
      'plan.yaml',
    );
    expect(parseTemplateFile(json, 'plan.json')).toEqual(fromYaml);
    // Without a known extension, the content decides.
    expect(parseTemplateFile(json, 'plan.txt')).toEqual(fromYaml);
  });

  it('rejects an unknown action type, naming the choices', () => {
    const error = errorFor(withActions('      - { key: hello, name: Hello, type: sms, trigger: { kind: manual } }'));
    expect(error.issues).toEqual([
      {
        path: 'milestones[0].actions[0].type',
        message: 'expected one of email, slack_message, portal_form, portal_document, internal_task, got "sms"',
      },
    ]);
    expect(error.message).toBe(
      'plan.yaml: milestones[0].actions[0].type: expected one of email, slack_message, portal_form, portal_document, internal_task, got "sms"',
    );
    expect(error.fileName).toBe('plan.yaml');
    expect(error).toBeInstanceOf(Error);
  });

  it('rejects an unknown key at the key itself, suggesting the likely intended one', () => {
    const error = errorFor(
      withActions(
        '      - { key: call, name: Call, type: internal_task, trigger: { kind: manual, delay: 2 }, instructons: Be brief }',
      ),
    );
    expect(error.message).toBe(
      [
        'plan.yaml: milestones[0].actions[0].trigger.delay: unknown key (did you mean "delay_days"?)',
        'plan.yaml: milestones[0].actions[0].instructons: unknown key (did you mean "instructions"?)',
      ].join('\n'),
    );
  });

  it('lists the allowed keys when an unknown key resembles none of them', () => {
    const error = errorFor('name: Test plan\nmilestones: []\nowner: Dana\n');
    expect(error.issues).toContainEqual({
      path: 'owner',
      message: 'unknown key (expected one of name, description, milestones)',
    });
    expect(error.issues).toContainEqual({ path: 'milestones', message: 'expected at least one milestone' });
  });

  it('requires a subject on emails', () => {
    const error = errorFor(
      withActions('      - { key: hello, name: Hello, type: email, body: Hi there, trigger: { kind: manual } }'),
    );
    expect(error.message).toBe(
      'plan.yaml: milestones[0].actions[0].subject: required for email actions (expected the email subject line)',
    );
  });

  it('requires form fields on portal forms, and allows them nowhere else', () => {
    expect(
      errorFor(withActions('      - { key: intake, name: Intake, type: portal_form, trigger: { kind: manual } }'))
        .message,
    ).toBe(
      'plan.yaml: milestones[0].actions[0].form_fields: required for portal_form actions (expected at least one field)',
    );
    expect(
      errorFor(
        withActions(
          '      - { key: intake, name: Intake, type: portal_form, form_fields: [], trigger: { kind: manual } }',
        ),
      ).message,
    ).toBe('plan.yaml: milestones[0].actions[0].form_fields: expected at least one field');
    expect(
      errorFor(
        withActions(
          '      - { key: note, name: Note, type: internal_task, trigger: { kind: manual }, form_fields: [{ key: a, label: A, kind: text }] }',
        ),
      ).message,
    ).toBe('plan.yaml: milestones[0].actions[0].form_fields: only allowed on portal_form actions, not internal_task');
  });

  it('reports every problem in the file at once, in file order', () => {
    const error = errorFor(
      [
        'name: Test plan',
        'milestones:',
        '  - name: Kickoff',
        '    planned_days: 0',
        '    actions:',
        '      - { key: Welcome Email, name: Welcome, type: email, trigger: { kind: soon } }',
        '      - { key: call, name: "  ", type: internal_task, trigger: { kind: manual, delay_days: 1.5 } }',
        '',
      ].join('\n'),
    );
    expect(error.message.split('\n')).toEqual([
      'plan.yaml: milestones[0].planned_days: expected at least 1, got 0',
      'plan.yaml: milestones[0].actions[0].key: expected a slug of lowercase letters, digits and hyphens (like welcome-email), got "Welcome Email"',
      'plan.yaml: milestones[0].actions[0].trigger.kind: expected one of milestone_start, previous_action, kickoff_offset, submission, manual, got "soon"',
      'plan.yaml: milestones[0].actions[0].subject: required for email actions (expected the email subject line)',
      'plan.yaml: milestones[0].actions[1].name: must not be empty (expected the action name)',
      'plan.yaml: milestones[0].actions[1].trigger.delay_days: expected a whole number, got 1.5',
    ]);
    expect(error.issues).toHaveLength(6);
  });

  it('names the line and column of a YAML syntax error', () => {
    const error = errorFor('name: Test plan\nmilestones:\n  - name: "Kickoff\n    planned_days: 5\n');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('line 5, column 1');
    expect(error.message).toBe('plan.yaml: line 5, column 1: invalid YAML: Missing closing "quote');
  });

  it('rejects a key written twice in one YAML mapping, at its second occurrence', () => {
    const error = errorFor('name: Test plan\nmilestones: []\nname: Other plan\n');
    expect(error.message).toBe(
      'plan.yaml: line 3, column 1: invalid YAML: duplicate key (each key may appear only once in a mapping)',
    );
  });

  it('names the line and column of a JSON syntax error', () => {
    const error = errorFor('{\n  "name": "Test plan",\n  "milestones": [],\n}\n', 'plan.json');
    expect(error.message).toBe('plan.json: line 4, column 1: invalid JSON: Expected double-quoted property name');
  });

  it('reports schema problems in JSON files with the same paths', () => {
    const json = JSON.stringify({
      name: 'Test plan',
      milestones: [
        {
          name: 'Kickoff',
          planned_days: 5,
          actions: [{ key: 'hi', name: 'Hi', type: 'email', trigger: { kind: 'manual' } }],
        },
      ],
    });
    expect(errorFor(json, 'plan.json').message).toBe(
      'plan.json: milestones[0].actions[0].subject: required for email actions (expected the email subject line)',
    );
  });

  it('rejects an empty file', () => {
    expect(errorFor('  \n').message).toBe(
      'plan.yaml: the file is empty (expected a template with a name and milestones)',
    );
  });

  it('runs the graph check and reports a duplicate action key at the second action', () => {
    const error = errorFor(
      withActions(
        '      - { key: welcome, name: Welcome, type: internal_task, trigger: { kind: manual } }',
        '      - { key: welcome, name: Welcome again, type: internal_task, trigger: { kind: manual } }',
      ),
    );
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('milestones[0].actions[1].key');
    expect(error.issues[0]?.message).toMatch(/"welcome".*milestones\[0\]\.actions\[0\]/);
    expect(error.message).toBe(`plan.yaml: milestones[0].actions[1].key: ${error.issues[0]?.message ?? ''}`);
  });

  it("writes graph-check paths in the file's snake_case", () => {
    const error = errorFor(
      withActions(
        '      - { key: nudge, name: Nudge, type: internal_task, trigger: { kind: milestone_start, delay_days: -1 } }',
        '      - { key: intake, name: Intake, type: portal_form, trigger: { kind: manual }, form_fields: [{ key: plan, label: Plan, kind: select }] }',
        '      - { key: chase, name: Chase, type: internal_task, trigger: { kind: previous_action, after: later } }',
      ),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'milestones[0].actions[0].trigger.delay_days',
      'milestones[0].actions[1].form_fields[0].options',
      'milestones[0].actions[2].trigger.after',
    ]);
  });
});
