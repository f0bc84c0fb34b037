import { businessCalendar } from '../../../src/domain/business-days';
import { InvalidTemplateError } from '../../../src/domain/errors';
import { instantiatePlan } from '../../../src/domain/plan';
import { action, milestone, template } from './template-builders';

const NY = 'America/New_York';
const now = new Date('2026-02-20T12:00:00Z');
const day = (d: Date): string => d.toISOString().slice(0, 10);
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const fields = [
  { key: 'sso', label: 'SSO provider', kind: 'select' as const, required: true, options: ['Okta', 'Entra ID'] },
];

const standard = template([
  milestone('Kickoff', 3, [
    action('prep', 'internal_task', { kind: 'previous_action', delayDays: 1 }),
    action('welcome', 'email', { kind: 'kickoff_offset', delayDays: -1 }),
    action('intro_call', 'internal_task', { kind: 'milestone_start', delayDays: 0 }),
    action('questionnaire', 'portal_form', { kind: 'previous_action', delayDays: 2 }, { formFields: fields }),
  ]),
  milestone('Technical Setup', 5, [
    action('setup_email', 'email', { kind: 'previous_action', delayDays: 1 }),
    action('review_answers', 'internal_task', { kind: 'submission', delayDays: 1, after: 'questionnaire' }),
    action('credentials', 'portal_document', { kind: 'milestone_start', delayDays: 3 }),
  ]),
  milestone('Go-Live', 2, [
    action('golive_check', 'internal_task', { kind: 'manual', delayDays: 0 }),
    action('reminder', 'email', { kind: 'kickoff_offset', delayDays: 8 }),
  ]),
]);

