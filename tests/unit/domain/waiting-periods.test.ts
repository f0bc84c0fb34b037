import { waitingPeriodsFrom, type WaitingRecord } from '../../../src/domain/waiting-periods';
import { actionRow, at, blockRow, milestoneRow, submissionRow } from './account-record-builders';

function record(over: Partial<WaitingRecord>): WaitingRecord {
  return {
    milestones: [milestoneRow({ id: 'm1', name: 'Technical Setup', status: 'in_progress' })],
    actions: [],
    submissions: [],
    blocks: [],
    ...over,
  };
}

describe('waitingPeriodsFrom', () => {
  it('a portal request waits on us as a draft until sent, then on the customer until they answer', () => {
    const sso = actionRow({
      key: 'sso_form',
      name: 'SSO form',
      type: 'portal_form',
      status: 'completed',
      firedAt: at('2026-03-02T09:00:00Z'),
      executedAt: at('2026-03-02T11:00:00Z'),
      completedAt: at('2026-03-05T10:00:00Z'),
    });
    expect(waitingPeriodsFrom(record({ actions: [sso] }))).toEqual([
      {
        side: 'us',
        kind: 'draft_review',
        actionKey: 'sso_form',
        milestoneId: 'm1',
        label: 'SSO form',
        startedAt: at('2026-03-02T09:00:00Z'),
        endedAt: at('2026-03-02T11:00:00Z'),
      },
      {
        side: 'customer',
        kind: 'portal_request',
        actionKey: 'sso_form',
        milestoneId: 'm1',
        label: 'SSO form',
        startedAt: at('2026-03-02T11:00:00Z'),
        endedAt: at('2026-03-05T10:00:00Z'),
      },
    ]);
  });

  it('a document request is a portal request; an email and a Slack message await a reply', () => {
    const sent = {
      status: 'executed' as const,
      firedAt: at('2026-03-02T09:00:00Z'),
      executedAt: at('2026-03-02T10:00:00Z'),
    };
    const periods = waitingPeriodsFrom(
      record({
        actions: [
          actionRow({ key: 'doc', type: 'portal_document', ...sent }),
          actionRow({ key: 'mail', type: 'email', ...sent }),
          actionRow({ key: 'dm', type: 'slack_message', ...sent }),
        ],
      }),
    );
    const customer = periods.filter((p) => p.side === 'customer');
    expect(customer.map((p) => [p.actionKey, p.kind, p.endedAt])).toEqual([
      ['doc', 'portal_request', null],
      ['mail', 'awaiting_reply', null],
      ['dm', 'awaiting_reply', null],
    ]);
  });

  it('an unanswered message stops waiting when its milestone completes: nobody waits on it any more', () => {
    const periods = waitingPeriodsFrom(
      record({
        milestones: [milestoneRow({ id: 'm1', status: 'completed', completedAt: at('2026-03-09T12:00:00Z') })],
        actions: [
          actionRow({
            key: 'mail',
            status: 'executed',
            firedAt: at('2026-03-02T09:00:00Z'),
            executedAt: at('2026-03-03T09:00:00Z'),
          }),
        ],
      }),
    );
    expect(periods.find((p) => p.kind === 'awaiting_reply')?.endedAt).toEqual(at('2026-03-09T12:00:00Z'));
  });

  it('a draft still waiting for review is open on us; a changes-requested one too', () => {
    const periods = waitingPeriodsFrom(
      record({
        actions: [
          actionRow({ key: 'welcome', status: 'ready', firedAt: at('2026-03-02T09:00:00Z') }),
          actionRow({ key: 'agenda', status: 'review_pending', firedAt: at('2026-03-03T09:00:00Z') }),
        ],
      }),
    );
    expect(periods.map((p) => [p.actionKey, p.side, p.kind, p.endedAt])).toEqual([
      ['welcome', 'us', 'draft_review', null],
      ['agenda', 'us', 'draft_review', null],
    ]);
  });

  it('a skipped draft stops waiting when skipped', () => {
    const periods = waitingPeriodsFrom(
      record({
        actions: [
          actionRow({
            key: 'nudge',
            status: 'skipped',
            firedAt: at('2026-03-02T09:00:00Z'),
            skippedAt: at('2026-03-02T15:00:00Z'),
          }),
        ],
      }),
    );
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ kind: 'draft_review', endedAt: at('2026-03-02T15:00:00Z') });
  });

  it('an internal task waits on us from firing until done', () => {
    const periods = waitingPeriodsFrom(
      record({
        actions: [
          actionRow({
            key: 'provision',
            type: 'internal_task',
            status: 'completed',
            firedAt: at('2026-03-02T09:00:00Z'),
            completedAt: at('2026-03-04T09:00:00Z'),
          }),
          actionRow({ key: 'sandbox', type: 'internal_task', status: 'ready', firedAt: at('2026-03-03T09:00:00Z') }),
        ],
      }),
    );
    expect(periods.map((p) => [p.actionKey, p.side, p.kind, p.endedAt])).toEqual([
      ['provision', 'us', 'internal_task', at('2026-03-04T09:00:00Z')],
      ['sandbox', 'us', 'internal_task', null],
    ]);
  });

  it("a submission waits on us until reviewed, under its action's key and milestone", () => {
    const form = actionRow({
      key: 'sso_form',
      name: 'SSO form',
      type: 'portal_form',
      milestoneId: 'm2',
      status: 'completed',
    });
    const periods = waitingPeriodsFrom(
      record({
        actions: [form],
        submissions: [
          submissionRow({ actionId: form.id, createdAt: at('2026-03-05T10:00:00Z') }),
          submissionRow({
            actionId: form.id,
            createdAt: at('2026-03-04T10:00:00Z'),
            reviewedAt: at('2026-03-04T12:00:00Z'),
          }),
        ],
      }),
    ).filter((p) => p.kind === 'submission_review');
    expect(periods).toEqual([
      {
        side: 'us',
        kind: 'submission_review',
        actionKey: 'sso_form',
        milestoneId: 'm2',
        label: 'SSO form',
        startedAt: at('2026-03-05T10:00:00Z'),
        endedAt: null,
      },
      expect.objectContaining({ endedAt: at('2026-03-04T12:00:00Z') }),
    ]);
  });

  it("a block waits on the side the CSM named, under the milestone's name", () => {
    const periods = waitingPeriodsFrom(
      record({
        blocks: [
          blockRow({ cause: 'third_party', startedAt: at('2026-03-04T09:00:00Z') }),
          blockRow({ cause: 'us', startedAt: at('2026-03-02T09:00:00Z'), endedAt: at('2026-03-03T09:00:00Z') }),
        ],
      }),
    );
    expect(periods).toEqual([
      {
        side: 'third_party',
        kind: 'block',
        actionKey: null,
        milestoneId: 'm1',
        label: 'Technical Setup',
        startedAt: at('2026-03-04T09:00:00Z'),
        endedAt: null,
      },
      expect.objectContaining({ side: 'us', endedAt: at('2026-03-03T09:00:00Z') }),
    ]);
  });

  it('drops periods that end when or before they start, and actions that never fired', () => {
    const periods = waitingPeriodsFrom(
      record({
        actions: [
          actionRow({ key: 'pending' }),
          actionRow({
            key: 'instant',
            status: 'skipped',
            firedAt: at('2026-03-02T09:00:00Z'),
            skippedAt: at('2026-03-02T09:00:00Z'),
          }),
        ],
        blocks: [blockRow({ startedAt: at('2026-03-02T09:00:00Z'), endedAt: at('2026-03-01T09:00:00Z') })],
      }),
    );
    expect(periods).toEqual([]);
  });

  it("an action fired after its milestone completed (completed over open actions) still waits: the milestone's past does not end it", () => {
    const periods = waitingPeriodsFrom(
      record({
        milestones: [milestoneRow({ id: 'm1', status: 'completed', completedAt: at('2026-03-06T12:00:00Z') })],
        actions: [actionRow({ key: 'late', status: 'ready', firedAt: at('2026-03-09T09:00:00Z') })],
      }),
    );
    expect(periods).toEqual([expect.objectContaining({ kind: 'draft_review', endedAt: null })]);
  });

  it('a submission against an action not in the record is left out rather than guessed', () => {
    expect(
      waitingPeriodsFrom(
        record({ submissions: [submissionRow({ actionId: 'gone', createdAt: at('2026-03-02T09:00:00Z') })] }),
      ),
    ).toEqual([]);
  });
});
