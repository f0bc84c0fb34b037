/**
 * Portal requests in the account's shared channel with the customer (Slack Connect): the post made when a request
 * is sent, Answer here for a form (the portal's own submission, from a modal), Open the portal for a document, and
 * who may answer. Every step is a signed Slack request; a Slack Connect external user's own team (user.team_id)
 * differs from the vendor's, while the request's team and the view's installed team are the vendor's.
 */
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { startMilestone } from '../../../src/services/milestones/start-milestone';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { updateContact } from '../../../src/services/contacts/update-contact';
import { buttonLabels, findButton, textOf } from '../../support/block-kit';
import { useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';
import { arrangeDeps, publishAction } from '../../support/plan-steps';
import { CSM, CSM_CHANNEL, CSM_PROFILE, PUBLIC_URL, TEAM, useSlackHarness } from '../../support/slack-harness';

const smtp = useSmtpCapture();
const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });

/** The Slack Connect channel with Helios Health, and people in it from both sides. */
const SHARED = 'CSHARED01';
const CUSTOMER_TEAM = 'THELIOS01';
const EXTERNAL = 'UEXTSAM01';
const COLLEAGUE = 'UVENDOR02';
const GUEST = 'UGUEST001';

/** The kickoff questionnaire as Sam would fill it in, by the modal's blocks (the portal's field order). */
const GOOD_ANSWERS = {
  answer_0: 'Retire the spreadsheet reporting <!channel>',
  answer_1: 'Sam.Okafor@HeliosHealth.co',
  answer_2: '2027-02-01',
  answer_3: '1,200',
  answer_4: 'Shared Slack channel',
};

/**
 * Helios Health, whose CSM named the shared channel in the account's places: the welcome email goes out, then the
 * kickoff questionnaire, which is also posted in the shared channel.
 */
async function questionnaireSent(o: { threadInChannel?: boolean } = {}) {
  h.ctx.setNow('2026-11-24T08:00:00Z');
  h.fake.addChannel({ id: SHARED, name: 'helios-acme', isMember: o.threadInChannel ?? true, isShared: true });
  await h.seed();
  await h.changeProfile({ ...CSM_PROFILE });
  const account = await h.db.prisma.account.findFirstOrThrow({
    where: { name: 'Helios Health' },
    include: { contacts: true, milestones: { orderBy: { position: 'asc' } } },
  });
  const csm = await h.actor(CSM);
  const asCsm = { organizationId: csm.organizationId, actor: { userId: csm.userId } };
  await setAccountChannels(h.ctx, { ...asCsm, accountId: account.id, customerChannelId: SHARED });
  const deps = { ...arrangeDeps(h.ctx, { publicUrl: PUBLIC_URL, notifier: h.slack.notifier }) };
  const actionOf = async (key: string) =>
    (await h.db.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: account.id, key } } })).id;
  await publishAction(h.ctx, deps, { ...asCsm, actionId: await actionOf('welcome-email') });
  const actionId = await actionOf('kickoff-questionnaire');
  await publishAction(h.ctx, deps, { ...asCsm, actionId });
  await h.settled();
  const posts = h.posted.filter((m) => m.channel === SHARED);
  return { account, asCsm, deps, actionId, actionOf, posts, contact: account.contacts[0]! };
}

async function openFormAs(post: { channel?: string; ts?: string; blocks?: unknown[] }, as: string, userTeam?: string) {
  h.forget();
  await h.press(post, 'Answer here', { as, userTeam });
}

