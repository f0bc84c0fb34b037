/**
 * A tick that fires many actions of one CSM asks for that CSM's App Home once per action. Requests that come while
 * the Home is being published share one more publish, which starts after they asked: fewer Slack calls, and the
 * Home people end up with still shows every change.
 */
import { getHome } from '../../../src/services/home/get-home';
import { buildHome } from '../../../src/slack/blocks/home';
import { findButton, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

describe('App Home publishes', () => {
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
