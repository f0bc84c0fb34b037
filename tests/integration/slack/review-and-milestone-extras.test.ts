import { createAccount } from '../../../src/services/accounts/create-account';
import { setRole } from '../../../src/services/people/set-role';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { editDraft } from '../../../src/services/review/edit-draft';
import { skipAction } from '../../../src/services/review/skip-action';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { stringsIn, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

/**
 * The action fired by the scheduler at its due time (with whatever else is due by then), and its draft rewritten by
 * the CSM.
 */
async function readyAction(account: string, key: string, draft: { subject?: string; body: string }, by = CSM) {
  const action = await h.db.prisma.action.findFirstOrThrow({ where: { key, account: { name: account } } });
  await h.fire(action.id);
  const csm = await h.actor(by);
  await editDraft(h.ctx, {
    organizationId: csm.organizationId,
    actionId: action.id,
    actor: csm,
    subject: draft.subject ?? '',
    body: draft.body,
  });
  return action.id;
}

/** The review card of an action, showing its draft as it stands (the notifier updates it after an edit). */
async function cardOf(actionId: string) {
  await h.slack.notifier.actionChanged(actionId);
  const card = await h.reviewCard(actionId);
  h.forget();
  return card;
}

describe('Send test to me', () => {
  const DRAFT =
    'Hi team :wave: today is kickoff. Agenda: <https://docs.example.io/agenda|here>. Your portal: {{portal_link}}';

  it('posts exactly the draft to the CSM as a DM and leaves the action as it was', async () => {
    await h.seed();
    const id = await readyAction('Helios Health', 'kickoff-day-message', { body: DRAFT });
    const card = await cardOf(id);
    const before = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    await h.press(card, 'Send test to me');
    expect(h.posted).toHaveLength(1);
    const dm = h.posted[0]!;
    expect(dm.channel).toBe(CSM);
    expect(dm.text).toBe(DRAFT.replace('{{portal_link}}', '(the customer’s portal link goes here when sent)'));
    expect(dm.blocks).toBeUndefined();
    const confirm = h.lastReply();
    expect(confirm.response_type).toBe('ephemeral');
    expect(confirm.text).toContain('Test sent');
    const after = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(before);
    expect(await h.db.prisma.portalAccess.count()).toBe(0);
  });

  it('is refused to someone who is not the CSM, and nothing is sent', async () => {
    await h.seed();
    const id = await readyAction('Helios Health', 'kickoff-day-message', { body: DRAFT });
    // A colleague who is a CSM, but not this account's.
    await h.addPerson('UOTHER01', 'csm');
    await h.press(await cardOf(id), 'Send test to me', { as: 'UOTHER01' });
    expect(h.lastReply().text).toContain("only the account's CSM or an admin");
    expect(h.posted).toHaveLength(0);
  });

  it('says so for an action that is not a Slack message', async () => {
    await h.seed();
    const id = await readyAction('Helios Health', 'welcome-email', { subject: 'Hi', body: 'Welcome' });
    h.forget();
    // An email's card has no Send test button; a stale or forged click still gets an answer.
    await h.click({ actionId: 'review_send_test', value: id });
    expect(h.lastReply().text).toContain('is not a Slack message');
    expect(h.posted).toHaveLength(0);
  });
});

describe('/thread review', () => {
  /**
   * The CSM's three demo accounts and Acorn Freight, another CSM's account, each with its welcome email waiting for
   * review: the scheduler fired it with the rest of what is due (the kickoff prep and the kickoff day message), and
   * each account's CSM marked the prep done, skipped the day message and rewrote the welcome email.
   */
  async function accountsWithDrafts() {
    await h.seed();
    // The CSM is the organisation's admin (who sees every draft): a second admin makes them a CSM again.
    await h.addPerson('UCSM0002', 'admin');
    const other = await h.actor('UCSM0002');
    await setRole(h.ctx, {
      organizationId: other.organizationId,
      actor: other,
      person: { slackUserId: CSM },
      role: 'csm',
    });
    // Acorn Freight belongs to the other CSM: not in this CSM's own queue.
    await createAccount(h.ctx, {
      organizationId: other.organizationId,
      name: 'Acorn Freight',
      templateName: 'B2B SaaS onboarding',
      csmSlackUserId: 'UCSM0002',
      contact: { email: 'olu.ade@acornfreight.io', name: 'Olu Ade' },
      kickoffDate: '2026-11-20',
      actor: { userId: other.userId },
    });
    for (const account of ['Helios Health', 'Northwind Logistics', 'Brightline Analytics', 'Acorn Freight']) {
      const word = account.split(' ')[0]!;
      const by = account === 'Acorn Freight' ? 'UCSM0002' : CSM;
      await readyAction(account, 'welcome-email', { subject: `Welcome ${word}`, body: `Hello ${word}` }, by);
      const actor = await h.actor(by);
      const actionOf = async (key: string) =>
        (await h.db.prisma.action.findFirstOrThrow({ where: { key, account: { name: account } } })).id;
      const target = (actionId: string) => ({ organizationId: actor.organizationId, actionId, actor });
      await completeInternalTask(h.ctx, { notifier: h.slack.notifier }, target(await actionOf('kickoff-prep')));
      await skipAction(h.ctx, target(await actionOf('kickoff-day-message')));
    }
  }

  it('without an account shows the CSM’s own drafts, grouped by account and milestone', async () => {
    await accountsWithDrafts();
    await h.command('review');
    const blocks = h.lastReply().blocks;
    const text = textOf(blocks);
    expect(text).toContain('Drafts waiting for review (3)');
    expect(text).toContain('*Helios Health · Kickoff*');
    expect(text).toContain('*Northwind Logistics · Kickoff*');
    expect(text.indexOf('Helios Health')).toBeLessThan(text.indexOf('Northwind Logistics'));
    expect(stringsIn(blocks)).not.toContain('Acorn');
  });

  it('with an account shows only that account’s drafts', async () => {
    await accountsWithDrafts();
    await h.command('review northwind');
    const blocks = h.lastReply().blocks;
    expect(textOf(blocks)).toContain('Drafts waiting for review (1)');
    expect(textOf(blocks)).toContain('Hello Northwind');
    expect(stringsIn(blocks)).not.toContain('Hello Helios');
  });

  it('an admin without an account sees every CSM’s drafts', async () => {
    await accountsWithDrafts();
    const { organizationId } = await h.actor(CSM);
    await setRole(h.ctx, { organizationId, actor: 'cli', person: { slackUserId: CSM }, role: 'admin' });
    await h.command('review');
    const text = textOf(h.lastReply().blocks);
    expect(text).toContain('Drafts waiting for review (4)');
    expect(text).toContain('Hello Acorn');
  });

  it('says when nothing is waiting', async () => {
    await h.seed();
    await h.command('review');
    expect(textOf(h.lastReply().blocks)).toContain('Nothing waiting for review');
  });
});

describe('Start and Unblock milestone modals', () => {
  async function northwindMilestone(position: number) {
    await h.seed();
    return h.db.prisma.milestone.findFirstOrThrow({ where: { position, account: { name: 'Northwind Logistics' } } });
  }

  async function timeline() {
    await h.command('timeline northwind');
    return h.lastReply();
  }

  it('Start lists the actions it will schedule and warns that the previous milestone has open actions; submit starts it', async () => {
    const m = await northwindMilestone(1);
    await h.press(await timeline(), 'Start', { value: m.id });
    const view = h.lastOpened();
    const shown = textOf(view);
    expect(shown).toContain('These actions will be scheduled');
    for (const name of ['Technical setup introduction', 'Technical details form', 'Signed data processing agreement'])
      expect(shown).toContain(name);
    expect(stringsIn(view)).not.toContain('Configure single sign-on');
    expect(shown).toContain(':warning: The previous milestone (Kickoff) still has');
    expect(shown).toContain('Welcome email');
    const res = await h.submitView(view);
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
    // Kickoff is done with: the CSM marks the prep task done and skips the rest.
    const csm = await h.actor(CSM);
    const kickoff = await h.db.prisma.action.findMany({
      where: { milestone: { accountId: m.accountId, position: 0 } },
    });
    for (const action of kickoff) {
      const target = { organizationId: csm.organizationId, actionId: action.id, actor: csm };
      if (action.key === 'kickoff-prep') {
        await h.fire(action.id);
        await completeInternalTask(h.ctx, { notifier: h.slack.notifier }, target);
      } else await skipAction(h.ctx, target);
    }
    await h.press(await timeline(), 'Start', { value: m.id });
    expect(stringsIn(h.lastOpened())).not.toContain('previous milestone');
  });

  it('a Start that is no longer possible replaces the modal with the reason', async () => {
    const m = await northwindMilestone(1);
    await h.press(await timeline(), 'Start', { value: m.id });
    const view = h.lastOpened();
    // Someone else starts it while the modal is open.
    await h.submitView(view);
    const res = await h.submitView(view);
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain('not possible');
  });

  it('Unblock clears the blocker note (it leaves the portal), keeps it in the audit trail with the reason', async () => {
    const m = await northwindMilestone(0);
    const actor = await h.actor(CSM);
    await blockMilestone(h.ctx, {
      organizationId: actor.organizationId,
      milestoneId: m.id,
      actor,
      note: 'Waiting on security review',
      cause: 'customer',
    });
    await h.press(await timeline(), 'Unblock');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('Waiting on security review');
    await h.submitView(view, { reason: 'Security approved it' });
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.status).toBe('in_progress');
    expect(after.blockerNote).toBeNull();
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: m.id, fromState: 'blocked', toState: 'in_progress' },
    });
    expect(audit.reason).toBe('Security approved it');
    expect(audit.data).toMatchObject({ blockerNote: 'Waiting on security review' });
  });
});
