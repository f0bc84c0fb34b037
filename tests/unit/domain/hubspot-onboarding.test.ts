import {
  onboardingNote,
  onboardingProperties,
  THREAD_COMPANY_PROPERTIES,
  type OnboardingEventFacts,
  type OnboardingSnapshot,
} from '../../../src/domain/hubspot-onboarding';

const snapshot = (over: Partial<OnboardingSnapshot> = {}): OnboardingSnapshot => ({
  status: 'active',
  milestones: [
    { name: 'Kickoff', status: 'completed' },
    { name: 'Setup', status: 'in_progress' },
    { name: 'Go-Live', status: 'pending' },
  ],
  goLiveDate: new Date('2026-05-02T00:00:00Z'),
  goLiveActualDate: null,
  portalPreviewUrl: 'https://thread.example/portal/preview/acc.1.sig',
  ...over,
});

const event = (over: Partial<OnboardingEventFacts>): OnboardingEventFacts => ({
  entityType: 'milestone',
  fromState: 'in_progress',
  toState: 'completed',
  reason: null,
  data: null,
  accountName: 'Acme',
  milestoneName: 'Kickoff',
  actorName: null,
  ...over,
});

describe('onboardingProperties', () => {
  it('writes every Thread property, and only those', () => {
    const values = onboardingProperties(snapshot());
    expect(Object.keys(values).sort()).toEqual(THREAD_COMPANY_PROPERTIES.map((p) => p.name).sort());
    expect(values).toEqual({
      thread_onboarding_status: 'active',
      thread_current_milestone: 'Setup',
      thread_progress_pct: '33',
      thread_planned_go_live: '2026-05-02',
      thread_actual_go_live: '',
      thread_health: 'on_track',
      thread_portal_link: 'https://thread.example/portal/preview/acc.1.sig',
    });
  });

  it('names each account status with one of the status property’s options', () => {
    const options = (
      THREAD_COMPANY_PROPERTIES.find((p) => p.name === 'thread_onboarding_status') as { options: { value: string }[] }
    ).options.map((o) => o.value);
    const statuses = ['pending_handoff', 'active', 'at_risk', 'completed', 'churned'] as const;
    expect(statuses.map((status) => onboardingProperties(snapshot({ status })).thread_onboarding_status)).toEqual(
      options,
    );
  });

  it('is at risk while the CSM marked it so or a milestone is blocked, and has no health once churned', () => {
    expect(onboardingProperties(snapshot({ status: 'at_risk' })).thread_health).toBe('at_risk');
    const blocked = snapshot({ milestones: [{ name: 'Kickoff', status: 'blocked' }] });
    expect(onboardingProperties(blocked)).toMatchObject({
      thread_health: 'at_risk',
      thread_current_milestone: 'Kickoff',
    });
    expect(onboardingProperties(snapshot({ status: 'churned' }))).toMatchObject({
      thread_health: '',
      thread_current_milestone: '',
    });
  });

  it('waiting for the handoff: the first milestone is the one to come, nothing done yet', () => {
    const values = onboardingProperties(
      snapshot({
        status: 'pending_handoff',
        milestones: [
          { name: 'Kickoff', status: 'pending' },
          { name: 'Go-Live', status: 'pending' },
        ],
      }),
    );
    expect(values).toMatchObject({
      thread_onboarding_status: 'waiting_for_handoff',
      thread_current_milestone: 'Kickoff',
      thread_progress_pct: '0',
      thread_health: 'on_track',
    });
  });

  it('live: the actual go-live day, no current milestone; reopened, the actual day is cleared', () => {
    const live = snapshot({
      status: 'completed',
      milestones: [{ name: 'Kickoff', status: 'completed' }],
      goLiveActualDate: new Date('2026-04-28T00:00:00Z'),
    });
    expect(onboardingProperties(live)).toMatchObject({
      thread_onboarding_status: 'live',
      thread_actual_go_live: '2026-04-28',
      thread_current_milestone: '',
      thread_progress_pct: '100',
    });
    expect(onboardingProperties({ ...live, status: 'active' }).thread_actual_go_live).toBe('');
  });
});

describe('onboardingNote', () => {
  it('tells a completed milestone, by whom, with the reason it closed over open actions', () => {
    expect(onboardingNote(event({ actorName: 'Casey', reason: 'completed with 2 open actions: done on a call' }))).toBe(
      '<p><strong>Thread onboarding:</strong> milestone “Kickoff” completed by Casey.</p>' +
        '<p>Completed with 2 open actions: done on a call</p>',
    );
    expect(onboardingNote(event({}))).toBe('<p><strong>Thread onboarding:</strong> milestone “Kickoff” completed.</p>');
  });

  it('escapes everything a person typed: names, notes, the account', () => {
    const hostile = '<script>alert("x")</script> & <!channel>';
    const blocked = onboardingNote(
      event({ toState: 'blocked', reason: hostile, milestoneName: hostile, actorName: hostile, accountName: hostile }),
    )!;
    expect(blocked).not.toContain('<script>');
    expect(blocked).not.toContain('<!channel>');
    expect(blocked).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;!channel&gt;');
    const live = onboardingNote(
      event({
        entityType: 'account',
        toState: 'completed',
        accountName: hostile,
        data: { goLiveActualDate: '2026-03-13' },
      }),
    )!;
    expect(live).not.toContain('<script>');
  });

  it('keeps the block note’s paragraphs and line breaks, and cuts a very long one', () => {
    const note = onboardingNote(event({ toState: 'blocked', reason: 'line one\nline two\n\nsecond paragraph' }))!;
    expect(note).toContain('<p>line one<br>line two</p><p>second paragraph</p>');
    const long = onboardingNote(event({ toState: 'blocked', reason: 'x'.repeat(20_000) }))!;
    expect(long.length).toBeLessThan(5_300);
  });

  it('tells the go-live with its day and time to value', () => {
    expect(
      onboardingNote(
        event({
          entityType: 'account',
          fromState: 'active',
          toState: 'completed',
          data: { goLiveActualDate: '2026-03-13', timeToValueDays: 10 },
        }),
      ),
    ).toBe(
      '<p><strong>Thread onboarding:</strong> Acme went live on 13 March 2026. Time to value: 10 business days.</p>',
    );
  });

  it('gives nothing for the changes that only move properties: starts, unblocks, status and date changes', () => {
    for (const e of [
      event({ toState: 'in_progress', fromState: 'pending' }),
      event({ toState: 'in_progress', fromState: 'blocked' }),
      event({ toState: '2026-03-02 → 2026-03-06', fromState: '2026-03-01 → 2026-03-05' }),
      event({ entityType: 'account', fromState: 'active', toState: 'at_risk' }),
      event({ entityType: 'account', fromState: 'completed', toState: 'active' }),
      event({ entityType: 'account', fromState: null, toState: '12345' }),
      event({ entityType: 'action', toState: 'completed' }),
    ])
      expect(onboardingNote(e)).toBeNull();
  });
});
