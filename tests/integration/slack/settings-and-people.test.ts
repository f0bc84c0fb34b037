import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { getSettings } from '../../../src/services/organizations/get-settings';
import { addPerson } from '../../../src/services/people/add-person';
import { listPeople } from '../../../src/services/people/list-people';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { ACTIONS, PEOPLE_FIELDS, SETTINGS_FIELDS as F, VIEWS } from '../../../src/slack/ids';
import { blocksOf, findButton, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenView } from '../../support/slack-harness';
import { valuesAsOpened } from '../../support/slack-view-state';

const COLLEAGUE = 'UCOLL0001';
const NEWCOMER = 'UNEW00001';

describe('settings and people in Slack', () => {
  const h = useSlackHarness();
  let organizationId: string;
  let admin: { userId: string };

  beforeEach(async () => {
    // The organisation exists and the CSM is its first person, so its admin; a colleague is added as a CSM.
    organizationId = (await getDefaultOrganization(h.ctx)).id;
    admin = await resolveSlackMember(h.ctx, { organizationId, slackUserId: CSM });
    await addPerson(h.ctx, { organizationId, actor: admin, slackUserId: COLLEAGUE, role: 'csm', name: 'Cole League' });
  });

  const settings = () => getSettings(h.ctx, { organizationId, actor: 'cli' });

  async function openSettings(): Promise<SeenView> {
    const before = h.opened.length;
    await h.command('settings');
    expect(h.opened).toHaveLength(before + 1);
    const view = h.lastOpened();
    expect(view.callback_id).toBe(VIEWS.settings);
    return view;
  }

  it('opens Settings for an admin with every setting filled in as it is now', async () => {
    const view = await openSettings();
    const now = await settings();
    const opened = valuesAsOpened(view);
    expect(opened).toMatchObject({
      [F.name]: now.name,
      [F.brandColor]: now.brandColor,
      [F.brandVoice]: now.brandVoice,
      [F.timezone]: now.timezone,
      [F.workingDays]: now.workingDays.join(','),
      [F.portalMaxActive]: String(now.portalMaxActive),
      [F.reviewSlaHours]: String(now.reviewSlaHours),
      [F.reminderSpacingDays]: String(now.reminderSpacingDays),
      [F.reminderMaxCount]: String(now.reminderMaxCount),
      [F.workspaceMembersCanView]: '',
    });
    expect(Object.keys(opened).sort()).toEqual(Object.values(F).sort());
  });

  it('refuses hostile settings beside each field and changes nothing', async () => {
    const view = await openSettings();
    // Read after the first request: that request names the organisation after the workspace.
    const before = await settings();
    const res = await h.submitView(view, {
      ...valuesAsOpened(view),
      [F.name]: '',
      [F.logoUrl]: 'http://evil.example/logo.png',
      [F.brandColor]: 'javascript:alert(1)',
      [F.brandVoice]: 'x'.repeat(1001),
      [F.timezoneOther]: 'Mars/Olympus_Mons',
      [F.workingDays]: '',
      [F.portalMaxActive]: '11',
      [F.reminderMaxCount]: 'lots',
    });
    expect(res.body.response_action).toBe('errors');
    // The number that is not a number is refused first, on its own.
    expect(res.body.errors).toEqual({ [F.reminderMaxCount]: 'Maximum reminders must be a whole number.' });

    const again = await h.submitView(view, {
      ...valuesAsOpened(view),
      [F.name]: '',
      [F.logoUrl]: 'http://evil.example/logo.png',
      [F.brandColor]: 'javascript:alert(1)',
      [F.brandVoice]: 'x'.repeat(1001),
      [F.timezoneOther]: 'Mars/Olympus_Mons',
      [F.workingDays]: '',
      [F.portalMaxActive]: '11',
    });
    expect(again.body.response_action).toBe('errors');
    expect(again.body.errors).toEqual({
      [F.name]: 'The organisation name cannot be empty.',
      [F.logoUrl]: 'The logo URL must start with https:// (it starts with http:).',
      [F.brandColor]: expect.stringContaining('#rrggbb'),
      [F.brandVoice]: expect.stringContaining('keep it to 1000 or fewer'),
      [F.timezoneOther]: expect.stringContaining('"Mars/Olympus_Mons" is not a time zone'),
      [F.workingDays]: 'Pick at least one working day.',
      [F.portalMaxActive]: expect.stringContaining('from 1 to 10'),
    });
    expect(await settings()).toEqual(before);
  });

  it('says the contrast ratio of a brand colour too light for white text', async () => {
    const view = await openSettings();
    const res = await h.submitView(view, { ...valuesAsOpened(view), [F.brandColor]: '#FFCC00' });
    expect(res.body.errors).toEqual({
      [F.brandColor]: expect.stringMatching(/contrast ratio of 1\.\d\d:1, below the 4\.5:1/),
    });
    expect((await settings()).brandColor).not.toBe('#ffcc00');
  });

  it('saves good settings, shows what changed from → to (escaped), and audits each change', async () => {
    h.fake.addChannel({ id: 'CCSMTEAM', name: 'csm-team', isMember: true });
    const view = await openSettings();
    // Read after the first request: that request names the organisation after the workspace.
    const before = await settings();
    const res = await h.submitView(view, {
      ...valuesAsOpened(view),
      [F.name]: 'Acme <script>alert(1)</script> & <!channel>',
      [F.logoUrl]: 'https://cdn.acme.example/logo.png',
      [F.brandColor]: '#1D4ED8',
      [F.timezoneOther]: 'Asia/Kathmandu',
      [F.workingDays]: '1,2,3,4',
      [F.portalMaxActive]: '5',
      [F.reminderMaxCount]: '3',
      [F.defaultCsmChannelId]: 'CCSMTEAM',
      [F.workspaceMembersCanView]: 'yes',
    });
    expect(res.body.response_action).toBe('update');
    const shown = textOf(res.body.view);
    expect(shown).toContain('9 settings changed');
    expect(shown).toContain(`*Brand colour*: \`${before.brandColor}\` → \`#1d4ed8\``);
    expect(shown).toContain(
      '*Working days*: `Monday, Tuesday, Wednesday, Thursday, Friday` → `Monday, Tuesday, Wednesday, Thursday`',
    );
    expect(shown).toContain('*Default CSM channel*: `none` → <#CCSMTEAM>');
    expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;');
    expect(shown).not.toContain('<!channel>');
    expect(h.fake.callsTo('conversations.info').map((c) => c.args.channel)).toEqual(['CCSMTEAM']);

    expect(await settings()).toEqual({
      ...before,
      name: 'Acme <script>alert(1)</script> & <!channel>',
      logoUrl: 'https://cdn.acme.example/logo.png',
      brandColor: '#1d4ed8',
      timezone: 'Asia/Kathmandu',
      workingDays: [1, 2, 3, 4],
      portalMaxActive: 5,
      reminderMaxCount: 3,
      defaultCsmChannelId: 'CCSMTEAM',
      workspaceMembersCanView: true,
    });
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { organizationId, entityType: 'organization', actor: admin.userId },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.fromState, a.toState])).toContainEqual([before.brandColor, '#1d4ed8']);
    expect(audit).toHaveLength(9);
  });

  it('refuses a CSM channel Thread is not in, saying how to invite it, and saves nothing', async () => {
    h.fake.addChannel({ id: 'COUTSIDE', name: 'outside', isMember: false });
    h.fake.addChannel({ id: 'GSECRET', name: 'secret', isMember: false, isPrivate: true });
    const view = await openSettings();
    // Read after the first request: that request names the organisation after the workspace.
    const before = await settings();
    const outside = await h.submitView(view, {
      ...valuesAsOpened(view),
      [F.name]: 'Renamed meanwhile',
      [F.defaultCsmChannelId]: 'COUTSIDE',
    });
    expect(outside.body).toEqual({
      response_action: 'errors',
      errors: {
        [F.defaultCsmChannelId]:
          'Thread is not in #outside yet. Invite it there (type /invite @Thread in the channel), then choose it again.',
      },
    });
    const secret = await h.submitView(view, { ...valuesAsOpened(view), [F.defaultCsmChannelId]: 'GSECRET' });
    expect(secret.body.errors[F.defaultCsmChannelId]).toContain('invite Thread there first');
    expect(await settings()).toEqual(before);
  });

  it('tells someone who is not an admin who the admins are, and opens nothing', async () => {
    await h.command('settings', { as: COLLEAGUE });
    expect(h.opened).toEqual([]);
    expect(h.lastReply().text).toBe(`Only admins can change the settings. Ask <@${CSM}>.`);
  });

  it('lists settings in help only for admins, and people for everyone', async () => {
    const forAdmin = await h.command('help');
    expect(forAdmin.body.text).toContain('people, settings, help');
    const forColleague = await h.command('help', { as: COLLEAGUE });
    expect(forColleague.body.text).toContain('new, people, help');
    expect(textOf(forColleague.body.blocks)).not.toContain('/thread settings');
  });

  it('opens Settings and People from the admin part of App Home, and not for others', async () => {
    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home' });
    const home = h.published.at(-1)!.view;
    await h.click(findButton(home.blocks, 'Settings'), { container: { type: 'view', view_id: 'VHOME' } });
    expect(h.lastOpened().callback_id).toBe(VIEWS.settings);
    await h.click(findButton(home.blocks, 'People'), { container: { type: 'view', view_id: 'VHOME' } });
    expect(h.lastOpened().callback_id).toBe(VIEWS.people);

    await h.send({ type: 'app_home_opened', user: COLLEAGUE, tab: 'home' });
    const theirs = h.published.at(-1)!;
    expect(theirs.userId).toBe(COLLEAGUE);
    expect(() => findButton(theirs.view.blocks, 'Settings')).toThrow();
  });

  describe('people', () => {
    const roles = async () =>
      Object.fromEntries(
        (await listPeople(h.ctx, { organizationId, actor: 'cli' })).map((p) => [p.slackUserId, p.role]),
      );
    const roleSelect = (view: SeenView, name: string) => {
      const block = view.blocks.find((b) => textOf(b).includes(name) && b.accessory);
      if (!block) throw new Error(`no role select beside ${name}`);
      const accessory = block.accessory as { options: { value: string; text: { text: string } }[] };
      return (label: string) => {
        const option = accessory.options.find((o) => o.text.text === label)!;
        return { text: option.text.text, value: option.value };
      };
    };

    it('shows an admin everyone with a role select, and refuses to let the last admin demote themselves', async () => {
      await h.command('people');
      const view = h.lastOpened();
      expect(view.callback_id).toBe(VIEWS.people);
      expect(textOf(view)).toContain('2 people in Thread');
      expect(textOf(view)).toContain('Cole League');

      const mine = await resolveSlackMember(h.ctx, { organizationId, slackUserId: CSM });
      await h.selectInView(view, ACTIONS.personRole, roleSelect(view, mine.name)('CSM'));
      const refused = h.viewUpdates.at(-1)!;
      expect(textOf(refused)).toContain(
        'You are the last admin, so you cannot give up the admin role: make someone else an admin first.',
      );
      expect(await roles()).toEqual({ [CSM]: 'admin', [COLLEAGUE]: 'csm' });

      await h.selectInView(view, ACTIONS.personRole, roleSelect(view, 'Cole League')('Admin'));
      const changed = h.viewUpdates.at(-1)!;
      expect(textOf(changed)).toContain('Cole League is now an admin.');
      expect(await roles()).toEqual({ [CSM]: 'admin', [COLLEAGUE]: 'admin' });
      const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
        where: { organizationId, entityType: 'user', fromState: 'csm', toState: 'admin' },
      });
      expect(audit.actor).toBe(admin.userId);
    });

    it('adds a person with a role, and says under the picker when they are already in', async () => {
      await h.command('people');
      const view = h.lastOpened();
      const res = await h.submitView(view, { [PEOPLE_FIELDS.user]: NEWCOMER, [PEOPLE_FIELDS.role]: 'ae' });
      expect(res.body.response_action).toBe('update');
      expect(textOf(res.body.view)).toContain(`Added ${NEWCOMER} as account executive.`);
      expect(await roles()).toMatchObject({ [NEWCOMER]: 'ae' });

      const twice = await h.submitView(view, { [PEOPLE_FIELDS.user]: COLLEAGUE, [PEOPLE_FIELDS.role]: 'viewer' });
      expect(twice.body).toEqual({
        response_action: 'errors',
        errors: { [PEOPLE_FIELDS.user]: expect.stringContaining('Cole League is already in Thread as CSM') },
      });
      expect(await roles()).toMatchObject({ [COLLEAGUE]: 'csm' });
    });

    it('shows someone who is not an admin the list read only, and the service refuses their role change', async () => {
      await h.command('people', { as: COLLEAGUE });
      const view = h.lastOpened();
      expect(textOf(view)).toContain('Only admins change roles');
      expect(view.blocks.filter((b) => b.accessory)).toEqual([]);
      expect(view.submit).toBeUndefined();
      expect(blocksOf(view).filter((b) => b.type === 'input')).toEqual([]);

      // A select from an admin's modal replayed by the CSM: setRole refuses it.
      const mine = await resolveSlackMember(h.ctx, { organizationId, slackUserId: CSM });
      await h.selectInView(
        view,
        ACTIONS.personRole,
        { text: 'Viewer', value: `viewer:${mine.userId}` },
        { as: COLLEAGUE },
      );
      expect(textOf(h.viewUpdates.at(-1))).toContain('only admins can change roles, and your role is CSM');
      expect(await roles()).toEqual({ [CSM]: 'admin', [COLLEAGUE]: 'csm' });
    });
  });
});
