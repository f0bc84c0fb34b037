/**
 * The demo's past year, played through the services (services/seed/demo-history): what a leader's first look at the
 * analytics stands on. The organisation's first admin plays the CSM; the clock walks a year of business days.
 */
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { setReplyToEmail } from '../../../src/services/people/set-reply-to-email';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { DEMO_PAST_ACCOUNTS } from '../../../src/services/seed/demo-history/demo-history-script';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

const t = useTestDatabase();
const PUBLIC_URL = 'https://thread.test';

async function demoWorkspace() {
  const ctx = serviceContext(t.db, '2026-12-01T12:00:00Z');
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'TDEMO', workspaceName: 'Demo Company' });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'UDEMOADMIN' });
  return { ctx, org, admin };
}

describe('the demo’s past year', () => {
  it('is not played when no one can send its email, and says what to do', async () => {
    const { ctx } = await demoWorkspace();
    const seeded = await seedDemo(ctx, { history: { publicUrl: PUBLIC_URL } });
    expect(seeded.history).toEqual({ skipped: expect.stringContaining('knows no email address of UDEMOADMIN') });
    expect(await t.db.prisma.account.count({ where: { name: { in: DEMO_PAST_ACCOUNTS.map((a) => a.name) } } })).toBe(0);
  });

  it('plays a year of onboardings with go-lives, blocks of every cause and a slip ledger, once however often it runs', async () => {
    const { ctx, org, admin } = await demoWorkspace();
    await setReplyToEmail(ctx, {
      organizationId: org.id,
      actor: 'cli',
      userId: admin.userId,
      replyToEmail: 'admin@demo-company.example',
    });
    const progress: [number, number][] = [];
    const seeded = await seedDemo(ctx, {
      history: { publicUrl: PUBLIC_URL, onProgress: (day, days) => progress.push([day, days]) },
    });

    expect(seeded.history).toEqual({ created: DEMO_PAST_ACCOUNTS.map((a) => a.name), existing: [] });
    const [lastDay, days] = progress.at(-1)!;
    expect(lastDay).toBe(days);
    expect(days).toBeGreaterThan(250);

    const past = await t.db.prisma.account.findMany({
      where: { organizationId: org.id, name: { in: DEMO_PAST_ACCOUNTS.map((a) => a.name) } },
      select: { name: true, status: true, csmId: true, timeToValueDays: true, daysBehind: true, slipDays: true },
    });
    const live = past.filter((a) => a.status === 'completed');
    expect(live.length).toBeGreaterThanOrEqual(9);
    expect(past.filter((a) => a.status === 'active').length).toBeGreaterThanOrEqual(1);
    for (const account of past) expect(account.csmId).toBe(admin.userId);
    for (const account of live) {
      expect(account.timeToValueDays).toBeGreaterThan(20);
      expect(account.slipDays).toHaveLength(account.daysBehind);
    }
    expect(live.some((a) => a.daysBehind > 0)).toBe(true);
    const causes = await t.db.prisma.milestoneBlock.groupBy({ by: ['cause'], where: { organizationId: org.id } });
    expect(causes.map((c) => c.cause).sort()).toEqual(['customer', 'third_party', 'us']);
    const open = await t.db.prisma.milestoneBlock.count({ where: { organizationId: org.id, endedAt: null } });
    expect(open).toBe(0);

    const again = await seedDemo(ctx, { history: { publicUrl: PUBLIC_URL } });
    expect(again.history).toEqual({
      created: [],
      existing: expect.arrayContaining(DEMO_PAST_ACCOUNTS.map((a) => a.name)),
    });
  }, 180_000);
});
