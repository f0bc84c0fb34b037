import { getSettings } from '../../../src/services/organizations/get-settings';
import { getCustomerEmailSender } from '../../../src/services/people/get-customer-email-sender';
import { listPeople } from '../../../src/services/people/list-people';
import { useExecutingSlackHarness } from '../../support/executing-slack-harness';
import { editDraft } from '../../../src/services/review/edit-draft';
import { findButton, textOf } from '../../support/block-kit';
import { header } from '../../support/smtp-capture';
import { CSM, CSM_PROFILE, NOW, type SeenMessage } from '../../support/slack-harness';

const { h, smtp } = useExecutingSlackHarness();

const BOB = 'UBOB0001';

async function people() {
  const me = await h.actor(CSM);
  return listPeople(h.ctx, { organizationId: me.organizationId, actor: me, includeNotAdded: true });
}

/**
 * The welcome email of an account, fired by the scheduler at its due time and rewritten by the CSM, and its review
 * card as the CSM channel shows it.
 */
async function welcomeEmailCard(account = 'Helios Health'): Promise<{ id: string; card: SeenMessage }> {
  const action = await h.db.prisma.action.findFirstOrThrow({
    where: { key: 'welcome-email', account: { name: account } },
  });
  const actor = await h.actor(CSM);
  await h.fire(action.id);
  await editDraft(h.ctx, {
    organizationId: actor.organizationId,
    actionId: action.id,
    actor,
    subject: 'Welcome to onboarding',
    body: `Hi Sam, welcome to onboarding for ${account}. Reply to this email with any question.`,
  });
  await h.slack.notifier.actionChanged(action.id);
  const card = await h.reviewCard(action.id);
  h.forget();
  return { id: action.id, card };
}

describe('the organisation is the Slack workspace', () => {
  it('refuses a signed request from another team without detail, and creates nothing for it', async () => {
    const res = await h.command('accounts', { team: 'TOTHER01' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ response_type: 'ephemeral', text: ':warning: Thread is not available here.' });
    await h.click({ actionId: 'review_approve', value: 'act_1' }, { team: 'TOTHER01' });
    expect(h.replies).toEqual([]);
    expect(await h.db.prisma.organization.count()).toBe(0);
    expect(await h.db.prisma.user.count()).toBe(0);
  });

  it('creates the organisation on the first request, named after the workspace, with its first person as admin', async () => {
    await h.command('accounts');
    expect(h.lastReply().text).not.toContain(':warning:');
    expect(h.fake.callsTo('team.info')).toHaveLength(1);
    const me = await h.actor(CSM);
    expect((await getSettings(h.ctx, { organizationId: me.organizationId, actor: me })).name).toBe('Acme Robotics');
    expect(await people()).toEqual([
      expect.objectContaining({ slackUserId: CSM, name: 'Casey Morgan', role: 'admin', member: true }),
    ]);
    // The organisation exists now: its name is not asked of Slack again.
    await h.command('accounts');
    expect(h.fake.callsTo('team.info')).toHaveLength(1);
  });

  it('refuses a workspace member nobody added, mentioning the admins to ask, and adds nobody', async () => {
    await h.command('accounts');
    h.forget();
    await h.command('accounts', { as: BOB });
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('you have not been added yet. Ask <@UCSM0001> to add you.');
    expect((await people()).map((p) => p.slackUserId)).toEqual([CSM]);
    // Once an admin adds them, the same command works.
    await h.addPerson(BOB, 'csm');
    await h.command('accounts', { as: BOB });
    expect(h.lastReply().text).not.toContain(':warning:');
  });

  it('refuses an un-added member in a modal too, with the admins as mentions', async () => {
    await h.seed();
    await h.addPerson('UADA0002', 'admin');
    const { card } = await welcomeEmailCard();
    await h.press(card, 'Edit');
    const modal = h.lastOpened();
    const res = await h.submitView(modal, { subject: 'Hi', body: 'Hello' }, { as: BOB });
    expect(res.body.response_action).toBe('errors');
    expect(JSON.stringify(res.body.errors)).toContain('Ask <@UCSM0001> or <@UADA0002> to add you.');
  });
});

