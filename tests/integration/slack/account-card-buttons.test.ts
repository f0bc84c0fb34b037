import { addPerson } from '../../../src/services/people/add-person';
import { hashPortalToken } from '../../../src/services/portal/portal-token';
import { editDraft } from '../../../src/services/review/edit-draft';
import { buttons, findButton, stringsIn, textOf } from '../../support/block-kit';
import { CSM, PUBLIC_URL, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

/** Helios Health's account card, as the CSM sees it after `/thread account helios`. */
async function heliosCard() {
  await h.seed();
  const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
  await h.command('account helios');
  const card = h.lastReply();
  h.forget();
  return { account, card };
}

describe('account card buttons', () => {
  it('the account card offers Timeline, Handoff summary, Review drafts and Copy, Email and Revoke portal links', async () => {
    const { account, card } = await heliosCard();
    const expected: [string, string][] = [
      ['Timeline', 'account_timeline'],
      ['Handoff summary', 'account_handoff'],
      ['Review drafts (0)', 'account_review'],
      ['Copy portal link', 'account_portal_link'],
      ['Email portal link', 'account_portal_email'],
      ['Revoke portal links', 'account_portal_revoke'],
    ];
    for (const [label, actionId] of expected)
      expect(findButton(card.blocks, label)).toMatchObject({ actionId, value: account.id });
  });

  it('Timeline shows the account’s milestones with planned dates', async () => {
    const { card } = await heliosCard();
    await h.press(card, 'Timeline');
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply.blocks)).toContain('Timeline · Helios Health');
    expect(textOf(reply.blocks)).toContain('Go-Live');
  });

  it('Handoff summary says when none was recorded', async () => {
    const { card } = await heliosCard();
    await h.press(card, 'Handoff summary');
    expect(textOf(h.lastReply().blocks)).toContain('No handoff was recorded for *Helios Health*');
  });

  it('Handoff summary lists the answers in question order, escaped, and leaves blank ones out', async () => {
    const { account, card } = await heliosCard();
    const org = await h.db.prisma.organization.findFirstOrThrow();
    const ae = await addPerson(h.ctx, {
      organizationId: org.id,
      actor: 'cli',
      slackUserId: 'UAE00001',
      role: 'ae',
      name: 'Alex',
    });
    // no surface creates handoff questions yet (issue 12)
    const [goals, stack, blank] = await Promise.all(
      [
        { key: 'goals', label: 'Customer goals', position: 0 },
        { key: 'stack', label: 'Tech stack', position: 1 },
        { key: 'notes', label: 'Anything else', position: 2 },
      ].map((q) => h.db.prisma.handoffQuestion.create({ data: { organizationId: org.id, ...q } })),
    );
    // no surface creates handoffs yet (issue 12)
    await h.db.prisma.handoff.create({
      data: {
        accountId: account.id,
        submittedById: ae.userId,
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
    await h.press(card, 'Handoff summary');
    const blocks = h.lastReply().blocks;
    const text = textOf(blocks);
    expect(text).toContain('Handed over by <@UAE00001> on 20 Nov 2026');
    expect(text.indexOf('Customer goals')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Customer goals')).toBeLessThan(text.indexOf('Tech stack'));
    expect(text).toContain('Okta SSO &lt;!channel&gt; &amp; Snowflake');
    expect(stringsIn(blocks)).not.toContain('<!channel>');
    expect(stringsIn(blocks)).not.toContain('Anything else');
  });

  it('Review drafts shows the account’s ready drafts as review cards', async () => {
    const { account } = await heliosCard();
    // The scheduler fires what is due by now (the kickoff prep, the welcome email, the kickoff day message); the CSM
    // rewrites the welcome email's draft.
    const welcome = await h.db.prisma.action.findFirstOrThrow({
      where: { accountId: account.id, key: 'welcome-email' },
    });
    await h.fire(welcome.id);
    const csm = await h.actor(CSM);
    await editDraft(h.ctx, {
      organizationId: csm.organizationId,
      actionId: welcome.id,
      actor: csm,
      subject: 'Welcome',
      body: 'Hi Sam',
    });
    await h.command('account helios');
    await h.press(h.lastReply(), 'Review drafts (3)');
    const blocks = h.lastReply().blocks;
    expect(textOf(blocks)).toContain('Drafts waiting for review (3)');
    expect(buttons(blocks)).toContainEqual(
      expect.objectContaining({ label: 'Approve', actionId: 'review_approve', value: welcome.id }),
    );
    expect(textOf(blocks)).toContain('Hi Sam');
  });

  it('Copy portal link replies ephemerally with a working link for the primary contact', async () => {
    const { account, card } = await heliosCard();
    await h.press(card, 'Copy portal link');
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    const shown = textOf(reply.blocks) || (reply.text ?? '');
    const url = /(http:\/\/thread\.test\/portal\/[^\s|>`"\\]+)/.exec(shown)?.[1];
    expect(url).toBeDefined();
    expect(url!.startsWith(`${PUBLIC_URL}/portal/`)).toBe(true);
    expect(shown).toContain('sam.okafor@helioshealth.co');
    const access = await h.db.prisma.portalAccess.findMany({
      where: { accountId: account.id },
      include: { contact: true },
    });
    expect(access).toHaveLength(1);
    expect(access[0]!.contact.email).toBe('sam.okafor@helioshealth.co');
    expect(access[0]!.tokenHash).toBe(hashPortalToken(url!.split('/portal/')[1]!));
  });

  it('Copy portal link is refused to someone who is not the account’s CSM, and mints nothing', async () => {
    const { card } = await heliosCard();
    // A colleague who is a CSM, but not this account's.
    await h.addPerson('UOTHER01', 'csm');
    await h.press(card, 'Copy portal link', { as: 'UOTHER01' });
    expect(h.lastReply().text).toContain("only the account's CSM or an admin can create portal links");
    expect(await h.db.prisma.portalAccess.count()).toBe(0);
  });

  it('picking an account from the pick list replaces the list with the view it was for', async () => {
    await h.seed();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    await h.select('account_pick', { text: 'Helios Health', value: `timeline:${account.id}` });
    const reply = h.lastReply();
    expect(reply.replace_original).toBe(true);
    expect(textOf(reply.blocks)).toContain('Timeline · Helios Health');
  });
});
