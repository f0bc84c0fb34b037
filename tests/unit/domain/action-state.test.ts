import {
  ACTION_EVENTS,
  ACTION_STATUSES,
  assertCanApprove,
  canApprove,
  canEditDraft,
  isOpenAction,
  nextActionStatus,
  type ActionEvent,
  type ActionStatus,
} from '../../../src/domain/action-state';
import { DomainError, IllegalTransitionError } from '../../../src/domain/errors';

const LEGAL: Record<string, ActionStatus> = {
  'pending:fire': 'ready',
  'ready:request_changes': 'review_pending',
  'review_pending:redraft': 'ready',
  'ready:claim': 'executing',
  'executing:send_failed': 'ready',
  'executing:sent': 'executed',
  'executed:complete': 'completed',
  'pending:skip': 'skipped',
  'ready:skip': 'skipped',
  'review_pending:skip': 'skipped',
};

const TARGET: Record<ActionEvent, ActionStatus> = {
  fire: 'ready',
  request_changes: 'review_pending',
  redraft: 'ready',
  claim: 'executing',
  send_failed: 'ready',
  sent: 'executed',
  complete: 'completed',
  skip: 'skipped',
};

const pairs = ACTION_STATUSES.flatMap((from) => ACTION_EVENTS.map((event) => [from, event] as const));

describe('action state machine', () => {
  it('has the seven statuses of the design, in lifecycle order', () => {
    expect(ACTION_STATUSES).toEqual([
      'pending',
      'ready',
      'review_pending',
      'executing',
      'executed',
      'completed',
      'skipped',
    ]);
  });

  it.each(pairs.filter(([from, event]) => LEGAL[`${from}:${event}`]))('%s --%s--> is allowed', (from, event) => {
    expect(nextActionStatus(from, event)).toBe(LEGAL[`${from}:${event}`]);
  });

  it.each(pairs.filter(([from, event]) => !LEGAL[`${from}:${event}`]))(
    '%s --%s--> is refused, naming both states',
    (from, event) => {
      let caught: unknown;
      try {
        nextActionStatus(from, event);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(IllegalTransitionError);
      const error = caught as IllegalTransitionError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('illegal_transition');
      expect(error.entity).toBe('action');
      expect(error.from).toBe(from);
      expect(error.event).toBe(event);
      expect(error.to).toBe(TARGET[event]);
      expect(error.message).toContain(`(${from} → ${TARGET[event]})`);
    },
  );

  it('covers 10 legal and 46 illegal pairs', () => {
    expect(pairs).toHaveLength(56);
    expect(pairs.filter(([f, e]) => LEGAL[`${f}:${e}`])).toHaveLength(10);
  });

  it('an executed action cannot be claimed again, and the message says so in words', () => {
    expect(() => nextActionStatus('executed', 'claim')).toThrow(
      'An action that is sent cannot be claimed for sending (executed → executing).',
    );
  });

  it('an internal task that is ready can be completed with the Done button', () => {
    expect(nextActionStatus('ready', 'complete', { type: 'internal_task' })).toBe('completed');
  });

  it.each(['email', 'slack_message', 'portal_form', 'portal_document'] as const)(
    'a ready %s cannot be completed without being sent',
    (type) => {
      expect(() => nextActionStatus('ready', 'complete', { type })).toThrow(
        'An action that is ready cannot be completed (ready → completed). Only an internal task can be completed without being sent.',
      );
    },
  );

  it('a ready action with no type given cannot be completed', () => {
    expect(() => nextActionStatus('ready', 'complete')).toThrow(IllegalTransitionError);
  });

  it('an internal task still cannot be completed from pending', () => {
    expect(() => nextActionStatus('pending', 'complete', { type: 'internal_task' })).toThrow('(pending → completed)');
  });
});

describe('action helpers', () => {
  it.each([
    ['pending', true, false, false],
    ['ready', true, true, true],
    ['review_pending', true, true, false],
    ['executing', true, false, false],
    ['executed', false, false, false],
    ['completed', false, false, false],
    ['skipped', false, false, false],
  ] as const)('%s: open=%s, editable=%s, approvable=%s', (status, open, editable, approvable) => {
    expect(isOpenAction(status)).toBe(open);
    expect(canEditDraft(status)).toBe(editable);
    expect(canApprove(status)).toBe(approvable);
  });

  it('approving an executed action is refused like a transition', () => {
    expect(() => assertCanApprove('executed')).toThrow('An action that is sent cannot be approved (executed → ready).');
    expect(() => assertCanApprove('ready')).not.toThrow();
  });
});
