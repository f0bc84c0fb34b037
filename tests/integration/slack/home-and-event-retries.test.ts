import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { setRole } from '../../../src/services/people/set-role';
import { findButton, textOf } from '../../support/block-kit';
import { confirmAtRisk } from '../../support/plan-steps';
import { CSM, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();
const ADMIN = 'UADMIN01';

const homeOpened = (user: string) => ({ type: 'app_home_opened', user, tab: 'home', channel: 'D1' });

async function makeAdmin(slackUserId: string) {
  await h.addPerson(slackUserId, 'admin');
  return h.actor(slackUserId);
}

const homeOf = (user: string) => {
  const home = h.published.filter((p) => p.userId === user).at(-1);
  if (!home) throw new Error(`no App Home was published for ${user}`);
  return textOf(home.view);
};

describe('App Home', () => {
  it('is republished for the CSM and the admins, and no one else, when an account changes', async () => {
    await h.seed();
    await makeAdmin(ADMIN);
    await h.addPerson('UCSM0002', 'csm');
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    const csm = await h.actor(CSM);
    await confirmAtRisk(h.ctx, {
      organizationId: csm.organizationId,
      accountId: account.id,
      actor: csm,
      notifier: h.slack.notifier,
    });
    h.forget();
    await h.slack.notifier.accountChanged(account.id);
    expect(h.published.map((p) => p.userId).sort()).toEqual([ADMIN, CSM].sort());
    expect(homeOf(CSM)).toMatch(/At-risk accounts\*\n• Helios Health/);
  });

  it('follows a change made from Slack: blocking a milestone shows it on the CSM’s Home', async () => {
    await h.seed();
    await h.command('account northwind');
    await h.click(findButton(h.lastReply().blocks, 'Block milestone'));
    await h.submitView(h.lastOpened(), { note: 'Waiting on <!here> IT', block_cause: 'customer' });
    expect(homeOf(CSM)).toContain('Northwind Logistics · Kickoff: Waiting on &lt;!here&gt; IT');
  });

  it('shows an admin the organisation-wide counts, and a CSM none', async () => {
    await h.seed();
    // The CSM was the first person (so its admin); the admin they add makes them a CSM again.
    const admin = await makeAdmin(ADMIN);
    await setRole(h.ctx, {
      organizationId: admin.organizationId,
      actor: admin,
      person: { slackUserId: CSM },
      role: 'csm',
    });
    const org = await h.db.prisma.organization.findFirstOrThrow();
    const accountNamed = (name: string) => h.db.prisma.account.findFirstOrThrow({ where: { name } });
    // Brightline runs late and its CSM's admin confirms it is at risk (the clock moves on five days).
    await confirmAtRisk(h.ctx, {
      organizationId: org.id,
      accountId: (await accountNamed('Brightline Analytics')).id,
      actor: admin,
    });
    // The scheduler fires every account's welcome email, with the rest of what is due by now: three drafts each.
    const welcomes = await h.db.prisma.action.findMany({ where: { key: 'welcome-email' } });
    for (const welcome of welcomes) await h.fire(welcome.id);
    // Helios's Kickoff is blocked.
    const heliosKickoff = await h.db.prisma.milestone.findFirstOrThrow({
      where: { position: 0, accountId: (await accountNamed('Helios Health')).id },
    });
    await blockMilestone(h.ctx, {
      organizationId: org.id,
      milestoneId: heliosKickoff.id,
      actor: admin,
      note: 'SSO',
      cause: 'third_party',
    });
    const overdue = await h.db.prisma.action.count({
      where: {
        account: { organizationId: org.id },
        status: { in: ['pending', 'ready', 'review_pending'] },
        dueAt: { lt: h.ctx.now() },
      },
    });
    expect(overdue).toBeGreaterThan(0);

    await h.send(homeOpened(ADMIN));
    expect(homeOf(ADMIN)).toContain(
      `*Organisation* · 3 accounts (2 active, 1 at risk) · 9 drafts waiting · 1 blocked milestones · ${overdue} overdue actions`,
    );

    await h.send(homeOpened(CSM));
    const csm = homeOf(CSM);
    expect(csm).not.toContain('*Organisation*');
    expect(csm).toContain('Drafts waiting for your review (9)');
  });
});

describe('Slack event retries', () => {
  it('acknowledges a retry of an event already processed and does not process it again', async () => {
    await h.seed();
    const first = await h.send(homeOpened(CSM), { eventId: 'EvRetry1' });
    expect(first.status).toBe(200);
    expect(h.published).toHaveLength(1);
    const retry = await h.send(homeOpened(CSM), { eventId: 'EvRetry1', retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    expect(h.published).toHaveLength(1);
    expect(await h.db.prisma.processedEvent.findUnique({ where: { id: 'slack:EvRetry1' } })).toMatchObject({
      source: 'slack',
    });

    await h.send(homeOpened(CSM), { eventId: 'EvRetry2' });
    expect(h.published).toHaveLength(2);
  });

  it('processes two copies arriving at once only once', async () => {
    await h.seed();
    await Promise.all([
      h.send(homeOpened(CSM), { eventId: 'EvTwin' }),
      h.send(homeOpened(CSM), { eventId: 'EvTwin', retryNum: 1 }),
    ]);
    await h.settled();
    expect(h.published).toHaveLength(1);
  });

  it('gives the claim back when processing fails, so the next retry is processed', async () => {
    await h.seed();
    // A bad user id fails inside the listener.
    await h.send(homeOpened('not-a-user'), { eventId: 'EvFail1' });
    expect(await h.db.prisma.processedEvent.count({ where: { id: 'slack:EvFail1' } })).toBe(0);
  });
});
