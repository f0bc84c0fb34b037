import request from 'supertest';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { resolveSlackActor } from '../../../src/services/users/resolve-slack-actor';
import { interaction, slashCommand } from '../../support/slack-request';
import { CSM, useSlackHarness } from './slack-harness';

const h = useSlackHarness();

async function send(req: { body: string; headers: Record<string, string> }) {
  return request(h.http).post('/slack/events').set(req.headers).send(req.body);
}

function click(actionId: string, value: string, user = CSM) {
  return interaction({
    type: 'block_actions',
    user: { id: user },
    trigger_id: 'trig.1',
    response_url: h.fake.responseUrl(),
    container: { type: 'message', message_ts: '1000.000100', channel_id: 'CCSM' },
    actions: [{ action_id: actionId, value, type: 'button' }],
  });
}

function command(text: string, user = CSM) {
  return slashCommand({
    command: '/thread',
    text,
    user_id: user,
    user_name: 'csm',
    team_id: 'T1',
    channel_id: 'CCSM',
    response_url: h.fake.responseUrl(),
    trigger_id: 't.1',
    token: 'x',
  });
}

function submitView(view: object, values: Record<string, string>, user = CSM) {
  const state = {
    values: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { [k]: { type: 'plain_text_input', value: v } }]),
    ),
  };
  return interaction({ type: 'view_submission', user: { id: user }, view: { ...view, id: 'V1', state } });
}

async function readyAction(account: string, key: string, draft: { subject?: string; body: string }) {
  const action = await h.db.prisma.action.findFirstOrThrow({ where: { key, account: { name: account } } });
  await h.db.prisma.action.update({
    where: { id: action.id },
    data: { status: 'ready', draftSubject: draft.subject ?? null, draftBody: draft.body },
  });
  return action.id;
}

