/**
 * Template files: the JSON or YAML documents admins write (snake_case keys), parsed into
 * Thread's TemplateSpec and written back. Pure: text in, spec out; reading the file is the
 * caller's business.
 *
 * Every problem found is reported at once, each with a path into the file
 * (`milestones[2].actions[0].trigger`) and what was expected there, so an admin fixes a file in
 * one pass rather than one error per upload.
 */
import { z } from 'zod';
import { describeFound, notOneOfWords, wrongTypeWords } from './file-issue-words';
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, visit, Document } from 'yaml';
import {
  ACTION_TYPES,
  FORM_FIELD_KINDS,
  TRIGGER_KINDS,
  type FormField,
  type TemplateActionSpec,
  type TemplateMilestoneSpec,
  type TemplateSpec,
  type TriggerSpec,
} from './template';
import { validateTemplateGraph } from './plan';

export interface TemplateFileIssue {
  /** Where in the file, e.g. `milestones[2].actions[0].trigger`, or `line 4, column 7` for syntax errors; empty for the whole file. */
  path: string;
  message: string;
}

export class TemplateFileError extends Error {
  readonly fileName: string;
  readonly issues: TemplateFileIssue[];

  constructor(fileName: string, issues: TemplateFileIssue[]) {
    super(issues.map((issue) => formatIssue(fileName, issue)).join('\n'));
    this.name = 'TemplateFileError';
    this.fileName = fileName;
    this.issues = issues;
  }
}