describe('people come from Slack', () => {
  it('reads a profile on first sight and again when it is a day old, not in between', async () => {
    await h.command('accounts');
    expect(h.fake.callsTo('users.info').map((c) => c.args.user)).toEqual([CSM]);
    h.fake.addUser({ ...CSM_PROFILE, name: 'Casey Morgan-Lee', title: 'Head of onboarding' });
    h.forget();
    await h.command('accounts');
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
    expect((await people())[0]).toMatchObject({ name: 'Casey Morgan', title: 'Onboarding lead' });

    h.ctx.setNow(new Date(NOW.getTime() + 24 * 60 * 60 * 1000));
    await h.command('accounts');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
    expect((await people())[0]).toMatchObject({ name: 'Casey Morgan-Lee', title: 'Head of onboarding' });
  });

  it('stores a changed profile when Slack sends user_change, for people Thread knows only', async () => {
    await h.command('accounts');
    const changed = (id: string, name: string) => ({
      type: 'user_change',
      user: {
        id,
        real_name: name,
        tz: 'Europe/Paris',
        profile: { real_name: name, email: 'casey@vendor.test', title: 'VP' },
      },
    });
    await h.send(changed(CSM, 'Casey M. <!channel>'));
    await h.send(changed(BOB, 'Bob Stranger'));
    expect(await people()).toEqual([
      expect.objectContaining({
        slackUserId: CSM,
        name: 'Casey M. <!channel>',
        email: 'casey@vendor.test',
        title: 'VP',
      }),
    ]);
  });

  it('sends customer email from the CSM’s real name, with Reply-To their Slack address', async () => {
    await h.seed();
    const { id, card } = await welcomeEmailCard();
    await h.press(card, 'Execute');
    expect(smtp.messages).toHaveLength(1);
    const raw = smtp.messages[0]!.raw;
    expect(header(raw, 'From')).toBe('Casey Morgan <onboarding@vendor.test>');
    expect(header(raw, 'Reply-To')).toBe('casey.morgan@vendor.test');
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('executed');
  });

  it('asks a CSM whose email Slack hides for a reply-to address once, refuses customer email until then, then sends with it', async () => {
    h.fake.addUser({ ...CSM_PROFILE, email: null });
    await h.seed();
    const { id, card } = await welcomeEmailCard();

    // The first request reads the profile, finds no email, and asks by DM (once).
    await h.press(card, 'Execute');
    const dms = h.posted.filter((m) => m.channel === CSM);
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0]!.blocks)).toContain('Slack does not show your email address');
    const refusal = h.lastReply();
    expect(refusal.text).toContain('Thread cannot send customer email as Casey Morgan yet');
    expect(smtp.messages).toHaveLength(0);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('ready');
    h.ctx.setNow(new Date(NOW.getTime() + 2 * 24 * 60 * 60 * 1000));
    await h.command('accounts');
    expect(h.posted.filter((m) => m.channel === CSM)).toHaveLength(1);

    // The refusal's button opens the modal; a bad address is shown under its field and nothing is saved.
    await h.click(findButton(refusal.blocks, 'Set reply-to address'));
    const modal = h.lastOpened();
    const bad = await h.submitView(modal, { reply_to_email: 'casey at vendor <script>' });
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { reply_to_email: expect.stringMatching(/^[A-Z]/) },
    });
    const me = await h.actor(CSM);
    await expect(
      getCustomerEmailSender(h.ctx, { organizationId: me.organizationId, userId: me.userId }),
    ).rejects.toThrow('Slack does not show their email address');

    const ok = await h.submitView(modal, { reply_to_email: 'Casey@Vendor.test' });
    expect(ok.body).toEqual({});
    expect(await getCustomerEmailSender(h.ctx, { organizationId: me.organizationId, userId: me.userId })).toEqual({
      name: 'Casey Morgan',
      replyTo: 'casey@vendor.test',
    });
    await h.press(card, 'Execute');
    expect(smtp.messages).toHaveLength(1);
    expect(header(smtp.messages[0]!.raw, 'Reply-To')).toBe('casey@vendor.test');
  });

  it('filters accounts by a mentioned CSM without creating that person', async () => {
    await h.seed();
    await h.command('accounts csm:@me');
    const before = await people();
    await h.command('accounts csm:<@UNOBODY1|nobody>');
    expect(h.lastReply().text).toContain('is not in Thread');
    expect(await people()).toEqual(before);
    expect(await h.db.prisma.user.count({ where: { slackUserId: 'UNOBODY1' } })).toBe(0);
  });
});
