import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { useTestDatabase } from '../../support/test-database';
import { executeAction } from '../../../src/services/execution/execute-action';
import { skipAction } from '../../../src/services/review/skip-action';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { answerPortalForm, arrangeDeps } from '../../support/plan-steps';
import {
  addAccount,
  addTemplate,
  asCsm,
  CSM_SLACK_ID,
  ONE_QUESTION,
  oneMilestoneTemplate,
  setupOrganization,
  spec,
} from './scheduler-fixtures';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();

async function portalAccount(max: number) {
  const ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
  const org = await setupOrganization(ctx, { portalMaxActive: max });
  await addTemplate(
    ctx,
    org.id,
    oneMilestoneTemplate('Plan', [
      spec('hello', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
      // Due in reverse plan order: the throttle must still release them in plan order.
      ...[1, 2, 3, 4, 5].map((n) =>
        spec(
          `form-${n}`,
          'portal_form',
          { kind: 'kickoff_offset', delayDays: 1 - Math.min(n, 2) + 1 },
          { formFields: ONE_QUESTION },
        ),
      ),
    ]),
  );
  const account = await addAccount(ctx, org.id, 'Acme', 'Plan', { csmSlackUserId: CSM_SLACK_ID });
  return { ctx, account, csm: await asCsm(ctx, org.id) };
}

async function statuses(accountId: string) {
  const rows = await t.db.prisma.action.findMany({ where: { accountId }, orderBy: { position: 'asc' } });
  return Object.fromEntries(rows.map((r) => [r.key, { status: r.status, waitingReason: r.waitingReason, id: r.id }]));
}

describe('portal throttle', () => {
  it('fires at most N portal requests per account, holds the rest with the reason, and releases them in plan order as requests complete', async () => {
    const { ctx, account, csm } = await portalAccount(3);
    const notifier = new RecordingNotifier();
    const deps = { notifier, draft: async (id: string) => void (await draftFromTemplate(ctx, { actionId: id })) };
    // The CSM's sends and the customer's answers, announced elsewhere: `notifier` hears only the scheduler.
    const elsewhere = arrangeDeps(ctx);

    const first = await fireDueActions(ctx, deps);
    let s = await statuses(account.id);
    expect(s.hello!.status).toBe('ready'); // emails are not throttled
    expect([1, 2, 3].map((n) => s[`form-${n}`]!.status)).toEqual(['ready', 'ready', 'ready']);
    expect([4, 5].map((n) => s[`form-${n}`])).toEqual([
      expect.objectContaining({ status: 'pending', waitingReason: 'waiting: 3 portal requests open' }),
      expect.objectContaining({ status: 'pending', waitingReason: 'waiting: 3 portal requests open' }),
    ]);
    expect(first.held.map((h) => h.id).sort()).toEqual([s['form-4']!.id, s['form-5']!.id].sort());
    expect(notifier.changedActions()).toHaveLength(4);

    // Nothing changes while all three are open, even when sent to the customer.
    await executeAction(ctx, elsewhere, { ...csm, actionId: s['form-1']!.id });
    expect((await fireDueActions(ctx, deps)).fired).toEqual([]);

    // The customer answers the first request: the next one in plan order fires, the last one still waits.
    await answerPortalForm(ctx, elsewhere, { actionId: s['form-1']!.id, values: {} });
    ctx.setNow('2026-11-24T10:01:00Z');
    const third = await fireDueActions(ctx, deps);
    s = await statuses(account.id);
    expect(third.fired.map((f) => f.id)).toEqual([s['form-4']!.id]);
    expect(s['form-4']).toEqual(expect.objectContaining({ status: 'ready', waitingReason: null }));
    expect(s['form-5']).toEqual(
      expect.objectContaining({ status: 'pending', waitingReason: 'waiting: 3 portal requests open' }),
    );

    await skipAction(ctx, { ...csm, actionId: s['form-2']!.id });
    const fourth = await fireDueActions(ctx, deps);
    expect(fourth.fired.map((f) => f.id)).toEqual([s['form-5']!.id]);
    expect(notifier.changedActions()).toHaveLength(6);
  });

  it('uses the organisation setting: with a limit of 1 only the first request in plan order fires', async () => {
    const { ctx, account } = await portalAccount(1);
    const notifier = new RecordingNotifier();
    await fireDueActions(ctx, { notifier, draft: async () => {} });
    const s = await statuses(account.id);
    expect([1, 2, 3, 4, 5].map((n) => s[`form-${n}`]!.status)).toEqual([
      'ready',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(s['form-2']!.waitingReason).toBe('waiting: 1 portal request open');
  });
});
