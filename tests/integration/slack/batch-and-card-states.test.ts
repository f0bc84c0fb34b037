import { useExecutingSlackHarness } from '../../support/executing-slack-harness';
import { editDraft } from '../../../src/services/review/edit-draft';
import { actionIds, buttonLabels, findButton, textOf } from '../../support/block-kit';

import { CSM, type SeenMessage } from '../../support/slack-harness';
import { tickedDrafts } from '../../support/slack-view-state';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { startMilestone } from '../../../src/services/milestones/start-milestone';

const { h, smtp } = useExecutingSlackHarness();

/**
 * The action fired by the scheduler at its due time (with whatever else is due by then), and its draft rewritten by
 * the CSM.
 */
async function readyDraft(account: string, key: string, body: string, subject = 'Hello from onboarding') {
  const action = await h.db.prisma.action.findFirstOrThrow({ where: { key, account: { name: account } } });
  await h.fire(action.id);
  const actor = await h.actor(CSM);
  await editDraft(h.ctx, { organizationId: actor.organizationId, actionId: action.id, actor, subject, body });
  return action.id;
}

/** The action's review card in the CSM channel, showing its draft as it stands (the notifier updates it). */
async function postCard(actionId: string): Promise<SeenMessage> {
  await h.slack.notifier.actionChanged(actionId);
  const card = await h.reviewCard(actionId);
  h.forget();
  return card;
}

/** The card as it stands now: the last update of the message first posted. */
const current = (card: SeenMessage) => {
  const update = h.updated.filter((u) => u.ts === card.ts).at(-1);
  if (!update) throw new Error(`the card at ${card.ts} was never updated`);
  return { ...update, channel: card.channel };
};

