import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { SETTINGS_FIELDS as F, VIEWS } from '../../../src/slack/ids';
import { textOf } from '../../support/block-kit';
import { CSM, CSM_CHANNEL, useSlackHarness } from '../../support/slack-harness';
import { valuesAsOpened } from '../../support/slack-view-state';

const h = useSlackHarness();

/** Channels the Helios Health review cards were posted to, on the next tick ten days on. */
async function heliosCardChannelsOnNextTick(): Promise<Set<string | undefined>> {
  h.forget();
  h.ctx.advance(10 * 86_400_000);
  await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
  await h.settled();
  const helios = h.posted.filter((m) => textOf(m.blocks).includes('Helios Health'));
  expect(helios.length).toBeGreaterThan(0);
  return new Set(helios.filter((m) => m.channel?.startsWith('C')).map((m) => m.channel));
}

describe("the organisation's default CSM channel", () => {
  it('receives the review cards of an account without a CSM channel of its own once an admin sets it', async () => {
    await h.seed();
    const org = await h.db.prisma.organization.findFirstOrThrow();
    expect(await resolveSlackMember(h.ctx, { organizationId: org.id, slackUserId: CSM })).toMatchObject({
      role: 'admin',
    });
    const helios = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    expect(helios.slackCsmChannelId).toBeNull();
    h.fake.addChannel({ id: 'CTEAMCSM', name: 'csm-team', isMember: true });

    await h.command('settings');
    const view = h.lastOpened();
    expect(view.callback_id).toBe(VIEWS.settings);
    const res = await h.submitView(view, { ...valuesAsOpened(view), [F.defaultCsmChannelId]: 'CTEAMCSM' });
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain('*Default CSM channel*: `none` → <#CTEAMCSM>');

    const channels = await heliosCardChannelsOnNextTick();
    expect(channels).toEqual(new Set(['CTEAMCSM']));
    expect(channels.has(CSM_CHANNEL)).toBe(false);
  });

  it('leaves the review cards in the SLACK_CSM_CHANNEL fallback while no default is set', async () => {
    await h.seed();
    expect(await heliosCardChannelsOnNextTick()).toEqual(new Set([CSM_CHANNEL]));
  });
});
