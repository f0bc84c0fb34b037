import request from 'supertest';
import { hashPortalToken } from '../../../src/services/portal/portal-token';
import { interaction, slashCommand } from '../../support/slack-request';
import { CSM, PUBLIC_URL, useSlackHarness } from './slack-harness';

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
    container: { type: 'message', message_ts: '1.000100', channel_id: 'CCSM', is_ephemeral: true },
    actions: [{ action_id: actionId, value, type: 'button' }],
  });
}

function textOf(call: { args: Record<string, unknown> }): string {
  return JSON.stringify(call.args.blocks ?? call.args.text);
}

async function helios() {
  await h.seed();
  return h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
}

describe('account card buttons', () => {
  it('the account card offers Timeline, Handoff summary, Review drafts and Copy, Email and Revoke portal links', async () => {
    await h.seed();
    await send(
      slashCommand({
        command: '/thread',
        text: 'account helios',
        user_id: CSM,
        response_url: h.fake.responseUrl(),
        trigger_id: 't',
        team_id: 'T1',
        channel_id: 'C1',
      }),
    );
    const card = textOf(await h.fake.waitFor('response_url'));
    for (const id of [
      'account_timeline',
      'account_handoff',
      'account_review',
      'account_portal_link',
      'account_portal_email',
      'account_portal_revoke',
    ])
      expect(card).toContain(id);
  });

  it('Timeline shows the account’s milestones with planned dates', async () => {
    const account = await helios();
    await send(click('account_timeline', account.id));
    const reply = await h.fake.waitFor('response_url');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('Timeline · Helios Health');
    expect(textOf(reply)).toContain('Go-Live');
  });

  it('Handoff summary says when none was recorded', async () => {
    const account = await helios();
    await send(click('account_handoff', account.id));
    expect(textOf(await h.fake.waitFor('response_url'))).toContain('No handoff was recorded for *Helios Health*');
  });

  it('Handoff summary lists the answers in question order, escaped, and leaves blank ones out', async () => {
    const account = await helios();
    const org = await h.db.prisma.organization.findFirstOrThrow();
    const ae = await h.db.prisma.user.create({
      data: { organizationId: org.id, slackUserId: 'UAE00001', name: 'Alex', role: 'ae' },
    });
    const [goals, stack, blank] = await Promise.all(
      [
        { key: 'goals', label: 'Customer goals', position: 0 },
        { key: 'stack', label: 'Tech stack', position: 1 },
        { key: 'notes', label: 'Anything else', position: 2 },
      ].map((q) => h.db.prisma.handoffQuestion.create({ data: { organizationId: org.id, ...q } })),
    );
    await h.db.prisma.handoff.create({
      data: {
        accountId: account.id,
        submittedById: ae.id,
        submittedAt: new Date('2026-11-20T12:00:00Z'),
        answers: {
          create: [
            { questionId: stack!.id, value: 'Okta SSO <!channel> & Snowflake' },
            { questionId: goals!.id, value: 'Cut onboarding from 90 to 30 days' },
            { questionId: blank!.id, value: '   ' },
          ],
        },
      },
    });
    await send(click('account_handoff', account.id));
    const text = textOf(await h.fake.waitFor('response_url'));
    expect(text).toContain('Handed over by <@UAE00001> on 20 Nov 2026');
    expect(text.indexOf('Customer goals')).toBeLessThan(text.indexOf('Tech stack'));
    expect(text).toContain('Okta SSO &lt;!channel&gt; &amp; Snowflake');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('Anything else');
  });

  it('Review drafts shows the account’s ready drafts as review cards', async () => {
    const account = await helios();
    await h.db.prisma.action.updateMany({
      where: { accountId: account.id, key: 'welcome-email' },
      data: { status: 'ready', draftSubject: 'Welcome', draftBody: 'Hi Sam' },
    });
    await send(click('account_review', account.id));
    const text = textOf(await h.fake.waitFor('response_url'));
    expect(text).toContain('Drafts waiting for review (1)');
    expect(text).toContain('review_approve');
    expect(text).toContain('Hi Sam');
  });

  it('Copy portal link replies ephemerally with a working link for the primary contact', async () => {
    const account = await helios();
    await send(click('account_portal_link', account.id));
    const reply = await h.fake.waitFor('response_url');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(reply.args.replace_original).toBe(false);
    const url = /(http:\/\/thread\.test\/portal\/[^\s|>`"\\]+)/.exec(textOf(reply))?.[1];
    expect(url).toBeDefined();
    expect(url!.startsWith(`${PUBLIC_URL}/portal/`)).toBe(true);
    expect(textOf(reply)).toContain('sam.okafor@helioshealth.co');
    const access = await h.db.prisma.portalAccess.findMany({
      where: { accountId: account.id },
      include: { contact: true },
    });
    expect(access).toHaveLength(1);
    expect(access[0]!.contact.email).toBe('sam.okafor@helioshealth.co');
    expect(access[0]!.tokenHash).toBe(hashPortalToken(url!.split('/portal/')[1]!));
  });

  it('Copy portal link is refused to someone who is not the account’s CSM, and mints nothing', async () => {
    const account = await helios();
    await send(click('account_portal_link', account.id, 'UOTHER01'));
    const reply = await h.fake.waitFor('response_url');
    expect(String(reply.args.text)).toContain("only the account's CSM or an admin can create portal links");
    expect(await h.db.prisma.portalAccess.count()).toBe(0);
  });

  it('picking an account from the pick list replaces the list with the view it was for', async () => {
    const account = await helios();
    const pick = interaction({
      type: 'block_actions',
      user: { id: CSM },
      response_url: h.fake.responseUrl(),
      container: { type: 'message', message_ts: '1.000100', channel_id: 'CCSM', is_ephemeral: true },
      actions: [
        {
          action_id: 'account_pick',
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Helios Health' }, value: `timeline:${account.id}` },
        },
      ],
    });
    await send(pick);
    const reply = await h.fake.waitFor('response_url');
    expect(reply.args.replace_original).toBe(true);
    expect(textOf(reply)).toContain('Timeline · Helios Health');
  });
});
