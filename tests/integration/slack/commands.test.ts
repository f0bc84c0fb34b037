import { createAccount } from '../../../src/services/accounts/create-account';
import { actionIds, buttons, findButton, stringsIn, textOf } from '../../support/block-kit';
import { confirmAtRisk } from '../../support/plan-steps';
import { CSM, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

describe('/thread over signed HTTP', () => {
  it('rejects a forged signature with 401 and changes nothing', async () => {
    await h.seed();
    const before = await h.db.prisma.user.count();
    const res = await h.command('accounts', { as: 'UNEW0001', secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(await h.db.prisma.user.count()).toBe(before);
  });

  it('rejects a stale signature (older than five minutes) with 401', async () => {
    const res = await h.command('help', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
  });

  it('rejects a forged button click and leaves the action unapproved', async () => {
    await h.seed();
    const action = await h.db.prisma.action.findFirstOrThrow({ where: { key: 'welcome-email' } });
    const res = await h.click({ actionId: 'review_approve', value: action.id }, { secret: 'forged' });
    expect(res.status).toBe(401);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: action.id } })).approvedAt).toBeNull();
  });

  it('answers help, an empty command and an unknown subcommand with usage in the acknowledgement', async () => {
    for (const text of ['help', '', 'frobnicate']) {
      const res = await h.command(text);
      expect(res.status).toBe(200);
      expect(res.body.response_type).toBe('ephemeral');
      expect(textOf(res.body.blocks)).toContain('/thread accounts');
      if (text === 'frobnicate') expect(textOf(res.body.blocks)).toContain("I don't know");
    }
  });

  it('shows one account with status, ARR, CSM, progress, next actions and buttons', async () => {
    await h.seed();
    const res = await h.command('account helios');
    expect(res.status).toBe(200);
    const reply = h.lastReply();
    const text = textOf(reply.blocks);
    expect(text).toContain('Helios Health');
    expect(text).toContain('$156,000');
    expect(text).toContain(`<@${CSM}>`);
    expect(text).toContain('0/5 milestones done');
    expect(text).toContain('Kickoff');
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    expect(findButton(reply.blocks, 'Timeline')).toMatchObject({ actionId: 'account_timeline', value: account.id });
    expect(reply.response_type).toBe('ephemeral');
  });

  it('offers a pick list when several accounts match, and no-match says so', async () => {
    await h.seed();
    await h.command('account l');
    const pick = h.lastReply();
    expect(textOf(pick.blocks)).toContain('Northwind Logistics');
    expect(actionIds(pick.blocks)).toContain('account_pick');
    h.forget();
    await h.command('account zzz');
    expect(textOf(h.lastReply().blocks)).toContain('No account matches');
  });

  it('lists accounts with filters and sort, and names bad filters', async () => {
    await h.seed();
    const csm = await h.actor(CSM);
    const brightline = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Brightline Analytics' } });
    await confirmAtRisk(h.ctx, {
      organizationId: csm.organizationId,
      accountId: brightline.id,
      actor: csm,
      notifier: h.slack.notifier,
    });
    h.forget();
    await h.command('accounts status:at_risk csm:@me');
    const list = textOf(h.lastReply().blocks);
    expect(list).toContain('Brightline Analytics');
    expect(list).not.toContain('Helios Health');
    h.forget();
    await h.command('accounts sort:arr limit:2');
    const sorted = textOf(h.lastReply().blocks);
    expect(sorted.indexOf('Helios Health')).toBeGreaterThanOrEqual(0);
    expect(sorted.indexOf('Helios Health')).toBeLessThan(sorted.indexOf('Northwind Logistics'));
    expect(sorted).not.toContain('Brightline');
    h.forget();
    await h.command('accounts colour:blue');
    expect(textOf(h.lastReply().blocks)).toContain('unknown filter');
  });

  it('shows a timeline with planned and actual dates and milestone buttons', async () => {
    await h.seed();
    await h.command('timeline northwind');
    const reply = h.lastReply();
    const text = textOf(reply.blocks);
    expect(text).toContain('Timeline · Northwind Logistics');
    expect(text).toContain('Planned');
    const kickoff = await h.db.prisma.milestone.findFirstOrThrow({
      where: { position: 0, account: { name: 'Northwind Logistics' } },
    });
    const setup = await h.db.prisma.milestone.findFirstOrThrow({
      where: { position: 1, account: { name: 'Northwind Logistics' } },
    });
    expect(findButton(reply.blocks, 'Complete')).toMatchObject({ actionId: 'milestone_complete', value: kickoff.id });
    expect(buttons(reply.blocks)).toContainEqual(
      expect.objectContaining({ label: 'Start', actionId: 'milestone_start', value: setup.id }),
    );
  });

  it('escapes customer text so it cannot ping the channel', async () => {
    const { organizationId, templateName } = await h.seed();
    // A customer whose name is hostile, as the operator types it (`thread accounts create`).
    await createAccount(h.ctx, {
      organizationId,
      name: 'Helios <!channel> & Co',
      templateName,
      arr: 200000,
      actor: 'cli',
    });
    // The list renders names as mrkdwn (a header is plain text, which Slack never parses for mentions).
    await h.command('accounts sort:arr');
    const blocks = h.lastReply().blocks;
    expect(stringsIn(blocks)).not.toContain('<!channel>');
    expect(textOf(blocks)).toContain('&lt;!channel&gt; &amp; Co');
  });
});
