import { editDraft } from '../../../src/services/review/edit-draft';
import { actionIds, buttons, findButton, findInput, textOf } from '../../support/block-kit';
import { CSM, CSM_CHANNEL, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

/**
 * The welcome email of Helios Health, fired by the scheduler (with everything else due by now, each card posted to
 * the CSM channel), its draft rewritten by the CSM, and its review card showing it.
 */
async function readyWelcomeEmail() {
  await h.seed();
  const action = await h.db.prisma.action.findFirstOrThrow({
    where: { key: 'welcome-email', account: { name: 'Helios Health' } },
  });
  await h.fire(action.id);
  const csm = await h.actor(CSM);
  await editDraft(h.ctx, {
    organizationId: csm.organizationId,
    actionId: action.id,
    actor: csm,
    subject: 'Welcome, Sam',
    body: 'Hi Sam, welcome to onboarding for Helios Health.',
  });
  await h.slack.notifier.actionChanged(action.id);
  return { id: action.id, card: await h.reviewCard(action.id) };
}

describe('review cards', () => {
  it('posts the card to the CSM channel when an action becomes ready and remembers where', async () => {
    const { id } = await readyWelcomeEmail();
    const posted = h.posted.filter((m) => buttons(m.blocks).some((b) => b.value === id));
    expect(posted).toHaveLength(1);
    const [card] = posted;
    expect(card!.channel).toBe(CSM_CHANNEL);
    expect(findButton(card!.blocks, 'Approve')).toMatchObject({ actionId: 'review_approve', value: id });
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.reviewCardChannel).toBe(CSM_CHANNEL);
    expect(stored.reviewCardTs).toBe(card!.ts);
  });

  it('approves once on a double click, audits it, and updates the card in place', async () => {
    const { id, card } = await readyWelcomeEmail();
    h.forget();
    await Promise.all([h.press(card, 'Approve'), h.press(card, 'Approve')]);
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(h.updated.length).toBeGreaterThan(0);
    expect(h.updated.every((u) => u.ts === stored.reviewCardTs)).toBe(true);
    expect(stored.approvedAt).not.toBeNull();
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: id, reason: 'approved' } })).toBe(1);
    expect(textOf(h.lastUpdated().blocks)).toContain('Approved');
  });

  it('refuses someone who is not the CSM with an ephemeral reason and changes nothing', async () => {
    const { id, card } = await readyWelcomeEmail();
    h.forget();
    // A colleague who is a CSM, but not this account's.
    await h.addPerson('UOTHER01', 'csm');
    await h.press(card, 'Approve', { as: 'UOTHER01' });
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain("only the account's CSM or an admin");
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).approvedAt).toBeNull();
  });

  it('skips an action and the card loses its buttons', async () => {
    const { id, card } = await readyWelcomeEmail();
    h.forget();
    await h.press(card, 'Skip');
    expect(actionIds(h.lastUpdated().blocks)).not.toContain('review_approve');
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('skipped');
  });

  it('opens Edit prefilled, rejects empty fields inline, saves an edit and re-lints', async () => {
    const { id, card } = await readyWelcomeEmail();
    h.forget();
    await h.press(card, 'Edit');
    const view = h.lastOpened();
    expect(findInput(view, 'subject').element.initial).toBe('Welcome, Sam');
    const empty = await h.submitView(view, { subject: '', body: '' });
    expect(empty.body.response_action).toBe('errors');
    expect(Object.keys(empty.body.errors).sort()).toEqual(['body', 'subject']);
    const ok = await h.submitView(view, {
      subject: 'New subject for Helios Health',
      body: 'Hello {{contact.first_name}}',
    });
    expect(ok.status).toBe(200);
    expect(h.updated).not.toHaveLength(0);
    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(action.draftSubject).toBe('New subject for Helios Health');
    expect(action.lintFindings).toContainEqual(expect.objectContaining({ code: 'unfilled_placeholder' }));
  });

  it('request changes needs a note and moves the action to review pending', async () => {
    const { id, card } = await readyWelcomeEmail();
    h.forget();
    await h.press(card, 'Request changes');
    const view = h.lastOpened();
    expect((await h.submitView(view, { note: ' ' })).body.response_action).toBe('errors');
    await h.submitView(view, { note: 'Mention the SSO timeline' });
    expect(h.updated).not.toHaveLength(0);
    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(action.status).toBe('review_pending');
    expect(action.reviewNote).toBe('Mention the SSO timeline');
  });

  it('waits out a 429 with Retry-After and still posts the card', async () => {
    h.fake.rateLimitNext('chat.postMessage', 1);
    const { id } = await readyWelcomeEmail();
    expect(h.fake.callsTo('chat.postMessage:429')).toHaveLength(1);
    // Every card of what fired was posted once, the one that met the 429 too.
    const fired = await h.db.prisma.action.count({ where: { status: 'ready' } });
    expect(h.posted).toHaveLength(fired);
    expect(new Set(h.posted.map((m) => m.ts)).size).toBe(fired);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).reviewCardTs).not.toBeNull();
  });
});