describe('a portal request in the shared channel', () => {
  it('is posted there once when it is sent, without link previews, with Answer here', async () => {
    const { actionId, posts } = await questionnaireSent();
    // The welcome email is not a portal request: only the questionnaire is posted in the shared channel.
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(textOf(post.blocks)).toContain('Kickoff questionnaire');
    expect(textOf(post.blocks)).toContain('So that the kickoff call starts from your goals');
    expect(findButton(post.blocks, 'Answer here')).toMatchObject({ value: actionId });
    const call = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === SHARED)!;
    // The Web API client sends form fields, so the flag arrives as text.
    expect(String(call.args.unfurl_links)).toBe('false');
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(stored).toMatchObject({ customerPostChannel: SHARED, customerPostTs: post.ts });

    // Told again that it was sent (a retried notice, another process), Thread does not post it a second time.
    await h.slack.notifier.portalRequestSent(actionId);
    await h.settled();
    expect(h.posted.filter((m) => m.channel === SHARED)).toHaveLength(1);
  });

  it('when Thread is not in the channel the request still goes out by email, and a later tick posts it once', async () => {
    const { actionId, posts, deps } = await questionnaireSent({ threadInChannel: false });
    expect(posts).toHaveLength(0);
    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action).toMatchObject({ status: 'executed', customerPostTs: null });
    expect(deps.mailer.sent.some((m) => m.subject.includes('Kickoff questionnaire'))).toBe(true);
    const tick = async () => {
      const report = await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
      await h.settled();
      return report.missedChannelPosts;
    };
    expect((await tick())?.failed.map((f) => f.actionId)).toEqual([actionId]);
    // Someone invites Thread to the channel: the next tick posts the request, and the one after has nothing to do.
    h.fake.addChannel({ id: SHARED, name: 'helios-acme', isMember: true, isShared: true });
    expect(await tick()).toEqual({ posted: [actionId], failed: [] });
    expect(await tick()).toEqual({ posted: [], failed: [] });
    expect(h.posted.filter((m) => m.channel === SHARED)).toHaveLength(1);
  });

  it('an external user of the customer workspace answers in a modal: stored, completed, the CSM told', async () => {
    const { actionId, posts } = await questionnaireSent();
    await openFormAs(posts[0]!, EXTERNAL, CUSTOMER_TEAM);
    const view = h.lastOpened();
    expect(view.callback_id).toBe('view_customer_answer_form');
    expect(textOf(view)).toContain('What are the two or three outcomes');
    // The organisation is the workspace Thread is installed in, even where Slack names the submitter's as the team.
    const res = await h.submitView(view, GOOD_ANSWERS, {
      as: EXTERNAL,
      userTeam: CUSTOMER_TEAM,
      team: CUSTOMER_TEAM,
      installedTeam: TEAM,
    });
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain('Thank you: your answer to *Kickoff questionnaire* is in');

    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe('completed');
    const submission = await h.db.prisma.submission.findFirstOrThrow({ where: { actionId } });
    // The portal's validation stored the answers as it would have: the email lower-cased, the number read.
    expect(submission.data).toEqual({
      primary_goals: 'Retire the spreadsheet reporting <!channel>',
      project_owner_email: 'sam.okafor@helioshealth.co',
      target_go_live: '2027-02-01',
      expected_users: 1200,
      preferred_channel: 'Shared Slack channel',
    });
    // Thread has no contact mapped to this Slack user, so the answer is theirs by Slack id, not a contact's.
    expect(submission.contactId).toBeNull();
    const engagement = await h.db.prisma.engagementEvent.findFirstOrThrow({ where: { kind: 'form_submitted' } });
    expect(engagement.data).toMatchObject({ actionId, via: 'slack', slackUserId: EXTERNAL });
    const trail = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: actionId, toState: 'completed' },
    });
    expect(trail).toMatchObject({ actor: `customer:slack:${EXTERNAL}` });
    expect(trail.reason).toContain('in the shared Slack channel');
    // The CSM's answer card, in the CSM channel (never in the shared one), with Acknowledge.
    const card = h.posted.find((m) => m.channel !== SHARED && textOf(m.blocks).includes('Kickoff questionnaire'))!;
    expect(card.channel).toBe(CSM_CHANNEL);
    expect(findButton(card.blocks, 'Acknowledge')).toMatchObject({ value: submission.id });
    expect(textOf(card.blocks)).toContain('Retire the spreadsheet reporting &lt;!channel&gt;');
    // The post in the shared channel loses its button, so nobody else sets out to answer it.
    const closed = h.updated.filter((m) => m.channel === SHARED && m.ts === posts[0]!.ts).at(-1)!;
    expect(buttonLabels(closed.blocks)).toEqual([]);
    expect(textOf(closed.blocks)).toContain('Answered, thank you');
  });

  it("shows the portal's validation messages under the fields, and stores nothing", async () => {
    const { actionId, posts } = await questionnaireSent();
    await openFormAs(posts[0]!, EXTERNAL, CUSTOMER_TEAM);
    const res = await h.submitView(
      h.lastOpened(),
      { ...GOOD_ANSWERS, answer_0: '   ', answer_1: 'sam at helios', answer_3: 'a few' },
      { as: EXTERNAL, userTeam: CUSTOMER_TEAM },
    );
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        answer_0: 'Please fill in this field.',
        answer_1: 'Please enter an email address, like name@example.com.',
        answer_3: 'Please enter a number, like 25.',
      },
    });
    expect(await h.db.prisma.submission.count({ where: { actionId } })).toBe(0);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('executed');
  });

  it('refuses a second answer, from the modal and from the button', async () => {
    const { actionId, posts } = await questionnaireSent();
    await openFormAs(posts[0]!, EXTERNAL, CUSTOMER_TEAM);
    const view = h.lastOpened();
    await h.submitView(view, GOOD_ANSWERS, { as: EXTERNAL, userTeam: CUSTOMER_TEAM });
    // A colleague of Sam's had the form open too.
    const again = await h.submitView(view, GOOD_ANSWERS, { as: 'UEXTJO001', userTeam: CUSTOMER_TEAM });
    expect(again.body.response_action).toBe('update');
    expect(textOf(again.body.view)).toContain('this request has already been answered, thank you');
    await openFormAs(posts[0]!, 'UEXTJO001', CUSTOMER_TEAM);
    expect(h.opened).toHaveLength(0);
    expect(h.lastReply().text).toContain('this request has already been answered, thank you');
    expect(await h.db.prisma.submission.count({ where: { actionId } })).toBe(1);
  });

  it("politely refuses a member of the vendor's own workspace, who gets no form", async () => {
    const { actionId, posts } = await questionnaireSent();
    await openFormAs(posts[0]!, COLLEAGUE, TEAM);
    expect(h.opened).toHaveLength(0);
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('This request is for Helios Health to answer');
    expect(textOf(reply.blocks)).toContain('open the portal preview');
    // Nor can they answer with a form someone else opened (a modal outlives the click that opened it).
    await openFormAs(posts[0]!, EXTERNAL, CUSTOMER_TEAM);
    const res = await h.submitView(h.lastOpened(), GOOD_ANSWERS, { as: COLLEAGUE, userTeam: TEAM });
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain('This request is for Helios Health to answer');
    expect(await h.db.prisma.submission.count({ where: { actionId } })).toBe(0);
  });

  it('lets a contact mapped to their Slack user answer from the vendor workspace (a guest), as that contact', async () => {
    const { actionId, posts, asCsm, contact } = await questionnaireSent();
    await updateContact(h.ctx, { ...asCsm, contactId: contact.id, changes: { slackUserId: GUEST } });
    await openFormAs(posts[0]!, GUEST, TEAM);
    await h.submitView(h.lastOpened(), GOOD_ANSWERS, { as: GUEST, userTeam: TEAM });
    const submission = await h.db.prisma.submission.findFirstOrThrow({ where: { actionId } });
    expect(submission.contactId).toBe(contact.id);
    const card = h.posted.find((m) => m.channel === CSM_CHANNEL && textOf(m.blocks).includes('Kickoff questionnaire'));
    expect(textOf(card?.blocks)).toContain(contact.name);
  });

  it('is refused when the click names another workspace as the one Thread is installed in', async () => {
    const { posts } = await questionnaireSent();
    h.forget();
    await h.press(posts[0]!, 'Answer here', { as: EXTERNAL, userTeam: CUSTOMER_TEAM, team: CUSTOMER_TEAM });
    expect(h.opened).toHaveLength(0);
    expect(h.replies).toHaveLength(0);
  });
});

