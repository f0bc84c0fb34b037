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
    const { card } = await heliosCard();
    // The CSM hands it over late, through the form `/thread handoff` offers while none is recorded.
    await h.command('handoff helios');
    await h.press(h.lastReply(), 'Fill in the handoff');
    await h.submitView(h.lastOpened(), {
      handoff_q_success_criteria: 'Cut onboarding from 90 to 30 days',
      handoff_q_requirements: 'Okta SSO <!channel> & Snowflake',
      handoff_q_stakeholders: '   ',
    });
    await h.press(card, 'Handoff summary');
    const blocks = h.lastReply().blocks;
    const text = textOf(blocks);
    expect(text).toContain(`Handed over by <@${CSM}> on 24 Nov 2026`);
    expect(text.indexOf('Anything else promised')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Anything else promised')).toBeLessThan(text.indexOf('What success looks like'));
    expect(text).toContain('Okta SSO &lt;!channel&gt; &amp; Snowflake');
    expect(stringsIn(blocks)).not.toContain('<!channel>');
    expect(stringsIn(blocks)).not.toContain('Customer stakeholders');
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
