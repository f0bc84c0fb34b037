import request from 'supertest';
import { resolveSlackActor } from '../../../src/services/users/resolve-slack-actor';
import { eventCallback, interaction } from '../../support/slack-request';
import { CSM, NOW, useSlackHarness } from './slack-harness';

const h = useSlackHarness();
const ADMIN = 'UADMIN01';

async function send(req: { body: string; headers: Record<string, string> }, extraHeaders: Record<string, string> = {}) {
  return request(h.http)
    .post('/slack/events')
    .set({ ...req.headers, ...extraHeaders })
    .send(req.body);
}

function homeOpened(user: string, eventId: string) {
  return eventCallback({
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: eventId,
    event_time: 1,
    event: { type: 'app_home_opened', user, tab: 'home', channel: 'D1' },
  });
}

async function settle(ms = 300) {
  await new Promise((r) => setTimeout(r, ms));
}

async function makeAdmin(slackUserId: string) {
  const actor = await resolveSlackActor(h.ctx, { slackUserId });
  await h.db.prisma.user.update({ where: { id: actor.userId }, data: { role: 'admin' } });
  return actor;
}

describe('App Home', () => {
  it('is republished for the CSM and the admins, and no one else, when an account changes', async () => {
    await h.seed();
    await makeAdmin(ADMIN);
    await resolveSlackActor(h.ctx, { slackUserId: 'UCSM0002' });
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    await h.db.prisma.account.update({ where: { id: account.id }, data: { status: 'at_risk' } });
    h.fake.reset();
    await h.slack.notifier.accountChanged(account.id);
    const published = h.fake.callsTo('views.publish');
    expect(published.map((c) => c.args.user_id).sort()).toEqual([ADMIN, CSM].sort());
    const csmHome = JSON.stringify(published.find((c) => c.args.user_id === CSM)!.args.view);
    expect(csmHome).toMatch(/At-risk accounts\*\\n• Helios Health/);
  });

  it('follows a change made from Slack: blocking a milestone shows it on the CSM’s Home', async () => {
    await h.seed();
    const m = await h.db.prisma.milestone.findFirstOrThrow({
      where: { position: 0, account: { name: 'Northwind Logistics' } },
    });
    const view = {
      callback_id: 'view_milestone_change',
      private_metadata: JSON.stringify({ id: m.id, change: 'block' }),
      blocks: [{ block_id: 'note' }],
    };
    await send(
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: {
          ...view,
          id: 'V1',
          state: { values: { note: { note: { type: 'plain_text_input', value: 'Waiting on <!here> IT' } } } },
        },
      }),
    );
    const publish = await h.fake.waitFor('views.publish', (c) => c.args.user_id === CSM);
    const text = JSON.stringify(publish.args.view);
    expect(text).toContain('Northwind Logistics · Kickoff: Waiting on &lt;!here&gt; IT');
  });

  it('shows an admin the organisation-wide counts, and a CSM none', async () => {
    await h.seed();
    await makeAdmin(ADMIN);
    const org = await h.db.prisma.organization.findFirstOrThrow();
    await h.db.prisma.account.updateMany({ where: { name: 'Brightline Analytics' }, data: { status: 'at_risk' } });
    await h.db.prisma.action.updateMany({
      where: { key: 'welcome-email' },
      data: { status: 'ready', draftBody: 'Hi' },
    });
    await h.db.prisma.milestone.updateMany({
      where: { position: 0, account: { name: 'Helios Health' } },
      data: { status: 'blocked', blockerNote: 'SSO', blockedAt: NOW },
    });
    const overdue = await h.db.prisma.action.count({
      where: {
        account: { organizationId: org.id },
        status: { in: ['pending', 'ready', 'review_pending'] },
        dueAt: { lt: NOW },
      },
    });
    expect(overdue).toBeGreaterThan(0);

    await send(homeOpened(ADMIN, 'EvAdmin1'));
    const admin = JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === ADMIN)).args.view);
    expect(admin).toContain(
      `*Organisation* · 3 accounts (2 active, 1 at risk) · 3 drafts waiting · 1 blocked milestones · ${overdue} overdue actions`,
    );

    await send(homeOpened(CSM, 'EvCsm1'));
    const csm = JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === CSM)).args.view);
    expect(csm).not.toContain('*Organisation*');
    expect(csm).toContain('Drafts waiting for your review (3)');
  });
});

describe('Slack event retries', () => {
  it('acknowledges a retry of an event already processed and does not process it again', async () => {
    await h.seed();
    const first = await send(homeOpened(CSM, 'EvRetry1'));
    expect(first.status).toBe(200);
    await h.fake.waitFor('views.publish');
    const retry = await send(homeOpened(CSM, 'EvRetry1'), {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await settle();
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
    expect(await h.db.prisma.processedEvent.findUnique({ where: { id: 'slack:EvRetry1' } })).toMatchObject({
      source: 'slack',
    });

    await send(homeOpened(CSM, 'EvRetry2'));
    await settle();
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
  });

  it('processes two copies arriving at once only once', async () => {
    await h.seed();
    await Promise.all([send(homeOpened(CSM, 'EvTwin')), send(homeOpened(CSM, 'EvTwin'), { 'x-slack-retry-num': '1' })]);
    await settle(500);
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('gives the claim back when processing fails, so the next retry is processed', async () => {
    await h.seed();
    // A bad user id fails inside the listener.
    await send(homeOpened('not-a-user', 'EvFail1'));
    await settle();
    expect(await h.db.prisma.processedEvent.count({ where: { id: 'slack:EvFail1' } })).toBe(0);
  });
});
