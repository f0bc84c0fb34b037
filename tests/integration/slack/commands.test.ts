import request from 'supertest';
import { interaction, slashCommand } from '../../support/slack-request';
import { CSM, useSlackHarness } from './slack-harness';

const h = useSlackHarness();

function command(text: string, user = CSM, options?: { timestamp?: number; secret?: string }) {
  return slashCommand(
    {
      command: '/thread',
      text,
      user_id: user,
      user_name: 'csm',
      team_id: 'T1',
      channel_id: 'CCSM',
      response_url: h.fake.responseUrl(),
      trigger_id: 't.1',
      token: 'x',
    },
    options,
  );
}

async function send(req: { body: string; headers: Record<string, string> }) {
  return request(h.http).post('/slack/events').set(req.headers).send(req.body);
}

function textOf(call: { args: Record<string, unknown> }): string {
  return JSON.stringify(call.args.blocks ?? call.args.text);
}

describe('/thread over signed HTTP', () => {
  it('rejects a forged signature with 401 and changes nothing', async () => {
    await h.seed();
    const before = await h.db.prisma.user.count();
    const res = await send(command('accounts', 'UNEW0001', { secret: 'not-the-secret' }));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(await h.db.prisma.user.count()).toBe(before);
  });

  it('rejects a stale signature (older than five minutes) with 401', async () => {
    const res = await send(command('help', CSM, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(res.status).toBe(401);
  });

  it('rejects a forged button click and leaves the action unapproved', async () => {
    await h.seed();
    const action = await h.db.prisma.action.findFirstOrThrow({ where: { key: 'welcome-email' } });
    const res = await send(
      interaction(
        { type: 'block_actions', user: { id: CSM }, actions: [{ action_id: 'review_approve', value: action.id }] },
        { secret: 'forged' },
      ),
    );
    expect(res.status).toBe(401);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).approvedAt).toBeNull();
  });

  it('answers help, an empty command and an unknown subcommand with usage in the acknowledgement', async () => {
    for (const text of ['help', '', 'frobnicate']) {
      const res = await send(command(text));
      expect(res.status).toBe(200);
      expect(res.body.response_type).toBe('ephemeral');
      expect(JSON.stringify(res.body.blocks)).toContain('/thread accounts');
      if (text === 'frobnicate') expect(JSON.stringify(res.body.blocks)).toContain("I don't know");
    }
  });

  it('shows one account with status, ARR, CSM, progress, next actions and buttons', async () => {
    await h.seed();
    const res = await send(command('account helios'));
    expect(res.status).toBe(200);
    const reply = await h.fake.waitFor('response_url');
    const text = textOf(reply);
    expect(text).toContain('Helios Health');
    expect(text).toContain('$156,000');
    expect(text).toContain(`<@${CSM}>`);
    expect(text).toContain('0/5 milestones done');
    expect(text).toContain('Kickoff');
    expect(text).toContain('account_timeline');
    expect(reply.args.response_type).toBe('ephemeral');
  });

  it('offers a pick list when several accounts match, and no-match says so', async () => {
    await h.seed();
    await send(command('account l'));
    const pick = await h.fake.waitFor('response_url');
    expect(textOf(pick)).toContain('account_pick');
    expect(textOf(pick)).toContain('Northwind Logistics');
    h.fake.reset();
    await send(command('account zzz'));
    expect(textOf(await h.fake.waitFor('response_url'))).toContain('No account matches');
  });

  it('lists accounts with filters and sort, and names bad filters', async () => {
    await h.seed();
    await h.db.prisma.account.update({
      where: {
        organizationId_name: {
          organizationId: (await h.db.prisma.organization.findFirstOrThrow()).id,
          name: 'Brightline Analytics',
        },
      },
      data: { status: 'at_risk' },
    });
    await send(command('accounts status:at_risk csm:@me'));
    const list = textOf(await h.fake.waitFor('response_url'));
    expect(list).toContain('Brightline Analytics');
    expect(list).not.toContain('Helios Health');
    h.fake.reset();
    await send(command('accounts sort:arr limit:2'));
    const sorted = textOf(await h.fake.waitFor('response_url'));
    expect(sorted.indexOf('Helios Health')).toBeLessThan(sorted.indexOf('Northwind Logistics'));
    expect(sorted).not.toContain('Brightline');
    h.fake.reset();
    await send(command('accounts colour:blue'));
    expect(textOf(await h.fake.waitFor('response_url'))).toContain('unknown filter');
  });

  it('shows a timeline with planned and actual dates and milestone buttons', async () => {
    await h.seed();
    await send(command('timeline northwind'));
    const text = textOf(await h.fake.waitFor('response_url'));
    expect(text).toContain('Timeline · Northwind Logistics');
    expect(text).toContain('Planned');
    expect(text).toContain('milestone_complete');
    expect(text).toContain('milestone_start');
  });

  it('escapes customer text so it cannot ping the channel', async () => {
    await h.seed();
    await h.db.prisma.account.updateMany({
      where: { name: 'Helios Health' },
      data: { name: 'Helios <!channel> & Co' },
    });
    // The list renders names as mrkdwn (a header is plain text, which Slack never parses for mentions).
    await send(command('accounts sort:arr'));
    const text = textOf(await h.fake.waitFor('response_url'));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; Co');
  });
});
