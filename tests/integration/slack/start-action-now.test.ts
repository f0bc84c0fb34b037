import { runTick } from '../../../src/services/scheduler/run-tick';
import { START_ACTION_NOW } from '../../../src/slack/ids';
import { buttons, findButton, textOf } from '../../support/block-kit';
import { CSM, CSM_CHANNEL, NOW, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

async function recapOf(accountName: string) {
  return h.db.prisma.action.findFirstOrThrow({
    where: { key: 'success-plan-recap', account: { name: accountName } },
  });
}

describe('Start now', () => {
  it('the review queue offers it for the manual actions of started milestones; the next tick posts the card', async () => {
    await h.seed();
    await h.command('review');
    const queue = h.lastReply();
    // Each demo account is in Kickoff: its manual recap can start; Training's manual recap waits for Training.
    const offered = buttons(queue.blocks).filter((b) => b.label === 'Start now');
    expect(offered).toHaveLength(3);
    expect(offered.every((b) => b.actionId === START_ACTION_NOW)).toBe(true);
    expect(textOf(queue.blocks)).not.toContain('Training recap and recordings');

    const recap = await recapOf('Northwind Logistics');
    h.forget();
    await h.press(queue, 'Start now', { value: recap.id });
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(textOf(reply.blocks)).toContain(
      'starts now. Its draft comes to your review queue with the next scheduler tick.',
    );
    expect((await recapOf('Northwind Logistics')).dueAt).toEqual(NOW);

    h.forget();
    await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: false });
    expect((await recapOf('Northwind Logistics')).status).toBe('ready');
    // The same tick may post other accounts' due cards, in whatever order their claims finish.
    const cards = h.posted.filter((m) => buttons(m.blocks).some((b) => b.label === 'Execute' && b.value === recap.id));
    expect(cards).toHaveLength(1);
    expect(cards[0]!.channel).toBe(CSM_CHANNEL);

    // Once it fired, the queue shows it as a draft and no longer offers to start it.
    h.forget();
    await h.command('review northwind');
    const after = h.lastReply();
    expect(buttons(after.blocks).filter((b) => b.label === 'Start now')).toEqual([]);
    expect(findButton(after.blocks, 'Execute', recap.id)).toBeDefined();
  });

  it('a second click on the same button says it was already started', async () => {
    await h.seed();
    const recap = await recapOf('Helios Health');
    await h.click({ actionId: START_ACTION_NOW, value: recap.id });
    await h.click({ actionId: START_ACTION_NOW, value: recap.id });
    expect(textOf(h.lastReply().blocks)).toContain('was already started');
  });

  it('refuses a CSM who is not the account’s, with the reason, and starts nothing', async () => {
    await h.seed();
    await h.addPerson('UOTHER01', 'csm');
    const recap = await recapOf('Helios Health');
    // Not theirs: their own account review does not offer it either.
    await h.command('review helios', { as: 'UOTHER01' });
    expect(buttons(h.lastReply().blocks).filter((b) => b.label === 'Start now')).toEqual([]);

    h.forget();
    await h.click({ actionId: START_ACTION_NOW, value: recap.id }, { as: 'UOTHER01' });
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain("only the account's CSM or an admin can start actions");
    expect((await recapOf('Helios Health')).dueAt).toBeNull();
  });

  it('from a modal or App Home, where there is no response URL, the answer comes as a direct message', async () => {
    await h.seed();
    const recap = await recapOf('Brightline Analytics');
    h.forget();
    await h.click(
      { actionId: START_ACTION_NOW, value: recap.id },
      { container: { type: 'view', view_id: 'V1' }, withoutResponseUrl: true },
    );
    const dm = h.lastPosted();
    expect(dm.channel).toBe(CSM);
    expect(dm.text).toBe('Kickoff recap and success plan for Brightline Analytics starts now');
    expect((await recapOf('Brightline Analytics')).dueAt).toEqual(NOW);
  });
});