describe('Send test to me', () => {
  const DRAFT =
    'Hi team :wave: today is kickoff. Agenda: <https://docs.example.io/agenda|here>. Your portal: {{portal_link}}';

  it('posts exactly the draft to the CSM as a DM and leaves the action as it was', async () => {
    await h.seed();
    const id = await readyAction('Helios Health', 'kickoff-day-message', { body: DRAFT });
    const before = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    await send(click('review_send_test', id));
    const dm = await h.fake.waitFor('chat.postMessage');
    expect(dm.args.channel).toBe(CSM);
    expect(dm.args.text).toBe(DRAFT.replace('{{portal_link}}', '(the customer’s portal link goes here when sent)'));
    expect(dm.args.blocks).toBeUndefined();
    const confirm = await h.fake.waitFor('response_url');
    expect(confirm.args.response_type).toBe('ephemeral');
    expect(String(confirm.args.text)).toContain('Test sent');
    const after = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(before);
    expect(await h.db.prisma.portalAccess.count()).toBe(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('is refused to someone who is not the CSM, and nothing is sent', async () => {
    await h.seed();
    const id = await readyAction('Helios Health', 'kickoff-day-message', { body: DRAFT });
    await send(click('review_send_test', id, 'UOTHER01'));
    expect(String((await h.fake.waitFor('response_url')).args.text)).toContain("only the account's CSM or an admin");
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('says so for an action that is not a Slack message', async () => {
    await h.seed();
    const id = await readyAction('Helios Health', 'welcome-email', { subject: 'Hi', body: 'Welcome' });
    await send(click('review_send_test', id));
    expect(String((await h.fake.waitFor('response_url')).args.text)).toContain('is not a Slack message');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('/thread review', () => {
  async function twoAccountsWithDrafts() {
    await h.seed();
    await readyAction('Helios Health', 'welcome-email', { subject: 'Welcome Helios', body: 'Hello Helios' });
    await readyAction('Northwind Logistics', 'welcome-email', {
      subject: 'Welcome Northwind',
      body: 'Hello Northwind',
    });
    // Brightline belongs to another CSM: not in this CSM's own queue.
    const other = await resolveSlackActor(h.ctx, { slackUserId: 'UCSM0002' });
    await h.db.prisma.account.updateMany({ where: { name: 'Brightline Analytics' }, data: { csmId: other.userId } });
    await readyAction('Brightline Analytics', 'welcome-email', {
      subject: 'Welcome Brightline',
      body: 'Hello Brightline',
    });
  }

  it('without an account shows the CSM’s own drafts, grouped by account and milestone', async () => {
    await twoAccountsWithDrafts();
    await send(command('review'));
    const text = JSON.stringify((await h.fake.waitFor('response_url')).args.blocks);
    expect(text).toContain('Drafts waiting for review (2)');
    expect(text).toContain('*Helios Health · Kickoff*');
    expect(text).toContain('*Northwind Logistics · Kickoff*');
    expect(text.indexOf('Helios Health')).toBeLessThan(text.indexOf('Northwind Logistics'));
    expect(text).not.toContain('Brightline');
  });

  it('with an account shows only that account’s drafts', async () => {
    await twoAccountsWithDrafts();
    await send(command('review northwind'));
    const text = JSON.stringify((await h.fake.waitFor('response_url')).args.blocks);
    expect(text).toContain('Drafts waiting for review (1)');
    expect(text).toContain('Hello Northwind');
    expect(text).not.toContain('Hello Helios');
  });

  it('an admin without an account sees every CSM’s drafts', async () => {
    await twoAccountsWithDrafts();
    await h.db.prisma.user.updateMany({ where: { slackUserId: CSM }, data: { role: 'admin' } });
    await send(command('review'));
    const text = JSON.stringify((await h.fake.waitFor('response_url')).args.blocks);
    expect(text).toContain('Drafts waiting for review (3)');
    expect(text).toContain('Hello Brightline');
  });

  it('says when nothing is waiting', async () => {
    await h.seed();
    await send(command('review'));
    expect(JSON.stringify((await h.fake.waitFor('response_url')).args.blocks)).toContain('Nothing waiting for review');
  });
});

describe('Start and Unblock milestone modals', () => {
  async function northwindMilestone(position: number) {
    await h.seed();
    return h.db.prisma.milestone.findFirstOrThrow({ where: { position, account: { name: 'Northwind Logistics' } } });
  }

  it('Start lists the actions it will schedule and warns that the previous milestone has open actions; submit starts it', async () => {
    const m = await northwindMilestone(1);
    await send(click('milestone_start', m.id));
    const view = (await h.fake.waitFor('views.open')).args.view as object;
    const shown = JSON.stringify(view);
    expect(shown).toContain('These actions will be scheduled');
    for (const name of ['Technical setup introduction', 'Technical details form', 'Signed data processing agreement'])
      expect(shown).toContain(name);
    expect(shown).not.toContain('Configure single sign-on');
    expect(shown).toContain(':warning: The previous milestone (Kickoff) still has');
    expect(shown).toContain('Welcome email');
    const res = await send(submitView(view, {}));
    expect(res.status).toBe(200);
    const started = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id }, include: { actions: true } });
    expect(started.status).toBe('in_progress');
    expect(started.startedAt).not.toBeNull();
    expect(started.actions.find((a) => a.key === 'technical-setup-intro')?.dueAt).not.toBeNull();
    expect(started.actions.find((a) => a.key === 'configure-sso')?.dueAt).toBeNull();
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: m.id, toState: 'in_progress' } })).toBe(1);
  });

  it('Start has no warning when the previous milestone is done', async () => {
    const m = await northwindMilestone(1);
    await h.db.prisma.action.updateMany({
      where: { milestone: { accountId: m.accountId, position: 0 } },
      data: { status: 'completed' },
    });
    await send(click('milestone_start', m.id));
    expect(JSON.stringify((await h.fake.waitFor('views.open')).args.view)).not.toContain('previous milestone');
  });

  it('a Start that is no longer possible replaces the modal with the reason', async () => {
    const m = await northwindMilestone(0); // already in progress
    const view = {
      callback_id: 'view_milestone_change',
      private_metadata: JSON.stringify({ id: m.id, change: 'start' }),
      blocks: [],
    };
    const res = await send(submitView(view, {}));
    expect(res.body.response_action).toBe('update');
    expect(JSON.stringify(res.body.view)).toContain('not possible');
  });

  it('Unblock clears the blocker note (it leaves the portal), keeps it in the audit trail with the reason', async () => {
    const m = await northwindMilestone(0);
    const actor = await resolveSlackActor(h.ctx, { slackUserId: CSM });
    await blockMilestone(h.ctx, {
      organizationId: actor.organizationId,
      milestoneId: m.id,
      actor,
      note: 'Waiting on security review',
    });
    await send(click('milestone_unblock', m.id));
    const view = (await h.fake.waitFor('views.open')).args.view as object;
    expect(JSON.stringify(view)).toContain('Waiting on security review');
    await send(submitView(view, { reason: 'Security approved it' }));
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.status).toBe('in_progress');
    expect(after.blockerNote).toBeNull();
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: m.id, fromState: 'blocked', toState: 'in_progress' },
    });
    expect(audit.reason).toBe('Security approved it');
    expect(JSON.stringify(audit.data)).toContain('Waiting on security review');
  });
});