describe('milestone modals', () => {
  /** Northwind's timeline as the CSM sees it; Kickoff is in progress. */
  async function northwindTimeline() {
    await h.seed();
    const kickoff = await h.db.prisma.milestone.findFirstOrThrow({
      where: { position: 0, account: { name: 'Northwind Logistics' } },
    });
    await h.command('timeline northwind');
    return { kickoff, timeline: h.lastReply() };
  }

  it('block needs a note and a cause; then the milestone is blocked with both, its block history opened, audited', async () => {
    const { kickoff: m, timeline } = await northwindTimeline();
    await h.press(timeline, 'Block Kickoff');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('Whose move is it?');
    const neither = await h.submitView(view, { note: '', block_cause: null });
    expect(neither.body).toEqual({
      response_action: 'errors',
      errors: {
        note: expect.stringContaining('waiting on'),
        block_cause: 'Choose whose move it is: the customer, us or a third party.',
      },
    });
    const noCause = await h.submitView(view, { note: 'Waiting on IT for SSO metadata', block_cause: null });
    expect(noCause.body.errors).toEqual({ block_cause: expect.stringContaining('whose move') });
    expect((await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('in_progress');

    await h.submitView(view, { note: 'Waiting on IT for SSO metadata', block_cause: 'third_party' });
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.status).toBe('blocked');
    expect(after.blockerNote).toBe('Waiting on IT for SSO metadata');
    expect(after.blockCause).toBe('third_party');
    const history = await h.db.prisma.milestoneBlock.findMany({ where: { milestoneId: m.id } });
    expect(history).toMatchObject([{ cause: 'third_party', note: 'Waiting on IT for SSO metadata', endedAt: null }]);
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: m.id, toState: 'blocked' } })).toBe(1);
  });

  it('complete with open actions needs a reason; then the next milestone starts with due times', async () => {
    const { kickoff: m, timeline } = await northwindTimeline();
    await h.press(timeline, 'Complete');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('still open');
    expect((await h.submitView(view, { reason: '' })).body.errors).toHaveProperty('reason');
    await h.submitView(view, { reason: 'Customer asked to move on' });
    const done = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(done.status).toBe('completed');
    expect(done.completionOverride).toBe('Customer asked to move on');
    const next = await h.db.prisma.milestone.findFirstOrThrow({
      where: { accountId: m.accountId, position: 1 },
      include: { actions: true },
    });
    expect(next.status).toBe('in_progress');
    expect(next.actions.find((a) => a.key === 'technical-setup-intro')?.dueAt).not.toBeNull();
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: next.id, toState: 'in_progress' } })).toBe(1);
  });
});

describe('App Home', () => {
  it('publishes the CSM dashboard when the Home tab opens', async () => {
    await readyWelcomeEmail();
    h.forget();
    const res = await h.send({ type: 'app_home_opened', user: CSM, tab: 'home', channel: 'D1' });
    expect(res.status).toBe(200);
    expect(h.published.map((p) => p.userId)).toEqual([CSM]);
    const text = textOf(h.published[0]!.view);
    expect(text).toContain('Welcome email');
    expect(text).toContain('Helios Health');
  });
});