function formatIssue(fileName: string, issue: TemplateFileIssue): string {
  return issue.path ? `${fileName}: ${issue.path}: ${issue.message}` : `${fileName}: ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------
// File schema (snake_case, as written by admins)

const ACTION_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FIELD_KEY = /^[a-z][a-z0-9_]*$/;

// Checked without trimming, so that parse(serialize(spec)) gives back exactly the spec.
const nonEmpty = (what: string) => z.string().regex(/\S/, { error: `must not be empty (expected ${what})` });

const actionKey = z.string().regex(ACTION_KEY, {
  error: (iss) =>
    `expected a slug of lowercase letters, digits and hyphens (like welcome-email), got ${describeFound(iss.input)}`,
});

const TriggerFile = z.strictObject({
  kind: z.enum(TRIGGER_KINDS),
  delay_days: z.number().int().default(0),
  after: actionKey.optional(),
});

const FormFieldFile = z.strictObject({
  key: z.string().regex(FIELD_KEY, {
    error: (iss) =>
      `expected a field key of lowercase letters, digits and underscores (like sso_provider), got ${describeFound(iss.input)}`,
  }),
  label: nonEmpty('the label shown to the customer'),
  kind: z.enum(FORM_FIELD_KINDS),
  required: z.boolean().default(false),
  options: z.array(nonEmpty('an option')).min(1, { error: 'expected at least one option' }).optional(),
  help: z.string().optional(),
});

const ActionFile = z.strictObject({
  key: actionKey,
  name: nonEmpty('the action name'),
  type: z.enum(ACTION_TYPES),
  trigger: TriggerFile,
  subject: z.string().default(''),
  body: z.string().default(''),
  instructions: z.string().default(''),
  purpose: z.string().default(''),
  form_fields: z.array(FormFieldFile).min(1, { error: 'expected at least one field' }).optional(),
});

const MilestoneFile = z.strictObject({
  name: nonEmpty('the milestone name'),
  planned_days: z.number().int().min(1),
  exit_criteria: z.string().default(''),
  description: z.string().default(''),
  actions: z.array(ActionFile),
});

const TemplateFile = z.strictObject({
  name: nonEmpty('the template name'),
  description: z.string().default(''),
  milestones: z.array(MilestoneFile).min(1, { error: 'expected at least one milestone' }),
});

type TemplateFileShape = z.output<typeof TemplateFile>;

/** Keys allowed in each kind of object, for "did you mean" on unknown keys. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return Object.keys(TemplateFile.shape);
  if (last === 'trigger') return Object.keys(TriggerFile.shape);
  if (typeof last === 'number' && parent === 'milestones') return Object.keys(MilestoneFile.shape);
  if (typeof last === 'number' && parent === 'actions') return Object.keys(ActionFile.shape);
  if (typeof last === 'number' && parent === 'form_fields') return Object.keys(FormFieldFile.shape);
  return [];
}

// ---------------------------------------------------------------------------------------------
// Issue wording

/** Per-parse error map: says what was expected and what was found, in the file's terms. */
const errorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return wrongTypeWords(iss.expected, iss.input);
    case 'invalid_value':
      return notOneOfWords(iss.values, iss.input);
    case 'too_small':
      if (iss.origin === 'number') return `expected at least ${String(iss.minimum)}, got ${describeFound(iss.input)}`;
      if (iss.origin === 'array') return `expected at least ${String(iss.minimum)} item(s)`;
      return 'must not be empty';
    default:
      return undefined;
  }
};

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = String(segment);
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) out += out ? `.${name}` : name;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

/** Paths from the graph check name TemplateSpec fields (camelCase); the file says snake_case. */
function specPathToFilePath(path: string): string {
  return path.replace(/\[[^\]]*\]|[^.[\]]+/g, (segment) =>
    segment.startsWith('[') ? segment : segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  );
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  const lower = key.toLowerCase();
  const closest = allowed
    .map((candidate) => ({
      candidate,
      // camelCase or a shortened name ("delay", "delayDays") is as likely a slip as a typo.
      distance:
        (lower.length >= 3 && candidate.startsWith(lower)) || candidate.replace(/_/g, '') === lower
          ? 0
          : editDistance(lower, candidate),
    }))
    .sort((a, b) => a.distance - b.distance)[0];
  if (closest && closest.distance <= Math.max(2, Math.floor(key.length / 3))) {
    return `unknown key (did you mean "${closest.candidate}"?)`;
  }
  return allowed.length ? `unknown key (expected one of ${allowed.join(', ')})` : 'unknown key';
}

/** One file issue per zod issue, except unknown keys: one per key, pointing at the key itself. */
function fromZodIssue(issue: z.core.$ZodIssue): TemplateFileIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(issue.path);
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: unknownKeyMessage(key, allowed),
    }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

// ---------------------------------------------------------------------------------------------
// Rules that tie one field to another (the action's type). Run on the raw input alongside the
// schema, so that they are reported even when the same action also has a typo elsewhere.
// Rules about how actions relate (keys, `after`, delays, select options) are the graph check's.

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const recordsOf = (value: unknown): [number, Raw][] =>
  Array.isArray(value) ? value.flatMap((item, index) => (isRecord(item) ? [[index, item] as [number, Raw]] : [])) : [];

function crossFieldIssues(raw: unknown): { path: PropertyKey[]; message: string }[] {
  const issues: { path: PropertyKey[]; message: string }[] = [];
  if (!isRecord(raw)) return issues;
  for (const [m, milestone] of recordsOf(raw.milestones)) {
    for (const [a, action] of recordsOf(milestone.actions)) {
      const at = (...rest: PropertyKey[]) => ['milestones', m, 'actions', a, ...rest];
      const type = action.type;

      if (
        type === 'email' &&
        (action.subject === undefined || (typeof action.subject === 'string' && !action.subject.trim()))
      ) {
        issues.push({ path: at('subject'), message: 'required for email actions (expected the email subject line)' });
      }
      if (type === 'portal_form' && action.form_fields === undefined) {
        issues.push({
          path: at('form_fields'),
          message: 'required for portal_form actions (expected at least one field)',
        });
      }
      if (typeof type === 'string' && type !== 'portal_form' && action.form_fields !== undefined) {
        issues.push({ path: at('form_fields'), message: `only allowed on portal_form actions, not ${type}` });
      }

      for (const [f, field] of recordsOf(action.form_fields)) {
        if (typeof field.kind === 'string' && field.kind !== 'select' && field.options !== undefined) {
          issues.push({
            path: at('form_fields', f, 'options'),
            message: `only allowed on select fields, not ${field.kind}`,
          });
        }
      }
    }
  }
  return issues;
}

/** Orders issues by milestone, then action, then field, keeping the schema's order within one object. */
function byPosition(a: { path: readonly PropertyKey[] }, b: { path: readonly PropertyKey[] }): number {
  const ia = a.path.filter((s): s is number => typeof s === 'number');
  const ib = b.path.filter((s): s is number => typeof s === 'number');
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    if (ia[i] !== ib[i]) return ia[i]! - ib[i]!;
  }
  return ia.length - ib.length;
}

// ---------------------------------------------------------------------------------------------
// Text → data

type Syntax = 'json' | 'yaml';

function syntaxOf(text: string, fileName: string): Syntax {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines[lines.length - 1]?.length ?? 0) + 1}`;
}

function readJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? text.length : Number(position);
    const what = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new TemplateFileError(fileName, [{ path: lineAndColumn(text, offset), message: `invalid JSON: ${what}` }]);
  }
}

const INDENT_HINT = "a value seems to run on into the next line; check that line's indentation";
const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate key (each key may appear only once in a mapping)',
  MULTIPLE_DOCS: 'expected a single YAML document, found a second one after ---',
  BLOCK_AS_IMPLICIT_KEY: INDENT_HINT,
  MULTILINE_IMPLICIT_KEY: INDENT_HINT,
  TAB_AS_INDENT: 'tabs are not allowed for indentation; use spaces',
};

