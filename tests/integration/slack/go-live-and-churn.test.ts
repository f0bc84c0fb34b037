/**
 * The end of an onboarding in Slack, through signed requests: the CSM completes every milestone from the account
 * card and the card then reads "Live since …, time to value …" with Reopen; an admin reopens it (others are told
 * who may); the CSM marks an account churned from the card with a required reason; an admin reopens a churned one.
 */
import { buttonLabels, findButton, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenMessage } from '../../support/slack-harness';

const h = useSlackHarness();
const COLLEAGUE = 'UCSM0002';
const VIEWER = 'UVIEW0001';

/** Helios Health's card, as `/thread account helios` shows it to this person now. */
async function heliosCard(as = CSM): Promise<SeenMessage> {
  await h.command('account helios', { as });
  const card = h.lastReply();
  h.forget();
  return card;
}

/** The CSM completes each milestone from the card, giving a reason whenever actions are still open. */
async function completeEveryMilestone(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await h.press(await heliosCard(), 'Complete milestone');
    const view = h.lastOpened();
    const asksReason = view.blocks.some((b) => b.block_id === 'reason');
    const res = await h.submitView(view, asksReason ? { reason: 'done on a call' } : {});
    expect(res.body).toEqual({});
  }
}

const helios = () => h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });

describe('going live from Slack', () => {
  it('completing the last milestone from the card makes the card say “Live since …, time to value …” with Reopen', async () => {
    await h.seed();
    await completeEveryMilestone();
    expect(await helios()).toMatchObject({ status: 'completed' });

    const card = await heliosCard();
    // Kickoff Friday 20 November, live Tuesday 24 November: Fri, Mon, Tue.
    expect(textOf(card.blocks)).toContain('*Live since 24 Nov 2026*, time to value 3 days');
    expect(buttonLabels(card.blocks)).toEqual(expect.arrayContaining(['Reopen', 'Mark churned']));
    expect(buttonLabels(card.blocks)).not.toContain('Complete milestone');
  });

  it('an admin reopens it with a reason: the card is shown again active, with its last milestone to complete', async () => {
    await h.seed();
    await completeEveryMilestone();
    await h.press(await heliosCard(), 'Reopen');
    const view = h.lastOpened();
    expect(view.callback_id).toBe('view_reopen_account');
    expect(textOf(view)).toContain('is live since 24 Nov 2026');
    h.forget();
    expect((await h.submitView(view, { reason: 'Go-live was rolled back' })).body).toEqual({});

    const account = await helios();
    expect(account).toMatchObject({ status: 'active', goLiveActualDate: null });
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { entityId: account.id, entityType: 'account', toState: 'active', fromState: 'completed' },
    });
    expect(audit?.reason).toBe('reopened: Go-live was rolled back');
    const shown = h.lastReply();
    expect(shown.replace_original).toBe(true);
    expect(textOf(shown.blocks)).not.toContain('Live since');
    expect(buttonLabels(shown.blocks)).toEqual(expect.arrayContaining(['Complete milestone', 'Mark churned']));
    expect(buttonLabels(shown.blocks)).not.toContain('Reopen');
  });

  it('a CSM who is not an admin is told at the click that only admins reopen, and no modal opens', async () => {
    await h.seed();
    await h.addPerson(COLLEAGUE, 'csm');
    await completeEveryMilestone();
    await h.press(await heliosCard(COLLEAGUE), 'Reopen', { as: COLLEAGUE });
    expect(h.lastReply().text).toContain('only admins can reopen an account, and your role is CSM.');
    expect(h.opened).toEqual([]);
    expect((await helios()).status).toBe('completed');
  });
});

describe('marking an account churned from Slack', () => {
  it('needs a reason under the field; with one, the card says churned with the reason and offers Reopen only', async () => {
    await h.seed();
    await h.press(await heliosCard(), 'Mark churned');
    const view = h.lastOpened();
    expect(view.callback_id).toBe('view_mark_churned');
    const blank = await h.submitView(view, { reason: '   ' });
    expect(blank.body).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say why the account churned; the reason is kept on the account.' },
    });
    expect((await helios()).status).toBe('active');

    h.forget();
    await h.submitView(view, { reason: 'Chose <!channel> a competitor & left' });
    expect(await helios()).toMatchObject({ status: 'churned', churnReason: 'Chose <!channel> a competitor & left' });
    const card = h.lastReply();
    expect(textOf(card.blocks)).toContain('*Churned on 24 Nov 2026*');
    expect(textOf(card.blocks)).toContain('Chose &lt;!channel&gt; a competitor &amp; left');
    expect(buttonLabels(card.blocks)).toContain('Reopen');
    expect(buttonLabels(card.blocks)).not.toContain('Mark churned');
  });

  it('another CSM and a viewer are refused at the click, saying why', async () => {
    await h.seed();
    await h.addPerson(COLLEAGUE, 'csm');
    await h.addPerson(VIEWER, 'viewer');
    await h.press(await heliosCard(COLLEAGUE), 'Mark churned', { as: COLLEAGUE });
    expect(h.lastReply().text).toContain(
      "only the account's CSM or an admin can mark it churned, and you are not the CSM of Helios Health.",
    );
    await h.press(await heliosCard(VIEWER), 'Mark churned', { as: VIEWER });
    expect(h.lastReply().text).toContain('your role (viewer) can read accounts but not change them');
    expect(h.opened).toEqual([]);
    expect((await helios()).status).toBe('active');
  });

  it('an admin reopens a churned account from its card', async () => {
    await h.seed();
    await h.press(await heliosCard(), 'Mark churned');
    await h.submitView(h.lastOpened(), { reason: 'budget cut' });
    await h.press(await heliosCard(), 'Reopen');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('is churned');
    await h.submitView(view, {});
    expect(await helios()).toMatchObject({ status: 'active', churnReason: null });
    expect(findButton((await heliosCard()).blocks, 'Mark churned').actionId).toBe('account_mark_churned');
  });
});
