import { createAccount } from '../../../src/services/accounts/create-account';
import { dismissRiskSuggestion } from '../../../src/services/accounts/dismiss-risk-suggestion';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { unblockMilestone } from '../../../src/services/milestones/unblock-milestone';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { skipAction } from '../../../src/services/review/skip-action';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { importTemplate } from '../../../src/services/templates/import-template';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { oneMilestoneTemplate, spec } from './scheduler-fixtures';

const t = useTestDatabase();

/** An account whose welcome email is due at kickoff, Monday 2 March 2026 09:00 UTC; its admin acts throughout. */
async function accountWithAWelcomeEmail() {
  const ctx = serviceContext(t.db, '2026-03-02T08:00:00Z');
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Acme Robotics' });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'U0ADA' });
  const actor = { userId: admin.userId, role: 'admin' as const };
  await importTemplate(ctx, {
    organizationId: org.id,
    actor: 'test',
    spec: oneMilestoneTemplate('Plan', [spec('welcome', 'email', { kind: 'kickoff_offset', delayDays: 0 })]),
  });
  const account = await createAccount(ctx, {
    organizationId: org.id,
    name: 'Helios Health',
    templateName: 'Plan',
    kickoffDate: '2026-03-02',
    contact: { email: 'jane@helios.example', name: 'Jane Doe' },
    actor: 'cli',
  });
  const notifier = new RecordingNotifier();
  /** The scheduler's tick at a time the test chooses; what its at-risk sweep did. */
  const tickAt = async (iso: string) => {
    ctx.setNow(iso);
    const report = await runTick(ctx, { notifier, canNotify: true });
    return report.atRisk;
  };
  const suggestedCodes = async () => {
    const row = await t.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    const suggestion = row.riskSuggestion as { reasons: { code: string }[] } | null;
    return suggestion?.reasons.map((r) => r.code).sort() ?? null;
  };
  const dismiss = () =>
    dismissRiskSuggestion(ctx, { organizationId: org.id, accountId: account.id, actor: { userId: admin.userId } });
  const kickoff = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: account.id } });
  const welcome = await t.db.prisma.action.findFirstOrThrow({ where: { accountId: account.id, key: 'welcome' } });
  return {
    ctx,
    organizationId: org.id,
    accountId: account.id,
    actor,
    kickoff,
    welcome,
    tickAt,
    suggestedCodes,
    dismiss,
  };
}

describe('a dismissed at-risk suggestion', () => {
  it('stays hidden while its signals are the same, however long, and returns when the set of reasons changes', async () => {
    const a = await accountWithAWelcomeEmail();
    await a.tickAt('2026-03-02T10:00:00Z'); // the welcome email is drafted and waits for review

    // Eight days overdue: Thread suggests the account is at risk, and the CSM dismisses it.
    expect(await a.tickAt('2026-03-10T10:00:00Z')).toEqual({ suggested: [a.accountId], withdrawn: [] });
    expect(await a.suggestedCodes()).toEqual(['actions_overdue']);
    await a.dismiss();
    expect(await a.suggestedCodes()).toBeNull();

    // The same reason weeks later (well past any fixed quiet period) suggests nothing.
    expect(await a.tickAt('2026-03-11T10:00:00Z')).toEqual({ suggested: [], withdrawn: [] });
    expect(await a.tickAt('2026-04-06T10:00:00Z')).toEqual({ suggested: [], withdrawn: [] });
    expect(await a.suggestedCodes()).toBeNull();

    // A new signal: the milestone has been blocked for more than five days.
    await blockMilestone(a.ctx, {
      organizationId: a.organizationId,
      milestoneId: a.kickoff.id,
      actor: a.actor,
      note: 'waiting for SSO metadata',
      cause: 'customer',
    });
    expect(await a.tickAt('2026-04-09T10:00:00Z')).toEqual({ suggested: [], withdrawn: [] });
    expect(await a.tickAt('2026-04-13T10:00:00Z')).toEqual({ suggested: [a.accountId], withdrawn: [] });
    expect(await a.suggestedCodes()).toEqual(['actions_overdue', 'milestone_blocked']);
  });

  it('returns when a reason it was dismissed with goes away, and is withdrawn when none is left', async () => {
    const a = await accountWithAWelcomeEmail();
    await a.tickAt('2026-03-02T10:00:00Z');
    await blockMilestone(a.ctx, {
      organizationId: a.organizationId,
      milestoneId: a.kickoff.id,
      actor: a.actor,
      note: 'waiting for SSO metadata',
      cause: 'customer',
    });
    expect(await a.tickAt('2026-03-10T10:00:00Z')).toEqual({ suggested: [a.accountId], withdrawn: [] });
    expect(await a.suggestedCodes()).toEqual(['actions_overdue', 'milestone_blocked']);
    await a.dismiss();
    expect(await a.tickAt('2026-03-20T10:00:00Z')).toEqual({ suggested: [], withdrawn: [] });

    // Unblocked: only the overdue draft is left, which is not what was dismissed.
    await unblockMilestone(a.ctx, { organizationId: a.organizationId, milestoneId: a.kickoff.id, actor: a.actor });
    expect(await a.tickAt('2026-03-20T11:00:00Z')).toEqual({ suggested: [a.accountId], withdrawn: [] });
    expect(await a.suggestedCodes()).toEqual(['actions_overdue']);

    // The draft is dealt with: the suggestion's reasons are gone.
    await skipAction(a.ctx, { organizationId: a.organizationId, actionId: a.welcome.id, actor: a.actor });
    expect(await a.tickAt('2026-03-20T12:00:00Z')).toEqual({ suggested: [], withdrawn: [a.accountId] });
    expect(await a.suggestedCodes()).toBeNull();
  });
});