function readYaml(text: string, fileName: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: TemplateFileIssue[] = [];
    const seen = new Set<string>();
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const path = `line ${line}, column ${col}`;
      // One syntax slip often yields several errors at the same place; the first says it best.
      if (seen.has(path)) continue;
      seen.add(path);
      issues.push({ path, message: `invalid YAML: ${YAML_MESSAGES[error.code] ?? error.message}` });
    }
    throw new TemplateFileError(fileName, issues);
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}

// ---------------------------------------------------------------------------------------------
// File shape ↔ spec

function toSpec(file: TemplateFileShape): TemplateSpec {
  return {
    name: file.name,
    description: file.description,
    milestones: file.milestones.map((m): TemplateMilestoneSpec => ({
      name: m.name,
      plannedDays: m.planned_days,
      exitCriteria: m.exit_criteria,
      description: m.description,
      actions: m.actions.map((a): TemplateActionSpec => {
        const trigger: TriggerSpec = { kind: a.trigger.kind, delayDays: a.trigger.delay_days };
        if (a.trigger.after !== undefined) trigger.after = a.trigger.after;
        const action: TemplateActionSpec = {
          key: a.key,
          name: a.name,
          type: a.type,
          trigger,
          subject: a.subject,
          body: a.body,
          instructions: a.instructions,
          purpose: a.purpose,
        };
        if (a.form_fields !== undefined) {
          action.formFields = a.form_fields.map((f): FormField => {
            const field: FormField = { key: f.key, label: f.label, kind: f.kind, required: f.required };
            if (f.options !== undefined) field.options = f.options;
            if (f.help !== undefined) field.help = f.help;
            return field;
          });
        }
        return action;
      }),
    })),
  };
}

/** Parses and validates a template file; throws TemplateFileError listing every problem found. */
export function parseTemplateFile(text: string, fileName: string): TemplateSpec {
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) {
    throw new TemplateFileError(fileName, [
      { path: '', message: 'the file is empty (expected a template with a name and milestones)' },
    ]);
  }
  const raw = syntaxOf(source, fileName) === 'json' ? readJson(source, fileName) : readYaml(source, fileName);

  const result = TemplateFile.safeParse(raw, { error: errorMap });
  const located: { path: readonly PropertyKey[]; issues: TemplateFileIssue[] }[] = [
    ...(result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, issues: fromZodIssue(issue) }))),
    ...crossFieldIssues(raw).map((issue) => ({
      path: issue.path,
      issues: [{ path: formatPath(issue.path), message: issue.message }],
    })),
  ];
  const issues = located.sort(byPosition).flatMap((entry) => entry.issues);
  if (issues.length > 0 || !result.success) throw new TemplateFileError(fileName, dedupe(issues));

  const spec = toSpec(result.data);
  const graphIssues = validateTemplateGraph(spec).map((issue) => ({
    path: specPathToFilePath(issue.path),
    message: issue.message,
  }));
  if (graphIssues.length > 0) throw new TemplateFileError(fileName, graphIssues);
  return spec;
}

function dedupe(issues: TemplateFileIssue[]): TemplateFileIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const id = `${issue.path}\u0000${issue.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Spec → text

/** Writes a spec in the YAML file format; empty optional texts are left out (they default back to ""). */
export function serializeTemplate(spec: TemplateSpec): string {
  const optional = (key: string, value: string): Raw => (value ? { [key]: value } : {});
  const file = {
    name: spec.name,
    ...optional('description', spec.description),
    milestones: spec.milestones.map((m) => ({
      name: m.name,
      planned_days: m.plannedDays,
      ...optional('exit_criteria', m.exitCriteria),
      ...optional('description', m.description),
      actions: m.actions.map((a) => ({
        key: a.key,
        name: a.name,
        type: a.type,
        trigger: {
          kind: a.trigger.kind,
          delay_days: a.trigger.delayDays,
          ...(a.trigger.after !== undefined ? { after: a.trigger.after } : {}),
        },
        ...optional('subject', a.subject),
        ...optional('body', a.body),
        ...optional('instructions', a.instructions),
        ...optional('purpose', a.purpose),
        ...(a.formFields !== undefined
          ? {
              form_fields: a.formFields.map((f) => ({
                key: f.key,
                label: f.label,
                kind: f.kind,
                required: f.required,
                ...(f.options !== undefined ? { options: f.options } : {}),
                ...(f.help !== undefined ? { help: f.help } : {}),
              })),
            }
          : {}),
      })),
    })),
  };

  const doc = new Document(file);
  // Triggers and option lists are short: one line each, as admins write them by hand.
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      if (pair.key.value === 'trigger' && isMap(pair.value)) pair.value.flow = true;
      if (pair.key.value === 'options' && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, blockQuote: 'literal' });
}
