import { businessCalendar } from '../../../src/domain/business-days';
import {
  checkStartNow,
  completionRefusal,
  dueAtAfter,
  isDue,
  milestoneStartingAfter,
  planEventsOf,
  releasedBy,
  type PlanEvent,
  type TriggeredAction,
} from '../../../src/domain/plan-engine';

const plan = { calendar: businessCalendar('UTC'), kickoffDate: new Date('2026-03-02T00:00:00Z') };
const at = new Date('2026-03-06T15:00:00Z'); // a Friday
const waiting = (over: Partial<TriggeredAction>): TriggeredAction => ({
  milestoneId: 'm1',
  status: 'pending',
  dueAt: null,
  triggerKind: 'previous_action',
  delayDays: 1,
  afterActionKey: 'form',
  ...over,
});
const event = (kind: Exclude<PlanEvent['kind'], 'milestone_started'>, actionKey = 'form'): PlanEvent => ({
  kind,
  actionKey,
  at,
});

describe('planEventsOf', () => {
  it('a send is the action done; a skip is a skip; other moves tell the plan nothing', () => {
    const email = { key: 'hello', type: 'email' as const };
    expect(planEventsOf(email, 'sent', at)).toEqual([{ kind: 'action_done', actionKey: 'hello', at }]);
    expect(planEventsOf(email, 'skip', at)).toEqual([{ kind: 'action_skipped', actionKey: 'hello', at }]);
    for (const e of ['fire', 'claim', 'request_changes', 'redraft', 'send_failed'] as const)
      expect(planEventsOf(email, e, at)).toEqual([]);
  });

  it('completing a portal request is the customer submitting it; completing anything else is it being done', () => {
    expect(planEventsOf({ key: 'form', type: 'portal_form' }, 'complete', at).map((e) => e.kind)).toEqual([
      'action_done',
      'submission',
    ]);
    expect(planEventsOf({ key: 'dpa', type: 'portal_document' }, 'complete', at).map((e) => e.kind)).toEqual([
      'action_done',
      'submission',
    ]);
    expect(planEventsOf({ key: 'task', type: 'internal_task' }, 'complete', at).map((e) => e.kind)).toEqual([
      'action_done',
    ]);
  });
});

describe('releasedBy', () => {
  it('previous_action waits for the action it names to be done, submission for its answer', () => {
    expect(releasedBy(waiting({}), event('action_done'))).toBe(true);
    expect(releasedBy(waiting({}), event('submission'))).toBe(false);
    expect(releasedBy(waiting({ triggerKind: 'submission' }), event('submission'))).toBe(true);
    expect(releasedBy(waiting({ triggerKind: 'submission' }), event('action_done'))).toBe(false);
    expect(releasedBy(waiting({}), event('action_done', 'other'))).toBe(false);
  });

  it('a skip releases both kinds of waiting action', () => {
    expect(releasedBy(waiting({}), event('action_skipped'))).toBe(true);
    expect(releasedBy(waiting({ triggerKind: 'submission' }), event('action_skipped'))).toBe(true);
    expect(releasedBy(waiting({ triggerKind: 'milestone_start', afterActionKey: null }), event('action_skipped'))).toBe(
      false,
    );
  });

  it('a milestone start releases its own milestone_start actions and its first action with nothing before it', () => {
    const started: PlanEvent = { kind: 'milestone_started', milestoneId: 'm1', at };
    expect(releasedBy(waiting({ triggerKind: 'milestone_start', afterActionKey: null }), started)).toBe(true);
    expect(releasedBy(waiting({ afterActionKey: null }), started)).toBe(true);
    expect(releasedBy(waiting({}), started)).toBe(false);
    expect(
      releasedBy(waiting({ triggerKind: 'milestone_start', afterActionKey: null, milestoneId: 'm2' }), started),
    ).toBe(false);
  });

  it('only a pending action without a due time waits: the first event wins', () => {
    expect(releasedBy(waiting({ dueAt: at }), event('action_done'))).toBe(false);
    expect(releasedBy(waiting({ status: 'skipped' }), event('action_done'))).toBe(false);
    expect(releasedBy(waiting({ triggerKind: 'manual', afterActionKey: null }), event('action_skipped'))).toBe(false);
    expect(releasedBy(waiting({ triggerKind: 'kickoff_offset', afterActionKey: null }), event('action_done'))).toBe(
      false,
    );
  });
});

describe('dueAtAfter', () => {
  it('counts the delay in business days from the event, a skip counting as done at skip time', () => {
    // Friday 15:00 + 1 business day = Monday 15:00.
    expect(dueAtAfter(waiting({}), event('action_skipped'), plan)?.toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(
      dueAtAfter(waiting({ triggerKind: 'submission', delayDays: 0 }), event('action_skipped'), plan)?.toISOString(),
    ).toBe(at.toISOString());
    expect(dueAtAfter(waiting({}), event('submission'), plan)).toBeNull();
  });
});

describe('isDue', () => {
  it('a pending action is due once its time has come; one without a time never is', () => {
    expect(isDue({ status: 'pending', dueAt: at }, at)).toBe(true);
    expect(isDue({ status: 'pending', dueAt: new Date(at.getTime() + 1) }, at)).toBe(false);
    expect(isDue({ status: 'pending', dueAt: null }, at)).toBe(false);
    expect(isDue({ status: 'ready', dueAt: at }, at)).toBe(false);
  });
});

describe('checkStartNow', () => {
  const manual = { name: 'Recap', status: 'pending' as const, triggerKind: 'manual' as const, dueAt: null };
  it('starts a pending manual action once; a second click changes nothing', () => {
    expect(checkStartNow(manual)).toEqual({ ok: true, value: 'start' });
    expect(checkStartNow({ ...manual, dueAt: at })).toEqual({ ok: true, value: 'already_started' });
  });

  it('refuses an action with a trigger of its own, and one that has already fired', () => {
    expect(checkStartNow({ ...manual, triggerKind: 'milestone_start' })).toEqual({
      ok: false,
      message: '"Recap" starts by its own trigger; only manual actions are started by hand.',
    });
    expect(checkStartNow({ ...manual, status: 'ready' })).toEqual({
      ok: false,
      message: '"Recap" has already started (it is ready for review).',
    });
  });
});

describe('milestone rules', () => {
  it('a milestone with open actions needs a reason to be completed', () => {
    expect(completionRefusal({ name: 'Kickoff' }, 0)).toBeNull();
    expect(completionRefusal({ name: 'Kickoff' }, 2, 'customer asked')).toBeNull();
    expect(completionRefusal({ name: 'Kickoff' }, 1, '  ')).toBe(
      'Kickoff still has 1 open action; give a reason to complete it anyway.',
    );
  });

  it('the next milestone starts when the one before completes, unless it already started', () => {
    const ms = [
      { position: 0, status: 'completed' as const },
      { position: 1, status: 'pending' as const },
      { position: 2, status: 'in_progress' as const },
    ];
    expect(milestoneStartingAfter(ms, 0)).toBe(ms[1]);
    expect(milestoneStartingAfter(ms, 1)).toBeNull();
    expect(milestoneStartingAfter(ms, 2)).toBeNull();
  });
});