describe('a document request in the shared channel', () => {
  async function documentSent() {
    const sent = await questionnaireSent();
    const { account, asCsm, deps, actionOf } = sent;
    await completeMilestone(h.ctx, {
      ...asCsm,
      milestoneId: account.milestones[0]!.id,
      overrideReason: 'Kickoff held',
    });
    const setup = account.milestones[1]!;
    const started = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: setup.id } });
    if (started.status !== 'in_progress') await startMilestone(h.ctx, { ...asCsm, milestoneId: setup.id });
    const actionId = await actionOf('signed-dpa');
    await publishAction(h.ctx, deps, { ...asCsm, actionId });
    await h.settled();
    const post = h.posted
      .filter((m) => m.channel === SHARED)
      .find((m) => textOf(m.blocks).includes('data processing'))!;
    return { ...sent, actionId, post };
  }

  it('is posted with Open the portal, which gives a mapped contact a fresh link of their own to the request', async () => {
    const { actionId, post, asCsm, contact } = await documentSent();
    expect(() => findButton(post.blocks, 'Answer here')).toThrow();
    expect(textOf(post.blocks)).toContain('Uploads are made in your onboarding portal');
    await updateContact(h.ctx, { ...asCsm, contactId: contact.id, changes: { slackUserId: GUEST } });
    const links = await h.db.prisma.portalAccess.count({ where: { contactId: contact.id } });
    h.forget();
    await h.press(post, 'Open the portal', { as: GUEST, userTeam: CUSTOMER_TEAM });
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply.blocks)).toMatch(new RegExp(`${PUBLIC_URL}/portal/[A-Za-z0-9_-]{20,}/requests/${actionId}`));
    expect(await h.db.prisma.portalAccess.count({ where: { contactId: contact.id } })).toBe(links + 1);
  });

  it('gives no link to someone Thread has no contact for, nor to the vendor side', async () => {
    const { post } = await documentSent();
    const links = await h.db.prisma.portalAccess.count();
    h.forget();
    await h.press(post, 'Open the portal', { as: EXTERNAL, userTeam: CUSTOMER_TEAM });
    expect(h.lastReply().text).toContain('are made in the onboarding portal');
    await h.press(post, 'Open the portal', { as: COLLEAGUE, userTeam: TEAM });
    expect(h.lastReply().text).toContain('This request is for Helios Health to answer');
    expect(textOf(h.replies.map((r) => r.blocks))).not.toContain('/portal/');
    expect(await h.db.prisma.portalAccess.count()).toBe(links);
  });
});