describe('batch review and execution', () => {
  it('executes the ticked drafts, shows "n of m sent" in one message updated in place, lists the failure with a Retry that sends it', async () => {
    await h.seed();
    const ok1 = await readyDraft('Helios Health', 'welcome-email', 'Hi Sam, welcome to onboarding for Helios Health.');
    const ok2 = await readyDraft(
      'Northwind Logistics',
      'welcome-email',
      'Hi there, welcome to onboarding for Northwind Logistics.',
    );
    // The CSM starts Helios's Technical Setup early, so its introduction email falls due.
    const csm = await h.actor(CSM);
    const setup = await h.db.prisma.milestone.findFirstOrThrow({
      where: { position: 1, account: { name: 'Helios Health' } },
    });
    await startMilestone(h.ctx, { organizationId: csm.organizationId, milestoneId: setup.id, actor: csm });
    const bad = await readyDraft(
      'Helios Health',
      'technical-setup-intro',
      'Hi {{contact.first_name}}, time for technical setup at Helios Health.',
    );

    await h.command('review');
    const queue = h.lastReply();
    expect(actionIds(queue.blocks)).toContain('review_batch_select');
    expect(findButton(queue.blocks, 'Execute selected').actionId).toBe('review_execute_selected');
    h.forget();

    const state = tickedDrafts(ok1, bad, ok2);
    const res = await h.press(queue, 'Execute selected', { state });
    expect(res.status).toBe(200);

    // One progress message: every update goes to the message first posted.
    const progress = h.posted.filter((m) => m.channel === CSM);
    expect(progress).toHaveLength(1);
    expect(progress[0]!.text).toBe('0 of 3 sent');
    const final = current(progress[0]!);
    expect(h.updated.filter((u) => u.channel === CSM).every((u) => u.ts === progress[0]!.ts)).toBe(true);
    expect(final.text).toBe('2 of 3 sent, 1 failed');
    const finalText = textOf(final.blocks);
    expect(finalText).toContain('Batch finished');
    expect(finalText).toContain('Helios Health · Technical setup introduction');
    expect(finalText).toContain('{{contact.first_name}} has no value');
    expect(findButton(final.blocks, 'Retry')).toMatchObject({ actionId: 'review_batch_retry', value: bad });
    expect(h.lastReply().text).toContain('Executing 3 drafts');

    expect(smtp.messages).toHaveLength(2);
    const statuses = await h.db.prisma.action.findMany({
      where: { id: { in: [ok1, ok2, bad] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [ok1]: 'executed',
      [ok2]: 'executed',
      [bad]: 'ready',
    });

    // Fix the draft, then Retry from the progress message: sent, and its line says so in the same message.
    const actor = await h.actor(CSM);
    await editDraft(h.ctx, {
      organizationId: actor.organizationId,
      actionId: bad,
      actor,
      subject: 'Technical setup',
      body: 'Hi Sam, time for technical setup at Helios Health.',
    });
    h.forget();
    await h.press(final, 'Retry');
    const retried = current(progress[0]!);
    expect(textOf(retried.blocks)).toContain('sent on retry');
    expect(actionIds(retried.blocks)).not.toContain('review_batch_retry');
    expect(smtp.messages).toHaveLength(3);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: bad } })).status).toBe('executed');
  });

  it('refuses the whole batch to a colleague who is not the accounts’ CSM, before any progress message or send', async () => {
    await h.seed();
    const helios = await readyDraft(
      'Helios Health',
      'welcome-email',
      'Hi Sam, welcome to onboarding for Helios Health.',
    );
    const northwind = await readyDraft('Northwind Logistics', 'welcome-email', 'Hi there, welcome to Northwind.');
    await h.addPerson('UOTHER01', 'csm');
    h.forget();
    const state = tickedDrafts(helios, northwind);
    await h.click({ actionId: 'review_execute_selected', value: 'selected' }, { state, as: 'UOTHER01' });
    expect(h.lastReply().text).toContain("only the account's CSM or an admin can execute actions");
    expect(h.posted.filter((m) => m.channel === 'UOTHER01')).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('says which ticked drafts no longer exist, and sends none of the batch', async () => {
    await h.seed();
    const helios = await readyDraft(
      'Helios Health',
      'welcome-email',
      'Hi Sam, welcome to onboarding for Helios Health.',
    );
    h.forget();
    const state = tickedDrafts(helios, 'gone-action-id');
    await h.click({ actionId: 'review_execute_selected', value: 'selected' }, { state });
    expect(h.lastReply().text).toContain('one of those no longer exists');
    expect(smtp.messages).toHaveLength(0);
  });

  it('says what to do when nothing is ticked, and sends nothing', async () => {
    await h.seed();
    await h.click({ actionId: 'review_execute_selected', value: 'selected' }, { state: { values: {} } });
    expect(h.lastReply().text).toContain('tick the drafts');
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('review card states', () => {
  it('a refused email shows the error and a Retry on the card; Retry sends; Customer responded completes it', async () => {
    await h.seed();
    const id = await readyDraft('Helios Health', 'welcome-email', 'Hi Sam, welcome to onboarding for Helios Health.');
    const card = await postCard(id);
    smtp.refuse = 'mailbox unavailable';
    await h.press(card, 'Execute');
    const failed = current(card);
    expect(textOf(failed.blocks)).toContain('Last send failed');
    expect(textOf(failed.blocks)).toContain('mailbox unavailable');
    expect(findButton(failed.blocks, 'Retry')).toMatchObject({ actionId: 'review_execute', value: id });
    let stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('ready');
    expect(stored.lastError).toContain('mailbox unavailable');

    smtp.refuse = null;
    h.forget();
    await h.press(failed, 'Retry');
    const sent = current(card);
    expect(findButton(sent.blocks, 'Customer responded')).toMatchObject({
      actionId: 'review_customer_responded',
      value: id,
    });
    expect(smtp.messages).toHaveLength(1);
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('executed');

    h.forget();
    await h.press(sent, 'Customer responded');
    const completed = current(card);
    expect(textOf(completed.blocks)).toContain('Completed');
    expect(actionIds(completed.blocks)).not.toContain('review_customer_responded');
    stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('completed');
    expect(
      await h.db.prisma.engagementEvent.count({ where: { accountId: stored.accountId, kind: 'email_reply' } }),
    ).toBe(1);
  });

  it('blocking lint findings: Execute is refused, "Execute anyway" sends and the override is audited', async () => {
    await h.seed();
    const id = await readyDraft(
      'Helios Health',
      'welcome-email',
      'Hi {{contact.first_name}}, welcome to onboarding for Helios Health.',
    );
    const card = await postCard(id);
    await h.slack.notifier.actionChanged(id);
    const shown = current(card);
    const anyway = findButton(shown.blocks, 'Execute anyway');
    expect(anyway).toMatchObject({ actionId: 'review_execute_anyway', value: id });
    expect(anyway.confirm).toBeDefined();
    h.forget();

    await h.press(shown, 'Execute');
    expect(h.lastReply().text).toContain('override');
    expect(smtp.messages).toHaveLength(0);

    await h.press(shown, 'Execute anyway');
    expect(textOf(current(card).blocks)).toContain('Sent');
    expect(smtp.messages).toHaveLength(1);
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('executed');
    expect(stored.lintOverriddenById).not.toBeNull();
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, reason: { startsWith: 'review lint overridden' } },
    });
    expect(audit.actor).toBe(stored.lintOverriddenById);
  });

  it('an internal task shows Done, which completes it', async () => {
    await h.seed();
    const task = await h.db.prisma.action.findFirstOrThrow({
      where: { key: 'kickoff-prep', account: { name: 'Helios Health' } },
    });
    await h.fire(task.id);
    const card = await postCard(task.id);
    expect(findButton(card.blocks, 'Done')).toMatchObject({ actionId: 'review_task_done', value: task.id });
    await h.press(card, 'Done');
    expect(textOf(current(card).blocks)).toContain('Completed');
    expect(buttonLabels(current(card).blocks)).not.toContain('Done');
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('completed');
  });
});

describe('Slack message completion', () => {
  it('completes a sent Slack message when the customer replies in its thread, not when the CSM does', async () => {
    await h.seed();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    await setAccountChannels(h.ctx, {
      organizationId: account.organizationId,
      actor: 'cli',
      accountId: account.id,
      customerChannelId: 'CCUSTOMER1',
    });
    const id = await readyDraft(
      'Helios Health',
      'kickoff-day-message',
      'Good morning Helios Health team, kickoff is today!',
      '',
    );
    await h.press(await postCard(id), 'Execute');
    const sent = h.posted.filter((m) => m.channel === 'CCUSTOMER1');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe('Good morning Helios Health team, kickoff is today!');
    const executed = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(executed.status).toBe('executed');
    const threadTs = (executed.executionRecord as { slackTs: string }).slackTs;
    expect(threadTs).toBe(sent[0]!.ts);

    const reply = (user: string, eventId: string, thread = threadTs) =>
      h.send(
        {
          type: 'message',
          channel: 'CCUSTOMER1',
          user,
          text: 'Thanks!',
          ts: '9999.000200',
          thread_ts: thread,
        },
        { eventId },
      );
    await reply(CSM, 'EvCsm');
    await reply('UCUSTOMER1', 'EvOther', '1234.000000');
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('executed');

    await reply('UCUSTOMER1', 'EvCustomer');
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('completed');
    expect(await h.db.prisma.engagementEvent.count({ where: { accountId: account.id, kind: 'slack_reply' } })).toBe(1);
  });
});
