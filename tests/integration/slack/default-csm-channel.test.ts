import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { SETTINGS_FIELDS as F, VIEWS } from '../../../src/slack/ids';
import { textOf } from '../../support/block-kit';
import { CSM, CSM_CHANNEL, useSlackHarness, type SeenView, type ViewValues } from '../../support/slack-harness';

const h = useSlackHarness();

/** Each input as the modal filled it in, as a person who changes nothing else submits it. */
function asOpened(view: SeenView): ViewValues {
  const values: ViewValues = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) {
    const e = block.element as Record<string, unknown>;
    const initialOption = e.initial_option as { value?: string } | undefined;
    const initialOptions = (e.initial_options as { value: string }[] | undefined) ?? [];
    values[String(block.block_id)] =
      e.type === 'static_select'
        ? (initialOption?.value ?? null)
        : e.type === 'checkboxes'
          ? initialOptions.map((o) => o.value).join(',')
          : e.type === 'conversations_select'
            ? ((e.initial_conversation as string | undefined) ?? null)
            : ((e.initial_value as string | undefined) ?? null);
  }
  return values;
}

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
    const res = await h.submitView(view, { ...asOpened(view), [F.defaultCsmChannelId]: 'CTEAMCSM' });
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
