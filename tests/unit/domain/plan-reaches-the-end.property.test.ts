/**
 * Every shipped template, played in a thousand random orders per template, reaches the end: every action fires
 * (unless a person skipped it before it did) and every milestone, the last one included, completes. The play is
 * the engine's own rules in memory (plan-model.ts); the services apply the same rules to the database, and
 * tests/integration/plan/plan-reaches-the-end.test.ts plays the shipped template there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { businessCalendar } from '../../../src/domain/business-days';
import { parseTemplateFile } from '../../../src/domain/template-file';
import { validateTemplateGraph } from '../../../src/domain/template-graph';
import type { TemplateSpec } from '../../../src/domain/template';
import { action, milestone, template } from './template-builders';
import { newPlanModel, playToTheEnd } from './plan-model';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');
const RUNS_PER_TEMPLATE = 1000;

const shipped = readdirSync(TEMPLATES_DIR)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => [f, parseTemplateFile(readFileSync(path.join(TEMPLATES_DIR, f), 'utf8'), f)] as const);

/** A calendar and a kickoff: zones on both sides of UTC, a Sunday-to-Thursday week, kickoffs on any weekday. */
const setting = fc.record({
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'),
  workingDays: fc.constantFrom([1, 2, 3, 4, 5], [7, 1, 2, 3, 4]),
  kickoffDay: fc.integer({ min: 0, max: 13 }),
  /** The account is created up to a week before its kickoff. */
  createdDaysBefore: fc.integer({ min: 0, max: 7 }),
});
/** Each number picks one of the moves open at that point; then the onboarding is finished going forward only. */
const choices = fc.array(fc.nat(), { maxLength: 200, size: 'max' });

function modelFor(
  spec: TemplateSpec,
  s: { timeZone: string; workingDays: readonly number[]; kickoffDay: number; createdDaysBefore: number },
) {
  const kickoffDate = new Date(Date.UTC(2026, 2, 2 + s.kickoffDay));
  return newPlanModel(spec, {
    kickoffDate,
    calendar: businessCalendar(s.timeZone, s.workingDays),
    createdAt: new Date(kickoffDate.getTime() - s.createdDaysBefore * 86_400_000),
  });
}

test('there is at least one shipped template to play', () => {
  expect(shipped.length).toBeGreaterThan(0);
});

describe.each(shipped)('%s', (_file, spec) => {
  it(`reaches the end in ${RUNS_PER_TEMPLATE} random orders of execute, complete, skip, block and unblock`, () => {
    fc.assert(
      fc.property(setting, choices, (s, picks) => {
        const model = modelFor(spec, s);
        const result = playToTheEnd(model, picks);
        expect(result.stranded).toEqual([]);
        const neverFired = model.actions.filter((a) => !a.fired && !a.skippedUnfired).map((a) => a.key);
        expect(neverFired).toEqual([]);
        expect(model.milestones.at(-1)?.status).toBe('completed');
      }),
      { numRuns: RUNS_PER_TEMPLATE },
    );
  });
});

describe('the play finds a strand when there is one', () => {
  const withFormFirst = template([
    milestone('Kickoff', 3, [
      action(
        'questions',
        'portal_form',
        { kind: 'milestone_start', delayDays: 0 },
        { formFields: [{ key: 'q', label: 'Question', kind: 'text', required: true }] },
      ),
      action('after-answers', 'internal_task', { kind: 'submission', delayDays: 0 }),
    ]),
  ]);

  it('a form the customer can never answer strands what waits on it, and the play names both', () => {
    const model = modelFor(withFormFirst, {
      timeZone: 'UTC',
      workingDays: [1, 2, 3, 4, 5],
      kickoffDay: 0,
      createdDaysBefore: 0,
    });
    // As if the form had no questions: the portal would refuse every answer (the import refuses such a template).
    model.actions.find((a) => a.key === 'questions')!.answerable = false;
    expect(playToTheEnd(model, []).stranded).toEqual([
      'questions (executed, milestone_start, due 2026-03-02T09:00:00.000Z)',
      'after-answers (pending, submission, waits on questions, due never)',
      'milestone Kickoff (in_progress)',
    ]);
  });

  it('the import refuses such a template, naming the action', () => {
    const noQuestions = template([
      milestone('Kickoff', 3, [action('questions', 'portal_form', { kind: 'milestone_start', delayDays: 0 })]),
    ]);
    expect(validateTemplateGraph(noQuestions).map((p) => p.message)).toEqual([
      expect.stringContaining('"questions" could never be answered'),
    ]);
  });
});