describe('instantiatePlan', () => {
  const plan = instantiatePlan(standard, {
    kickoffDate: new Date(Date.UTC(2026, 2, 3)),
    calendar: businessCalendar(NY),
    now,
  });

  it('lays milestones end to end, each plannedDays business days long, from the kickoff date', () => {
    expect(
      plan.milestones.map((m) => [m.position, m.name, m.plannedDays, day(m.plannedStartDate), day(m.plannedEndDate)]),
    ).toEqual([
      [0, 'Kickoff', 3, '2026-03-03', '2026-03-05'],
      [1, 'Technical Setup', 5, '2026-03-06', '2026-03-12'],
      [2, 'Go-Live', 2, '2026-03-13', '2026-03-16'],
    ]);
  });

  it('keeps planned dates as calendar dates at UTC midnight', () => {
    expect(plan.milestones[1]?.plannedStartDate.toISOString()).toBe('2026-03-06T00:00:00.000Z');
  });

  it('starts the first milestone at kickoff 09:00 local and leaves the others pending', () => {
    expect(plan.milestones.map((m) => [m.status, iso(m.startedAt)])).toEqual([
      ['in_progress', '2026-03-03T14:00:00.000Z'],
      ['pending', null],
      ['pending', null],
    ]);
  });

  it('sets go-live to the last milestone planned end', () => {
    expect(day(plan.goLiveDate)).toBe('2026-03-16');
  });

  it('numbers actions in plan order across milestones and resolves what each waits on', () => {
    expect(
      plan.actions.map((a) => [a.position, a.milestoneIndex, a.key, a.triggerKind, a.delayDays, a.afterActionKey]),
    ).toEqual([
      [0, 0, 'prep', 'previous_action', 1, null],
      [1, 0, 'welcome', 'kickoff_offset', -1, null],
      [2, 0, 'intro_call', 'milestone_start', 0, null],
      [3, 0, 'questionnaire', 'previous_action', 2, 'intro_call'],
      [4, 1, 'setup_email', 'previous_action', 1, null],
      [5, 1, 'review_answers', 'submission', 1, 'questionnaire'],
      [6, 1, 'credentials', 'milestone_start', 3, null],
      [7, 2, 'golive_check', 'manual', 0, null],
      [8, 2, 'reminder', 'kickoff_offset', 8, null],
    ]);
  });

  it('computes due times only for what is known at kickoff', () => {
    expect(Object.fromEntries(plan.actions.map((a) => [a.key, iso(a.dueAt)]))).toEqual({
      prep: '2026-03-04T14:00:00.000Z', // waits on the first milestone's start: Wednesday 09:00 EST
      welcome: '2026-03-02T14:00:00.000Z', // the business day before kickoff
      intro_call: '2026-03-03T14:00:00.000Z',
      questionnaire: null,
      setup_email: null,
      review_answers: null,
      credentials: null,
      golive_check: null,
      reminder: '2026-03-13T13:00:00.000Z', // 09:00 EDT: DST began on 8 March
    });
  });

  it('copies the texts and form fields of each action', () => {
    const q = plan.actions[3];
    expect(q).toMatchObject({
      name: 'Action questionnaire',
      type: 'portal_form',
      defaultSubject: 'Subject questionnaire',
      defaultBody: 'Body questionnaire',
      instructions: 'Instructions questionnaire',
      purpose: 'Purpose questionnaire',
      formFields: fields,
    });
    expect(q?.formFields?.[0]?.options).not.toBe(fields[0]?.options);
    expect(plan.actions[0]?.formFields).toBeNull();
  });

  it('carries exit criteria onto the milestones', () => {
    expect(plan.milestones[2]?.exitCriteria).toBe('Go-Live done');
  });

  it('starts the first milestone the Monday after a weekend kickoff', () => {
    const weekend = instantiatePlan(
      template([
        milestone('Kickoff', 2, [action('intro', 'internal_task', { kind: 'milestone_start', delayDays: 0 })]),
      ]),
      { kickoffDate: '2026-03-07', calendar: businessCalendar('Europe/Berlin'), now },
    );
    expect(day(weekend.milestones[0]!.plannedStartDate)).toBe('2026-03-09');
    expect(day(weekend.milestones[0]!.plannedEndDate)).toBe('2026-03-10');
    expect(iso(weekend.milestones[0]!.startedAt)).toBe('2026-03-07T08:00:00.000Z');
    expect(iso(weekend.actions[0]!.dueAt)).toBe('2026-03-09T08:00:00.000Z');
    expect(day(weekend.goLiveDate)).toBe('2026-03-10');
  });

  it('lays milestones over a Sunday to Thursday week', () => {
    const plan = instantiatePlan(
      template([
        milestone('Kickoff', 5, [action('intro', 'internal_task', { kind: 'milestone_start', delayDays: 1 })]),
        milestone('Setup', 2, [action('setup', 'internal_task', { kind: 'milestone_start', delayDays: 0 })]),
      ]),
      { kickoffDate: '2026-03-06', calendar: businessCalendar('Asia/Dubai', [7, 1, 2, 3, 4]), now },
    );
    // A Friday kickoff starts on Sunday; five working days end on Thursday; the next starts on Sunday.
    expect(day(plan.milestones[0]!.plannedStartDate)).toBe('2026-03-08');
    expect(day(plan.milestones[0]!.plannedEndDate)).toBe('2026-03-12');
    expect(day(plan.milestones[1]!.plannedStartDate)).toBe('2026-03-15');
    expect(day(plan.goLiveDate)).toBe('2026-03-16');
    // Started Friday 09:00 local (a day off): one business day later is Monday 09:00.
    expect(iso(plan.actions[0]!.dueAt)).toBe('2026-03-09T05:00:00.000Z');
  });

  it('refuses a template whose graph is broken, listing the problems', () => {
    const broken = template([
      milestone('Kickoff', 3, [action('a', 'email', { kind: 'previous_action', delayDays: 0, after: 'ghost' })]),
    ]);
    expect(() => instantiatePlan(broken, { kickoffDate: '2026-03-03', calendar: businessCalendar(NY), now })).toThrow(
      InvalidTemplateError,
    );
    expect(() => instantiatePlan(broken, { kickoffDate: '2026-03-03', calendar: businessCalendar(NY), now })).toThrow(
      'The template has 1 problem: milestones[0].actions[0].trigger.after: "a" would never fire: it waits on "ghost", and no action has that key.',
    );
  });

  it('refuses an unknown time zone', () => {
    expect(() =>
      instantiatePlan(standard, { kickoffDate: '2026-03-03', calendar: businessCalendar('Nowhere/Town'), now }),
    ).toThrow(expect.objectContaining({ code: 'invalid_time_zone' }));
  });
});
