/**
 * A tick that fires many actions of one CSM used to rebuild that CSM's App Home once per action. Now the tick's
 * batch of cards refreshes each Home once, and requests that come while a Home is being published share one more
 * publish, which starts after they asked: fewer Slack calls, and the Home people end up with shows every change.
 */
import { getHome } from '../../../src/services/home/get-home';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { buildHome } from '../../../src/slack/blocks/home';
import { findButton, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

describe('App Home publishes', () => {
  it('a tick that fires several actions of the CSM posts each card once and publishes their Home once', async () => {
    await h.seed();
    const admin = 'UADMIN01';
    await h.addPerson(admin, 'admin');
    h.forget();

    const fired = await fireDueActions(h.ctx, { notifier: h.slack.notifier });

    expect(fired.fired.length).toBeGreaterThan(2);
    expect(fired.failures).toEqual([]);
    const cards = h.posted.filter((m) => /Ready for review/.test(m.text ?? ''));
    expect(cards).toHaveLength(fired.fired.length);
    for (const { id } of fired.fired)
      expect(cards.filter((m) => JSON.stringify(m.blocks).includes(`"value":"${id}"`))).toHaveLength(1);
    // The demo's accounts are all the CSM's: their Home and the admin's, once each for the batch.
    expect(h.published.map((p) => p.userId).sort()).toEqual([CSM, admin].sort());
    const stored = await h.db.prisma.action.findMany({ where: { id: { in: fired.fired.map((a) => a.id) } } });
    expect(stored.every((a) => a.reviewCardTs !== null && a.reviewCardClaimUntil !== null)).toBe(true);
  });

  it('requests for a Home being published share one more publish, which shows the Home as it is after them', async () => {
    await h.seed();
    const me = await h.actor(CSM);
    const publish = () => h.slack.notifier.publishHome(me.organizationId, me.userId, CSM);
    const homes = () => h.published.filter((p) => p.userId === CSM);
    h.forget();

    await Promise.all([publish(), publish(), publish(), publish(), publish()]);
    expect(homes()).toHaveLength(2);

    // A change from Slack (it publishes the Home itself), then three requests at once: two more publishes.
    await h.command('account northwind');
    await h.click(findButton(h.lastReply().blocks, 'Block milestone'));
    await h.submitView(h.lastOpened(), { note: 'Waiting on their IT team', block_cause: 'customer' });
    const before = homes().length;
    await Promise.all([publish(), publish(), publish()]);
    expect(homes()).toHaveLength(before + 2);
    const now = buildHome(await getHome(h.ctx, { organizationId: me.organizationId, userId: me.userId }));
    expect(textOf(homes().at(-1)!.view)).toBe(textOf(now));
    expect(textOf(now)).toContain('Waiting on their IT team');
  });
});
