import { validateTemplateGraph } from '../../../src/domain/plan';
import type { FormField } from '../../../src/domain/template';
import { action, milestone, template } from './template-builders';

const ms = (s: number) => ({ kind: 'milestone_start' as const, delayDays: s });
/** A portal form the customer can answer. */
const answerable = { formFields: [{ key: 'q', label: 'Question', kind: 'text' as const, required: true }] };

describe('validateTemplateGraph', () => {
  it('finds nothing wrong with a sound template', () => {
    const sound = template([
      milestone('Kickoff', 3, [
        action('welcome', 'email', { kind: 'kickoff_offset', delayDays: -2 }),
        action(
          'form',
          'portal_form',
          { kind: 'previous_action', delayDays: 1 },
          {
            formFields: [{ key: 'sso', label: 'SSO', kind: 'select', required: true, options: ['Okta'] }],
          },
        ),
      ]),
      milestone('Setup', 5, [
        action('review', 'internal_task', { kind: 'submission', delayDays: 1, after: 'form' }),
        action('call', 'internal_task', { kind: 'previous_action', delayDays: 0, after: 'welcome' }),
      ]),
    ]);
    expect(validateTemplateGraph(sound)).toEqual([]);
  });

  it('a template needs at least one milestone', () => {
    expect(validateTemplateGraph(template([]))).toEqual([
      { path: 'milestones', message: 'A template needs at least one milestone.' },
    ]);
  });

  it.each([0, -1, 2.5])('planned days of %p are refused', (plannedDays) => {
    expect(validateTemplateGraph(template([milestone('Kickoff', plannedDays, [])]))).toEqual([
      {
        path: 'milestones[0].plannedDays',
        message: `Planned days must be a whole number of at least 1, got ${plannedDays}.`,
      },
    ]);
  });

  it('reports a duplicate action key at the later use, naming the first', () => {
    const t = template([
      milestone('A', 1, [action('welcome', 'email', ms(0))]),
      milestone('B', 1, [action('other', 'email', ms(0)), action('welcome', 'email', ms(1))]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      {
        path: 'milestones[1].actions[1].key',
        message: 'The key "welcome" is already used by milestones[0].actions[0].',
      },
    ]);
  });

  it('an after naming an unknown key is reported on trigger.after', () => {
    const t = template([
      milestone('A', 1, [action('a', 'email', { kind: 'previous_action', delayDays: 0, after: 'nope' })]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      {
        path: 'milestones[0].actions[0].trigger.after',
        message: '"a" would never fire: it waits on "nope", and no action has that key.',
      },
    ]);
  });

  it('an action cannot wait on itself', () => {
    const t = template([
      milestone('A', 1, [action('a', 'email', { kind: 'previous_action', delayDays: 0, after: 'a' })]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      { path: 'milestones[0].actions[0].trigger.after', message: '"a" would never fire: it waits on itself.' },
    ]);
  });

  it('an action cannot wait on a later one, which rules out cycles', () => {
    const t = template([
      milestone('A', 1, [action('a', 'email', ms(0))]),
      milestone('B', 1, [action('b', 'email', { kind: 'previous_action', delayDays: 0, after: 'c' })]),
      milestone('C', 1, [action('c', 'email', { kind: 'previous_action', delayDays: 0, after: 'b' })]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      {
        path: 'milestones[1].actions[0].trigger.after',
        message:
          '"b" waits on "c" (milestones[2].actions[0]), which comes later in the plan; an action can only wait on one before it, so the two could wait on each other for ever.',
      },
    ]);
  });

  it.each(['milestone_start', 'previous_action', 'submission'] as const)(
    'a negative delay on a %s trigger is refused',
    (kind) => {
      const t = template([
        milestone('A', 1, [
          action('form', 'portal_form', ms(0), answerable),
          action('b', 'email', { kind, delayDays: -1, ...(kind === 'milestone_start' ? {} : { after: 'form' }) }),
        ]),
      ]);
      expect(validateTemplateGraph(t)).toEqual([
        {
          path: 'milestones[0].actions[1].trigger.delayDays',
          message: `Only a kickoff_offset trigger may have a negative delay; a ${kind} trigger cannot fire before its event.`,
        },
      ]);
    },
  );

  it('a fractional delay is refused', () => {
    const t = template([milestone('A', 1, [action('a', 'email', { kind: 'kickoff_offset', delayDays: 1.5 })])]);
    expect(validateTemplateGraph(t)[0]?.path).toBe('milestones[0].actions[0].trigger.delayDays');
  });

  it('after on a trigger that waits on no action is refused', () => {
    const t = template([
      milestone('A', 1, [
        action('a', 'email', ms(0)),
        action('b', 'email', { kind: 'milestone_start', delayDays: 0, after: 'a' }),
      ]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      {
        path: 'milestones[0].actions[1].trigger.after',
        message: 'A milestone_start trigger does not wait on another action; remove "after".',
      },
    ]);
  });

  it('a submission trigger must wait on a portal action', () => {
    const t = template([
      milestone('A', 1, [
        action('mail', 'email', ms(0)),
        action('implicit', 'internal_task', { kind: 'submission', delayDays: 0 }),
        action('explicit', 'internal_task', { kind: 'submission', delayDays: 0, after: 'mail' }),
      ]),
      milestone('B', 1, [action('orphan', 'internal_task', { kind: 'submission', delayDays: 0 })]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      {
        path: 'milestones[0].actions[1].trigger',
        message:
          '"implicit" would never fire: it waits for a submission of "mail" (email), and customers only submit portal forms and documents.',
      },
      {
        path: 'milestones[0].actions[2].trigger.after',
        message:
          '"explicit" would never fire: it waits for a submission of "mail" (email), and customers only submit portal forms and documents.',
      },
      {
        path: 'milestones[1].actions[0].trigger',
        message:
          '"orphan" would never fire: a submission trigger needs a portal action to wait on; set "after" or place it after one in the same milestone.',
      },
    ]);
  });

  it('select fields need options and field keys must be unique within a form', () => {
    const formFields: FormField[] = [
      { key: 'sso', label: 'SSO', kind: 'select', required: true },
      { key: 'plan', label: 'Plan', kind: 'select', required: true, options: ['  '] },
      { key: 'sso', label: 'SSO again', kind: 'text', required: false },
      { key: 'ok', label: 'Fine', kind: 'select', required: false, options: ['A'] },
    ];
    const t = template([milestone('A', 1, [action('a', 'portal_form', ms(0), { formFields })])]);
    expect(validateTemplateGraph(t)).toEqual([
      { path: 'milestones[0].actions[0].formFields[0].options', message: 'A select field needs at least one option.' },
      { path: 'milestones[0].actions[0].formFields[1].options', message: 'A select field needs at least one option.' },
      {
        path: 'milestones[0].actions[0].formFields[2].key',
        message: 'The field key "sso" is used twice in this form.',
      },
    ]);
  });

  it('a portal form without questions could never be answered, so it is refused naming it', () => {
    const t = template([
      milestone('A', 1, [
        action('questions', 'portal_form', ms(0)),
        action('after-answers', 'internal_task', { kind: 'submission', delayDays: 0, after: 'questions' }),
        action('document', 'portal_document', ms(0)),
      ]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([
      {
        path: 'milestones[0].actions[0].formFields',
        message:
          '"questions" could never be answered: a portal form needs at least one field, and what waits on its submission would never fire.',
      },
    ]);
  });

  it.each([261, -261, 100_000_000])(
    'a delay of %p business days would never fire within an onboarding',
    (delayDays) => {
      const t = template([milestone('A', 1, [action('late', 'email', { kind: 'kickoff_offset', delayDays })])]);
      expect(validateTemplateGraph(t)).toEqual([
        {
          path: 'milestones[0].actions[0].trigger.delayDays',
          message: `"late" would never fire within an onboarding: a delay of ${delayDays} business days is more than 260 (about a year).`,
        },
      ]);
    },
  );

  it('a delay of a year is still allowed', () => {
    const t = template([
      milestone('A', 1, [
        action('early', 'email', { kind: 'kickoff_offset', delayDays: -260 }),
        action('late', 'email', { kind: 'milestone_start', delayDays: 260 }),
      ]),
    ]);
    expect(validateTemplateGraph(t)).toEqual([]);
  });

  it('lists every problem, not just the first', () => {
    const t = template([
      milestone('A', 0, [
        action('a', 'email', { kind: 'previous_action', delayDays: -3, after: 'zzz' }),
        action('a', 'email', ms(0)),
      ]),
    ]);
    expect(validateTemplateGraph(t).map((p) => p.path)).toEqual([
      'milestones[0].plannedDays',
      'milestones[0].actions[1].key',
      'milestones[0].actions[0].trigger.delayDays',
      'milestones[0].actions[0].trigger.after',
    ]);
  });
});
