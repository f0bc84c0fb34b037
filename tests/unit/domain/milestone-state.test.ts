import { IllegalTransitionError, NoteRequiredError } from '../../../src/domain/errors';
import {
  MILESTONE_EVENTS,
  MILESTONE_STATUSES,
  nextMilestoneStatus,
  type MilestoneEvent,
  type MilestoneStatus,
} from '../../../src/domain/milestone-state';

const LEGAL: Record<string, MilestoneStatus> = {
  'pending:start': 'in_progress',
  'in_progress:complete': 'completed',
  'in_progress:block': 'blocked',
  'blocked:unblock': 'in_progress',
  'completed:reopen': 'in_progress',
};
const TARGET: Record<MilestoneEvent, MilestoneStatus> = {
  start: 'in_progress',
  complete: 'completed',
  block: 'blocked',
  unblock: 'in_progress',
  reopen: 'in_progress',
};
const pairs = MILESTONE_STATUSES.flatMap((from) => MILESTONE_EVENTS.map((event) => [from, event] as const));

describe('milestone state machine', () => {
  it.each(pairs.filter(([f, e]) => LEGAL[`${f}:${e}`]))('%s --%s--> is allowed', (from, event) => {
    expect(nextMilestoneStatus(from, event, { note: 'Waiting on SSO metadata' })).toBe(LEGAL[`${from}:${event}`]);
  });

  it.each(pairs.filter(([f, e]) => !LEGAL[`${f}:${e}`]))('%s --%s--> is refused, naming both states', (from, event) => {
    let caught: unknown;
    try {
      nextMilestoneStatus(from, event, { note: 'a note' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect(error.entity).toBe('milestone');
    expect(error.from).toBe(from);
    expect(error.to).toBe(TARGET[event]);
    expect(error.event).toBe(event);
    expect(error.message).toContain(`(${from} → ${TARGET[event]})`);
  });

  it('has 5 legal and 15 illegal pairs', () => {
    expect(pairs).toHaveLength(20);
    expect(pairs.filter(([f, e]) => LEGAL[`${f}:${e}`])).toHaveLength(5);
  });

  it('a blocked milestone cannot be completed until unblocked', () => {
    expect(() => nextMilestoneStatus('blocked', 'complete')).toThrow(
      'A milestone that is blocked cannot be completed (blocked → completed). Unblock it first.',
    );
    const unblocked = nextMilestoneStatus('blocked', 'unblock');
    expect(nextMilestoneStatus(unblocked, 'complete')).toBe('completed');
  });

  it.each([undefined, null, '', '   \n\t'])('blocking without a note (%p) is refused', (note) => {
    expect(() => nextMilestoneStatus('in_progress', 'block', { note })).toThrow(NoteRequiredError);
  });

  it('a note is not needed to block a milestone that cannot be blocked anyway: the transition error wins', () => {
    expect(() => nextMilestoneStatus('pending', 'block')).toThrow(IllegalTransitionError);
  });

  it('the note-required error carries its code', () => {
    expect(() => nextMilestoneStatus('in_progress', 'block')).toThrow(
      expect.objectContaining({ code: 'note_required' }),
    );
  });
});
