import {
  applySlipChange,
  MIN_ACCOUNTS,
  parseSlipSuggestionId,
  slipSuggestionId,
  suggestTemplateChanges,
  templateRef,
  type SlipEvidence,
  type StepSlipStat,
  type TemplateUnderReview,
} from '../../../src/domain/slip-suggestions';
import { validateTemplateGraph } from '../../../src/domain/template-graph';
import { action, milestone, template } from './template-builders';

const FORM_FIELDS = [{ key: 'provider', label: 'Your SSO provider', kind: 'text' as const, required: true }];

/** Kickoff (3 days) → Technical Setup (5 days, the SSO form two days in, then a review waiting on its answer). */
const STANDARD: TemplateUnderReview = {
  id: 'tpl_standard',
  name: 'Standard onboarding',
  version: 2,
  spec: template([
    milestone('Kickoff', 3, [
      action('welcome', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
      action('goals-form', 'portal_form', { kind: 'previous_action', delayDays: 1 }, { formFields: FORM_FIELDS }),
    ]),
    milestone('Technical Setup', 5, [
      action(
        'sso-form',
        'portal_form',
        { kind: 'milestone_start', delayDays: 2 },
        { name: 'SSO form', formFields: FORM_FIELDS },
      ),
      action('review-sso', 'internal_task', { kind: 'submission', delayDays: 0, after: 'sso-form' }),
      action('check-in', 'email', { kind: 'previous_action', delayDays: 1 }, { name: 'Check-in email' }),
    ]),
  ]),
};

function evidence(over: Partial<SlipEvidence> = {}): SlipEvidence {
  return { templates: [STANDARD], steps: [], waits: [], needs: [], ...over };
}

function step(over: Partial<StepSlipStat>): StepSlipStat {
  return {
    templateId: STANDARD.id,
    actionKey: 'sso-form',
    side: 'customer',
    milestoneName: 'Technical Setup',
    accounts: 4,
    days: 19,
    ...over,
  };
}

describe('suggestTemplateChanges', () => {
  it('asks for a late portal request at kickoff when customers are slow to answer it', () => {
    // Four accounts lost 19 days to the SSO form (sent in Technical Setup). The customer's median wait on it is
    // 150 business hours: 6 whole days (6 × 24 = 144 ≤ 150 < 168).
    const [suggestion, ...rest] = suggestTemplateChanges(
      evidence({
        steps: [step({})],
        waits: [{ templateId: STANDARD.id, actionKey: 'sso-form', samples: 4, medianWaitHours: 150 }],
      }),
    );
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({
      id: `${templateRef(STANDARD.id)}.v2.kickoff-sso-form`,
      templateName: 'Standard onboarding',
      templateVersion: 2,
      sentence: 'Customers wait a median 6 days on the SSO form in Technical Setup: ask for it at kickoff.',
      evidence: '19 days behind plan on 4 accounts',
      changeWords: '"SSO form": sent 2 days after its milestone starts → sent at kickoff',
      change: {
        kind: 'ask_at_kickoff',
        actionKey: 'sso-form',
        from: { kind: 'milestone_start', delayDays: 2 },
      },
    });
  });

  it('suggests nothing for a step that slipped on fewer accounts than the minimum', () => {
    // Two accounts with 30 days between them is still two accounts: it could be two bad customers.
    const suggestions = suggestTemplateChanges(
      evidence({
        steps: [step({ accounts: MIN_ACCOUNTS - 1, days: 30 })],
        waits: [{ templateId: STANDARD.id, actionKey: 'sso-form', samples: 2, medianWaitHours: 400 }],
        needs: [{ templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 2, medianNeededDays: 20 }],
      }),
    );
    expect(suggestions).toEqual([]);
  });

  it('extends the milestone instead when customers answer the request quickly', () => {
    // A median wait of 40 business hours is 1 day, under the 2-day minimum: asking earlier would not save much.
    // The accounts that overran Technical Setup needed a median 7.5 days (planned 5 + overrun): plan 8 (rounded up).
    const [suggestion] = suggestTemplateChanges(
      evidence({
        steps: [step({})],
        waits: [{ templateId: STANDARD.id, actionKey: 'sso-form', samples: 4, medianWaitHours: 40 }],
        needs: [{ templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 4, medianNeededDays: 7.5 }],
      }),
    );
    expect(suggestion).toMatchObject({
      id: `${templateRef(STANDARD.id)}.v2.extend-2-to-8`,
      sentence:
        'Technical Setup runs a median 3 days over plan, mostly waiting on the customer for the SSO form: plan 8 days for it instead of 5.',
      changeWords: 'Technical Setup: 5 → 8 planned days',
      change: { kind: 'extend_milestone', milestoneIndex: 1, fromDays: 5, toDays: 8 },
    });
  });

  it('never asks at kickoff for a request already in the first milestone, or for our own steps', () => {
    const suggestions = suggestTemplateChanges(
      evidence({
        steps: [
          // goals-form is in Kickoff: it already goes out close to kickoff.
          step({ actionKey: 'goals-form', milestoneName: 'Kickoff', days: 12 }),
          // review-sso waits on us; a block has no step at all.
          step({ actionKey: 'review-sso', side: 'us', days: 9 }),
        ],
        waits: [{ templateId: STANDARD.id, actionKey: 'goals-form', samples: 5, medianWaitHours: 200 }],
        needs: [
          { templateId: STANDARD.id, milestoneName: 'Kickoff', accounts: 4, medianNeededDays: 6 },
          { templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 4, medianNeededDays: 7 },
        ],
      }),
    );
    expect(suggestions.map((s) => [s.change.kind, s.sentence])).toEqual([
      [
        'extend_milestone',
        'Kickoff runs a median 3 days over plan, mostly waiting on the customer for the Action goals-form: plan 6 days for it instead of 3.',
      ],
      [
        'extend_milestone',
        'Technical Setup runs a median 2 days over plan, mostly waiting on us for the Action review-sso: plan 7 days for it instead of 5.',
      ],
    ]);
  });

  it('names the side of days no step explains (blocks, nothing open)', () => {
    const [suggestion] = suggestTemplateChanges(
      evidence({
        steps: [step({ actionKey: null, side: 'third_party', days: 8 })],
        needs: [{ templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 3, medianNeededDays: 6 }],
      }),
    );
    expect(suggestion!.sentence).toBe(
      'Technical Setup runs a median 1 day over plan, mostly waiting on a third party: plan 6 days for it instead of 5.',
    );
  });

  it('makes one suggestion per milestone, for its costliest step, costliest first', () => {
    const suggestions = suggestTemplateChanges(
      evidence({
        steps: [
          step({ actionKey: 'check-in', days: 5, accounts: 3 }),
          step({ actionKey: 'review-sso', side: 'us', days: 11, accounts: 5 }),
          step({ actionKey: 'sso-form', days: 20 }),
        ],
        waits: [{ templateId: STANDARD.id, actionKey: 'sso-form', samples: 4, medianWaitHours: 72 }],
        needs: [{ templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 6, medianNeededDays: 9 }],
      }),
    );
    expect(suggestions.map((s) => [s.actionKey, s.change.kind, s.days])).toEqual([
      ['sso-form', 'ask_at_kickoff', 20],
      ['review-sso', 'extend_milestone', 11],
    ]);
  });

  it('asks for no extension a milestone already has: accounts planned under a shorter version count their own plan', () => {
    // The template already plans Technical Setup at 5; accounts that needed a median 5 days (3 planned + 2 over,
    // under an older version) are covered.
    const suggestions = suggestTemplateChanges(
      evidence({
        steps: [step({ actionKey: 'check-in' })],
        needs: [{ templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 4, medianNeededDays: 5 }],
      }),
    );
    expect(suggestions).toEqual([]);
  });

  it('suggests nothing about a step the template no longer has, or a template it does not know', () => {
    const suggestions = suggestTemplateChanges(
      evidence({
        steps: [
          step({ actionKey: 'old-step', milestoneName: 'Security review' }),
          step({ templateId: 'tpl_gone', days: 40 }),
        ],
        needs: [{ templateId: STANDARD.id, milestoneName: 'Security review', accounts: 4, medianNeededDays: 9 }],
      }),
    );
    expect(suggestions).toEqual([]);
  });

  it('gives the same suggestions, with the same ids, whatever order the evidence comes in', () => {
    const steps = [
      step({ actionKey: 'sso-form', days: 9 }),
      step({ actionKey: 'review-sso', side: 'us', days: 9 }),
      step({ actionKey: 'goals-form', milestoneName: 'Kickoff', days: 9 }),
    ];
    const rest = {
      waits: [{ templateId: STANDARD.id, actionKey: 'sso-form', samples: 4, medianWaitHours: 100 }],
      needs: [
        { templateId: STANDARD.id, milestoneName: 'Kickoff', accounts: 4, medianNeededDays: 4 },
        { templateId: STANDARD.id, milestoneName: 'Technical Setup', accounts: 4, medianNeededDays: 6 },
      ],
    };
    const forward = suggestTemplateChanges(evidence({ steps, ...rest }));
    const backward = suggestTemplateChanges(evidence({ steps: [...steps].reverse(), ...rest }));
    expect(backward).toEqual(forward);
    expect(forward.map((s) => s.id)).toEqual([
      `${templateRef(STANDARD.id)}.v2.extend-1-to-4`,
      `${templateRef(STANDARD.id)}.v2.extend-2-to-6`,
      `${templateRef(STANDARD.id)}.v2.kickoff-sso-form`,
    ]);
  });
});

describe('suggestion ids', () => {
  it('read back as the template, the version and the kind of change', () => {
    const id = slipSuggestionId(STANDARD, {
      kind: 'ask_at_kickoff',
      actionKey: 'sso-form',
      actionName: 'SSO form',
      milestoneName: 'Technical Setup',
      from: { kind: 'milestone_start', delayDays: 2 },
    });
    expect(parseSlipSuggestionId(id)).toEqual({
      templateRef: templateRef(STANDARD.id),
      version: 2,
      kind: 'ask_at_kickoff',
    });
    expect(parseSlipSuggestionId(` ${templateRef('x')}.v12.extend-3-to-9 `)).toMatchObject({
      version: 12,
      kind: 'extend_milestone',
    });
  });

  it('are refused when mistyped', () => {
    for (const bad of [
      '',
      'kickoff-sso-form',
      'abcdef.v0.kickoff-x',
      'abcdef.v2.kickoff-',
      'abcdef.v2.extend-2-to-x',
      '<!channel>',
    ]) {
      expect(parseSlipSuggestionId(bad)).toBeNull();
    }
  });

  it('name different templates differently', () => {
    expect(templateRef('tpl_a')).not.toBe(templateRef('tpl_b'));
    expect(templateRef('tpl_a')).toMatch(/^[0-9a-z]{6}$/);
  });
});

describe('applySlipChange', () => {
  it('sends the request at kickoff, dropping what it waited on, and the template still passes the graph check', () => {
    const applied = applySlipChange(STANDARD.spec, {
      kind: 'ask_at_kickoff',
      actionKey: 'sso-form',
      actionName: 'SSO form',
      milestoneName: 'Technical Setup',
      from: { kind: 'milestone_start', delayDays: 2 },
    });
    if (!applied.ok) throw new Error(applied.message);
    const sso = applied.value.milestones[1]!.actions[0]!;
    expect(sso.trigger).toEqual({ kind: 'kickoff_offset', delayDays: 0 });
    // The review still waits on the form's submission, so nothing is stranded.
    expect(applied.value.milestones[1]!.actions[1]!.trigger).toEqual({
      kind: 'submission',
      delayDays: 0,
      after: 'sso-form',
    });
    expect(validateTemplateGraph(applied.value)).toEqual([]);
    // The spec given is left as it was.
    expect(STANDARD.spec.milestones[1]!.actions[0]!.trigger.kind).toBe('milestone_start');
  });

  it('plans the milestone longer', () => {
    const applied = applySlipChange(STANDARD.spec, {
      kind: 'extend_milestone',
      milestoneIndex: 1,
      milestoneName: 'Technical Setup',
      fromDays: 5,
      toDays: 8,
    });
    expect(applied.ok && applied.value.milestones.map((m) => m.plannedDays)).toEqual([3, 8]);
  });

  it('refuses a change whose step is no longer as it was', () => {
    expect(
      applySlipChange(STANDARD.spec, {
        kind: 'extend_milestone',
        milestoneIndex: 1,
        milestoneName: 'Technical Setup',
        fromDays: 4,
        toDays: 8,
      }),
    ).toEqual({
      ok: false,
      message:
        'Technical Setup is no longer planned at 4 days in "Standard onboarding", so the suggestion no longer applies.',
    });
    expect(
      applySlipChange(STANDARD.spec, {
        kind: 'ask_at_kickoff',
        actionKey: 'sso-form',
        actionName: 'SSO form',
        milestoneName: 'Technical Setup',
        from: { kind: 'milestone_start', delayDays: 1 },
      }),
    ).toEqual({
      ok: false,
      message:
        '"SSO form" is no longer sent 1 day after its milestone starts in "Standard onboarding", so the suggestion no longer applies.',
    });
  });
});
