/**
 * The contradiction rules over any answers a form or an AE could produce: they never throw, every finding they make
 * is well formed, and from empty input (no answers, or only blank ones, and no CRM facts) they find nothing.
 */
import fc from 'fast-check';
import { findHandoffContradictions, HANDOFF_RULES, type HandoffCheckInput } from '../../../src/domain/handoff-checks';

const KEYS = [
  'promised_go_live',
  'seats',
  'arr',
  'integrations',
  'requirements',
  'stakeholders',
  'kickoff_date',
  'success_criteria',
  'custom',
];

/** Text a person, a picker or an attacker could send: dates, amounts, choices, lines, mentions and noise. */
const value = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 100, unit: 'grapheme' }),
  fc.constantFrom(
    '2027-03-15',
    '2027-02-30',
    '15 March 2027',
    '03/04/2027',
    '48,000',
    '48.000',
    '1.2M',
    '["SSO","Data import"]',
    '[{"x":1}]',
    'Dana Scully, CTO, dana@umbrella.io\nFox <fox@x.io>',
    '<!channel> <script>alert(1)</script>',
    'No SSO, but an API',
    '9'.repeat(400),
  ),
  fc
    .array(fc.constantFrom('SSO', 'okta', 'CSV', ',', '\n', ' ', '@', 'a@b.io', '<', '(', '-', '2027-01-01'), {
      maxLength: 40,
    })
    .map((parts) => parts.join('')),
);

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const plan = fc.record({
  kickoffDate: day,
  goLiveDate: fc.option(day, { nil: null }),
  milestones: fc.array(fc.record({ name: fc.string({ maxLength: 30 }), completed: fc.boolean() }), { maxLength: 6 }),
  actions: fc.array(
    fc.record({
      key: fc.string({ maxLength: 20 }),
      name: fc.string({ maxLength: 40 }),
      type: fc.constant('email'),
      milestoneName: fc.string({ maxLength: 20 }),
    }),
    { maxLength: 10 },
  ),
  templateActionsNotInPlan: fc.array(
    fc.record({
      key: fc.string({ maxLength: 20 }),
      name: fc.constantFrom('Configure SSO', 'Data import', 'x'),
      type: fc.constant('internal_task'),
      milestoneName: fc.string({ maxLength: 20 }),
    }),
    { maxLength: 4 },
  ),
});

const contacts = fc.array(fc.record({ name: fc.string({ maxLength: 40 }), email: fc.string({ maxLength: 40 }) }), {
  maxLength: 5,
});

const input: fc.Arbitrary<HandoffCheckInput> = fc.record({
  answers: fc.array(
    fc.record({
      key: fc.constantFrom(...KEYS),
      label: fc.string({ maxLength: 60 }),
      kind: fc.constantFrom('text', 'date', 'number', 'long_text'),
      value,
    }),
    { maxLength: 12 },
  ),
  deal: fc.option(
    fc.record({
      amount: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: null }),
      currency: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
      seats: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: null }),
      closeDate: fc.option(fc.oneof(day, fc.string({ maxLength: 12 })), { nil: null }),
    }),
    { nil: null },
  ),
  accountArr: fc.nat(),
  contacts,
  plan,
});

describe('the handoff contradiction rules, on any input', () => {
  it('never throw, and every finding names a known rule with a message, a fingerprint and a suggestion', () => {
    fc.assert(
      fc.property(input, (i) => {
        for (const f of findHandoffContradictions(i)) {
          expect(HANDOFF_RULES).toContain(f.rule);
          expect(f.message.trim()).not.toBe('');
          expect(f.fingerprint.startsWith(`${f.rule}:`)).toBe(true);
          expect(typeof f.suggestion.kind).toBe('string');
          expect(f.message).not.toMatch(/NaN|undefined|Invalid Date/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('find nothing when nothing was answered and the CRM said nothing, whatever the plan and the contacts', () => {
    const blanks = fc.array(
      fc.record({
        key: fc.constantFrom(...KEYS),
        label: fc.string({ maxLength: 60 }),
        kind: fc.constant('text'),
        value: fc.constantFrom('', ' ', '\n\t '),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(blanks, plan, fc.nat(), contacts, (answers, p, accountArr, known) => {
        expect(findHandoffContradictions({ answers, deal: null, accountArr, contacts: known, plan: p })).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('give the same findings for the same input, so a re-run recognises what was already decided', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(findHandoffContradictions(i)).toEqual(findHandoffContradictions(structuredClone(i)));
      }),
      { numRuns: 300 },
    );
  });
});
