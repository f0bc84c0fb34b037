import { listPeople } from '../../../src/services/people/list-people';
import { PEOPLE_PER_PAGE } from '../../../src/slack/blocks/people-modal';
import { ACTIONS, PEOPLE_FIELDS, VIEWS } from '../../../src/slack/ids';
import { buttons, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenView } from '../../support/slack-harness';

jest.setTimeout(120_000);

const h = useSlackHarness();
const COLLEAGUES = 250;
const LAST = 'UZOE00001';
const NEWCOMER = 'UNEW00001';

/** The people a page shows, by the names beside their role selects. */
function namesOn(view: SeenView): string[] {
  return view.blocks
    .filter((b) => b.type === 'section' && b.accessory)
    .map((b) => /^\*([^*]+)\*/.exec(textOf(b.text))?.[1] ?? '');
}

function roleOption(view: SeenView, name: string, label: string): { text: string; value: string } {
  const block = view.blocks.find((b) => b.accessory && textOf(b.text).startsWith(`*${name}*`));
  if (!block) throw new Error(`${name} is not on this page`);
  const options = (block.accessory as { options: { value: string; text: { text: string } }[] }).options;
  const option = options.find((o) => o.text.text === label)!;
  return { text: label, value: option.value };
}

describe('the People screen of a large organisation', () => {
  let organizationId: string;

  beforeEach(async () => {
    organizationId = (await h.actor(CSM)).organizationId;
    // 250 colleagues added as the People screen adds them; the one listed last is a viewer named Zoe Last.
    for (let i = 1; i < COLLEAGUES; i++) {
      await h.addPerson(`UPEOPLE${String(i).padStart(3, '0')}`, 'csm', {
        name: `Person ${String(i).padStart(3, '0')}`,
      });
    }
    await h.addPerson(LAST, 'viewer', { name: 'Zoe Last' });
  });

  it('reaches every person page by page with Next, and changes the last person’s role on their page', async () => {
    await h.command('people');
    let view = h.lastOpened();
    expect(view.callback_id).toBe(VIEWS.people);
    expect(textOf(view)).toContain(`${COLLEAGUES + 1} people in Thread`);

    const seen: string[] = [];
    for (;;) {
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      seen.push(...namesOn(view));
      if (!buttons(view).some((b) => b.label === 'Next →')) break;
      await h.pressInView(view, 'Next →');
      view = h.viewUpdates.at(-1)!;
    }
    const everyone = (await listPeople(h.ctx, { organizationId, actor: 'cli' })).map((p) => p.name);
    expect(seen).toEqual(everyone);
    expect(seen.at(-1)).toBe('Zoe Last');
    expect(h.viewUpdates).toHaveLength(Math.ceil((COLLEAGUES + 1) / PEOPLE_PER_PAGE) - 1);
    expect(textOf(view)).toContain(`of ${COLLEAGUES + 1}, admins first, then by name.`);

    await h.selectInView(view, ACTIONS.personRole, roleOption(view, 'Zoe Last', 'CSM'));
    const changed = h.viewUpdates.at(-1)!;
    expect(textOf(changed)).toContain('Zoe Last is now a CSM.');
    expect(namesOn(changed)).toEqual(namesOn(view));
    const zoe = (await listPeople(h.ctx, { organizationId, actor: 'cli' })).find((p) => p.slackUserId === LAST);
    expect(zoe?.role).toBe('csm');

    // Back from the last page with Previous.
    await h.pressInView(changed, '← Previous');
    expect(namesOn(h.viewUpdates.at(-1)!)).toEqual(
      everyone.slice(seen.length - namesOn(view).length - PEOPLE_PER_PAGE, seen.length - namesOn(view).length),
    );
  });

  it('shows a person just added on their own page, wherever the admin was', async () => {
    await h.command('people');
    let view = h.lastOpened();
    while (buttons(view).some((b) => b.label === 'Next →')) {
      await h.pressInView(view, 'Next →');
      view = h.viewUpdates.at(-1)!;
    }
    // An admin is listed among the first: not on the last page, where the form was submitted.
    const res = await h.submitView(view, { [PEOPLE_FIELDS.user]: NEWCOMER, [PEOPLE_FIELDS.role]: 'admin' });
    expect(res.body.response_action).toBe('update');
    const shown = res.body.view as SeenView;
    expect(textOf(shown)).toContain(`Added ${NEWCOMER} as admin.`);
    expect(namesOn(shown)).toContain(NEWCOMER);
    expect(JSON.parse(String(shown.private_metadata))).toEqual({ offset: 0 });
  });
});
