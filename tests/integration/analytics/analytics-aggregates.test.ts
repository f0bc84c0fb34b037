/**
 * Each analytics aggregate on states reached through the services, with the numbers worked out by hand, and who
 * may read them.
 */
import { getAnalytics } from '../../../src/services/analytics/get-analytics';
import { getAnalyticsSection } from '../../../src/services/analytics/get-analytics-section';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { setReplyToEmail } from '../../../src/services/people/set-reply-to-email';
import { refreshSlipLedgers } from '../../../src/services/scheduler/refresh-slip-ledgers';
import { arrangeDeps, confirmAtRisk, publishAction } from '../../support/plan-steps';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam } from '../people/team-fixture';
import { kickOff, setUpAnalyticsOrg, takeStep } from './analytics-fixture';

const t = useTestDatabase();
const utc = (s: string) => new Date(`${s}Z`);

describe('analytics aggregates', () => {
  /**
   * Worked example (UTC, Monday to Friday; template Fast: Setup 5 days, Launch 3):
   * - Alpha (Ana) kicks off Mon 2 Mar. Setup is blocked by the customer Tue 3 10:00 → Mon 9 16:00 and completed
   *   Tue 10 15:00: Mon 2 … Tue 10 is 7 business dates, 2 late: Mon 9 (the customer's block covers it) and Tue 10
   *   (nothing covers it: ours). Launch runs Tue 10 → Thu 12: 3 dates, on time. Live Thu 12: time to value Mon 2 …
   *   Thu 12 = 9 business days.
   * - Beta (Ben) kicks off Mon 2 Mar. Setup done Fri 6: 5 dates, on time. Launch (from Fri 6) is blocked by a third
   *   party Mon 9 10:00 → Wed 11 16:00 and completed Fri 13: Fri 6 … Fri 13 is 6 dates, 3 late: Wed 11 (the third
   *   party's block) and Thu 12, Fri 13 (ours). Live Fri 13: 10 business days.
   * So: TTV Fast median 9.5, p90 9 + 0.9 × 1 = 9.9; Setup 1 of 2 on time (median 6 of 5 planned), Launch 1 of 2
   * (median 4.5 of 3); blocks: customer 1 of 6.25 days, third party 1 of 2.25 days; slip 5 days: customer 1, us 3,
   * third party 1.
   */
  it('time to value, on-time rate, blockers, slip and cohorts of a hand-worked history', async () => {
    const ctx = serviceContext(t.db, '2026-03-02T08:00:00Z');
    const org = await setUpAnalyticsOrg(ctx);
    const ana = org.csms['Ana Alves'];
    const ben = org.csms['Ben Brook'];
    const alpha = await kickOff(ctx, org, { name: 'Alpha', template: 'Fast', csm: 'Ana Alves', kickoff: '2026-03-02' });
    const beta = await kickOff(ctx, org, { name: 'Beta', template: 'Fast', csm: 'Ben Brook', kickoff: '2026-03-02' });
    const steps = [
      [alpha, ana, { at: utc('2026-03-03T10:00'), kind: 'block', cause: 'customer' }],
      [beta, ben, { at: utc('2026-03-06T15:00'), kind: 'complete' }],
      [alpha, ana, { at: utc('2026-03-09T16:00'), kind: 'unblock' }],
      [beta, ben, { at: utc('2026-03-09T10:00'), kind: 'block', cause: 'third_party' }],
      [alpha, ana, { at: utc('2026-03-10T15:00'), kind: 'complete' }],
      [beta, ben, { at: utc('2026-03-11T16:00'), kind: 'unblock' }],
      [alpha, ana, { at: utc('2026-03-12T15:00'), kind: 'complete' }],
      [beta, ben, { at: utc('2026-03-13T15:00'), kind: 'complete' }],
    ] as const;
    for (const [account, csm, step] of [...steps].sort((x, y) => x[2].at.getTime() - y[2].at.getTime()))
      await takeStep(ctx, org, account, csm, step);
    ctx.setNow('2026-03-16T10:00:00Z');

    const view = await getAnalytics(ctx, undefined, {
      organizationId: org.organizationId,
      actor: org.lead,
      filters: { period: 'ytd' },
    });
    const rows = Object.fromEntries(view.sections.map((s) => [s.section.id, s.section.rows]));
    expect(rows.ttv_by_template).toEqual([{ group: 'Fast', accounts: 2, medianDays: 9.5, p90Days: 9.9 }]);
    expect(rows.ttv_by_csm).toEqual([
      { group: 'Ana Alves', accounts: 1, medianDays: 9, p90Days: 9 },
      { group: 'Ben Brook', accounts: 1, medianDays: 10, p90Days: 10 },
    ]);
    expect(rows.on_time_by_milestone).toEqual([
      {
        position: 0,
        milestone: 'Setup',
        completed: 2,
        onTime: 1,
        rate: 0.5,
        medianActualDays: 6,
        medianPlannedDays: 5,
      },
      {
        position: 1,
        milestone: 'Launch',
        completed: 2,
        onTime: 1,
        rate: 0.5,
        medianActualDays: 4.5,
        medianPlannedDays: 3,
      },
    ]);
    expect(rows.blockers_by_cause).toEqual([
      { cause: 'customer', blocks: 1, accounts: 1, open: 0, medianDays: 6.3 },
      { cause: 'third_party', blocks: 1, accounts: 1, open: 0, medianDays: 2.3 },
    ]);
    expect(rows.slip_by_side).toEqual([
      { side: 'customer', days: 1, accounts: 1, share: 0.2 },
      { side: 'us', days: 3, accounts: 2, share: 0.6 },
      { side: 'third_party', days: 1, accounts: 1, share: 0.2 },
    ]);
    expect(rows.kickoff_cohorts).toEqual([
      { month: '2026-03', kickedOff: 2, live: 2, onboarding: 0, churned: 0, medianProgressPct: 100 },
    ]);
    expect(rows.csm_workload).toEqual([]);
    expect(rows.accounts_at_risk).toEqual([]);

    // Filters: Ana's accounts only; and a period before any of it happened.
    const anas = await getAnalytics(ctx, undefined, {
      organizationId: org.organizationId,
      actor: org.lead,
      filters: { period: 'ytd', csmUserId: ana.userId },
    });
    expect(anas.scopeLabel).toBe('2026 to date · CSM Ana Alves');
    expect(anas.sections.find((s) => s.section.id === 'slip_by_side')!.section.rows).toEqual([
      { side: 'customer', days: 1, accounts: 1, share: 0.5 },
      { side: 'us', days: 1, accounts: 1, share: 0.5 },
    ]);
    const before = await getAnalytics(ctx, undefined, {
      organizationId: org.organizationId,
      actor: org.lead,
      filters: { period: '2026-02' },
    });
    expect(before.sections.every((s) => s.section.rows.length === 0)).toBe(true);
  });

  it('counts a completion and a block in the organisation’s local month, not the UTC one', async () => {
    const ctx = serviceContext(t.db, '2026-03-27T00:00:00Z');
    const org = await setUpAnalyticsOrg(ctx);
    await updateSettings(ctx, {
      organizationId: org.organizationId,
      actor: org.admin,
      settings: { timezone: 'Pacific/Auckland' },
    });
    const ana = org.csms['Ana Alves'];
    const gamma = await kickOff(ctx, org, { name: 'Gamma', template: 'Fast', csm: 'Ana Alves', kickoff: '2026-03-30' });
    // Tuesday 31 March 11:30 and 12:00 UTC are 00:30 and 01:00 on Wednesday 1 April in Auckland (NZDT, UTC+13).
    await takeStep(ctx, org, gamma, ana, { at: utc('2026-03-31T11:30'), kind: 'block', cause: 'customer' });
    await takeStep(ctx, org, gamma, ana, { at: utc('2026-03-31T11:45'), kind: 'unblock' });
    await takeStep(ctx, org, gamma, ana, { at: utc('2026-03-31T12:00'), kind: 'complete' });
    ctx.setNow('2026-04-02T00:00:00Z');
    const counts = async (period: string) => {
      const view = await getAnalytics(ctx, undefined, {
        organizationId: org.organizationId,
        actor: org.lead,
        filters: { period },
      });
      const rows = (id: string) => view.sections.find((s) => s.section.id === id)!.section.rows.length;
      return {
        completed: rows('on_time_by_milestone'),
        blocks: rows('blockers_by_cause'),
        kickoffs: rows('kickoff_cohorts'),
      };
    };
    expect(await counts('2026-03')).toEqual({ completed: 0, blocks: 0, kickoffs: 1 });
    expect(await counts('2026-04')).toEqual({ completed: 1, blocks: 1, kickoffs: 0 });
  });

  it('CSM workload counts each CSM’s open accounts, drafts waiting and overdue actions now', async () => {
    const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
    const team = await setUpTeam(ctx, { teamId: 'TWORK', name: 'Work', prefix: 'WK' });
    // Both accounts' kickoff actions fired at 09:00 (the SSO form and the welcome email): 2 drafts, both past due.
    const welcome = await ctx.prisma.action.findFirstOrThrow({ where: { accountId: team.accountId, key: 'welcome' } });
    ctx.advance(3_600_000);
    // The CSM gives the address customers reply to, then sends the welcome email.
    await setReplyToEmail(ctx, {
      organizationId: team.organizationId,
      actor: team.csm,
      replyToEmail: 'csm@vendor.example',
    });
    await publishAction(ctx, arrangeDeps(ctx), {
      organizationId: team.organizationId,
      actionId: welcome.id,
      actor: team.csm,
    });
    const section = await getAnalyticsSection(ctx, undefined, {
      organizationId: team.organizationId,
      actor: team.admin,
      section: 'csm_workload',
    });
    expect(section.section.rows).toEqual([
      { csm: 'CSM of Work', activeAccounts: 1, draftsWaiting: 1, overdueActions: 1 },
      { csm: 'CSMTWO of Work', activeAccounts: 1, draftsWaiting: 2, overdueActions: 2 },
    ]);
  });

  it('lists accounts at risk first, then the furthest behind plan', async () => {
    const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
    const team = await setUpTeam(ctx, { teamId: 'TRISK', name: 'Risk', prefix: 'RK' });
    // The other account's Kickoff runs past its 5 planned days while the CSM's account is confirmed at risk.
    ctx.setNow('2026-03-12T10:00:00Z');
    await confirmAtRisk(ctx, { organizationId: team.organizationId, accountId: team.accountId, actor: team.csm });
    await refreshSlipLedgers(ctx);
    const behind = await ctx.prisma.account.findUniqueOrThrow({ where: { id: team.otherAccountId } });
    expect(behind.daysBehind).toBeGreaterThan(0);
    const { section } = await getAnalyticsSection(ctx, undefined, {
      organizationId: team.organizationId,
      actor: team.admin,
      section: 'accounts_at_risk',
    });
    if (section.id !== 'accounts_at_risk') throw new Error(`expected the at-risk section, got ${section.id}`);
    expect(section.rows.map((r) => [r.accountId, r.status])).toEqual([
      [team.accountId, 'at_risk'],
      [team.otherAccountId, 'active'],
    ]);
    expect(section.rows[1]).toMatchObject({
      daysBehind: behind.daysBehind,
      milestone: 'Kickoff',
      csm: 'CSMTWO of Risk',
    });
  });

  it('is refused to CSMs, account executives and viewers, naming who may', async () => {
    const ctx = serviceContext(t.db);
    const team = await setUpTeam(ctx, { teamId: 'TREFUSE', name: 'Refuse', prefix: 'RF' });
    for (const [who, role] of [
      [team.csm, 'CSM'],
      [team.ae, 'account executive'],
      [team.viewer, 'viewer'],
    ] as const) {
      const refused = await refusal(getAnalytics(ctx, undefined, { organizationId: team.organizationId, actor: who }));
      expect(refused.code).toBe('forbidden');
      expect(refused.message).toBe(`only admins and CS leaders can read the analytics, and your role is ${role}.`);
    }
  });
});
