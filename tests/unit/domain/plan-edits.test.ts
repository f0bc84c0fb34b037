import {
  actionKeyFor,
  adHocActionProblems,
  defaultAfterKey,
  placeAction,
  placementProblem,
  planOrderProblem,
  repointDependents,
  type OrderedAction,
} from '../../../src/domain/plan-edits';

const M = ['m1', 'm2', 'm3'];
const a = (id: string, milestoneId: string, over: Partial<OrderedAction> = {}): OrderedAction => ({
  id,
  key: id,
  name: id.toUpperCase(),
  milestoneId,
  triggerKind: 'milestone_start',
  afterActionKey: null,
  ...over,
});
const ORDER = [a('a', 'm1'), a('b', 'm1', { triggerKind: 'previous_action', afterActionKey: 'a' }), a('c', 'm3')];
const ids = (order: readonly OrderedAction[]) => order.map((x) => `${x.id}@${x.milestoneId}`);

describe('placing an action in the plan', () => {
  it('after an action, in that action’s milestone', () => {
    expect(ids(placeAction(ORDER, a('n', 'x'), { milestoneId: 'm1', afterActionId: 'a' }, M))).toEqual([
      'a@m1',
      'n@m1',
      'b@m1',
      'c@m3',
    ]);
  });

  it('at the start of a milestone, even an empty one between others', () => {
    expect(ids(placeAction(ORDER, a('n', 'x'), { milestoneId: 'm2', afterActionId: null }, M))).toEqual([
      'a@m1',
      'b@m1',
      'n@m2',
      'c@m3',
    ]);
    expect(ids(placeAction(ORDER, a('n', 'x'), { milestoneId: 'm1', afterActionId: null }, M))[0]).toBe('n@m1');
  });

  it('moving takes the action out of where it was first', () => {
    expect(ids(placeAction(ORDER, ORDER[0]!, { milestoneId: 'm3', afterActionId: 'c' }, M))).toEqual([
      'b@m1',
      'c@m3',
      'a@m3',
    ]);
  });

  it('names a placement that is not in the plan or after the action itself', () => {
    expect(placementProblem(ORDER, { milestoneId: 'mX', afterActionId: null }, M)).toMatch(/not in this plan/);
    expect(placementProblem(ORDER, { milestoneId: 'm3', afterActionId: 'a' }, M)).toMatch(/not in this plan/);
    expect(placementProblem(ORDER, { milestoneId: 'm1', afterActionId: 'a' }, M, 'a')).toMatch(/after itself/);
    expect(placementProblem(ORDER, { milestoneId: 'm1', afterActionId: 'a' }, M)).toBeNull();
  });
});

describe('plan order', () => {
  it('an action may not come before the one it waits on', () => {
    const moved = placeAction(ORDER, ORDER[0]!, { milestoneId: 'm1', afterActionId: 'b' }, M);
    expect(planOrderProblem(moved)).toBe('"B" waits for "A", so it must come after it in the plan.');
    expect(planOrderProblem(ORDER)).toBeNull();
  });

  it('an action placed without a choice waits on the one before it in its milestone, or on the milestone start', () => {
    const placed = placeAction(ORDER, a('n', 'x'), { milestoneId: 'm1', afterActionId: 'b' }, M);
    expect(defaultAfterKey(placed, 2)).toBe('b');
    const first = placeAction(ORDER, a('n', 'x'), { milestoneId: 'm3', afterActionId: null }, M);
    expect(defaultAfterKey(first, 2)).toBeNull();
  });
});

describe('removing an action re-points what waited on it', () => {
  const waiting = [
    { id: 'x', triggerKind: 'previous_action' as const, afterActionKey: 'r' },
    { id: 'y', triggerKind: 'submission' as const, afterActionKey: 'r' },
    { id: 'z', triggerKind: 'previous_action' as const, afterActionKey: 'other' },
  ];

  it('to what the removed action waited on, in the same way', () => {
    expect(repointDependents({ key: 'r', triggerKind: 'submission', afterActionKey: 'form' }, waiting)).toEqual([
      { id: 'x', triggerKind: 'submission', afterActionKey: 'form' },
      { id: 'y', triggerKind: 'submission', afterActionKey: 'form' },
    ]);
  });

  it('to their own milestone’s start when it waited on no action', () => {
    expect(repointDependents({ key: 'r', triggerKind: 'manual', afterActionKey: null }, waiting)).toEqual([
      { id: 'x', triggerKind: 'previous_action', afterActionKey: null },
      { id: 'y', triggerKind: 'previous_action', afterActionKey: null },
    ]);
  });
});

describe('an action added by hand', () => {
  it('gets a key from its name, unique in the plan', () => {
    expect(actionKeyFor('Call legal <!channel> & security', new Set())).toBe('call-legal-channel-security');
    expect(actionKeyFor('Welcome email', new Set(['welcome-email', 'welcome-email-2']))).toBe('welcome-email-3');
    expect(actionKeyFor('🎉🎉', new Set())).toBe('action');
  });

  it('is checked field by field', () => {
    const ok = { name: 'Call', type: 'email', triggerKind: 'previous_action' as const, delayDays: 0, waitsOn: null };
    expect(adHocActionProblems(ok)).toEqual([]);
    expect(adHocActionProblems({ ...ok, name: ' ' }).map((p) => p.field)).toEqual(['name']);
    expect(adHocActionProblems({ ...ok, type: 'portal_form' })[0]!.message).toMatch(/add it from the template/);
    expect(adHocActionProblems({ ...ok, delayDays: -1 })[0]!.message).toMatch(/Only a delay counted from the kickoff/);
    expect(adHocActionProblems({ ...ok, triggerKind: 'kickoff_offset', delayDays: -2 })).toEqual([]);
    expect(adHocActionProblems({ ...ok, triggerKind: 'submission' })[0]!.field).toBe('afterActionKey');
    expect(
      adHocActionProblems({ ...ok, triggerKind: 'submission', waitsOn: { name: 'Welcome', type: 'email' } })[0]!
        .message,
    ).toBe('"Welcome" is not a portal request; customers only answer portal forms and documents.');
  });
});
