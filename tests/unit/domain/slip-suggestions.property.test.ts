/**
 * Slip suggestions on every shipped template, from random ledgers: whatever the evidence, each suggestion is about
 * a step that slipped on enough accounts, has an id of its own that reads back, does not depend on the order the
 * evidence came in, and, applied, gives a template the file format and the graph check accept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { SLIP_SIDES } from '../../../src/domain/onboarding-clock-types';
import {
  applySlipChange,
  MIN_ACCOUNTS,
  parseSlipSuggestionId,
  suggestTemplateChanges,
  templateRef,
  type SlipEvidence,
  type TemplateUnderReview,
} from '../../../src/domain/slip-suggestions';
import { parseTemplateFile, serializeTemplate } from '../../../src/domain/template-file';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');
const shipped: TemplateUnderReview[] = readdirSync(TEMPLATES_DIR)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((file, i) => ({
    id: `tpl_${i}`,
    name: file,
    version: 1 + i,
    spec: parseTemplateFile(readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'), file),
  }));

function evidenceFor(t: TemplateUnderReview) {
  const keys = t.spec.milestones.flatMap((m) => m.actions.map((a) => a.key));
  const names = t.spec.milestones.map((m) => m.name);
  const step = fc.record({
    templateId: fc.constant(t.id),
    actionKey: fc.option(fc.constantFrom(...keys, 'gone-step'), { nil: null }),
    side: fc.constantFrom(...SLIP_SIDES),
    milestoneName: fc.constantFrom(...names, 'Gone milestone'),
    accounts: fc.integer({ min: 1, max: 12 }),
    days: fc.integer({ min: 1, max: 200 }),
  });
  return fc.record({
    templates: fc.constant([t]),
    steps: fc.array(step, { maxLength: 25 }),
    // A wait measured (or not) for every step, so requests customers are slow on come up in most runs.
    waits: fc.tuple(
      ...keys.map((actionKey) =>
        fc.record({
          templateId: fc.constant(t.id),
          actionKey: fc.constant(actionKey),
          samples: fc.integer({ min: 0, max: 12 }),
          medianWaitHours: fc.double({ min: 0, max: 2000, noNaN: true }),
        }),
      ),
    ),
    needs: fc.array(
      fc.record({
        templateId: fc.constant(t.id),
        milestoneName: fc.constantFrom(...names),
        accounts: fc.integer({ min: 1, max: 12 }),
        medianNeededDays: fc.double({ min: 1, max: 60, noNaN: true }),
      }),
      { maxLength: 6 },
    ),
  }) satisfies fc.Arbitrary<SlipEvidence>;
}

describe.each(shipped.map((t) => [t.name, t] as const))('slip suggestions for %s', (_name, t) => {
  it('are each about a step that slipped on enough accounts, with an id of its own that reads back', () => {
    fc.assert(
      fc.property(evidenceFor(t), (evidence) => {
        const suggestions = suggestTemplateChanges(evidence);
        expect(new Set(suggestions.map((s) => s.id)).size).toBe(suggestions.length);
        for (const s of suggestions) {
          expect(s.accounts).toBeGreaterThanOrEqual(MIN_ACCOUNTS);
          expect(parseSlipSuggestionId(s.id)).toEqual({
            templateRef: templateRef(t.id),
            version: t.version,
            kind: s.change.kind,
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('do not depend on the order of the evidence', () => {
    fc.assert(
      fc.property(
        evidenceFor(t).chain((e) =>
          fc.shuffledSubarray(e.steps, { minLength: e.steps.length }).map((s) => [e, s] as const),
        ),
        ([evidence, shuffled]) => {
          expect(suggestTemplateChanges({ ...evidence, steps: shuffled })).toEqual(suggestTemplateChanges(evidence));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applied, give a template the file format and the graph check accept', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(evidenceFor(t), (evidence) => {
        for (const s of suggestTemplateChanges(evidence)) {
          kinds.add(s.change.kind);
          const applied = applySlipChange(t.spec, s.change);
          if (!applied.ok) throw new Error(applied.message);
          expect(() => parseTemplateFile(serializeTemplate(applied.value), 'applied.yaml')).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
    // Both kinds of change came up, so the property was not checked on nothing.
    expect([...kinds].sort()).toEqual(['ask_at_kickoff', 'extend_milestone']);
  });
});

it('there is a shipped template to check', () => {
  expect(shipped.length).toBeGreaterThan(0);
});
