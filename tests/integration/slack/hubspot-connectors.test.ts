/**
 * Settings → Connectors through signed Slack requests: an admin connects HubSpot with a private app token, sees the
 * status, runs Test and sets the rules; nobody else gets in, and the token never goes back to Slack.
 */
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { getHubSpotStatus } from '../../../src/services/hubspot/get-hubspot-status';
import { ACTIONS, HUBSPOT_FIELDS as F, VIEWS } from '../../../src/slack/ids';
import { buttonLabels, findButton, findInput, stringsIn, textOf } from '../../support/block-kit';
import { startFakeHubSpot, type FakeHubSpot } from '../../support/fake-hubspot';
import { hubspotDeps } from '../../support/hubspot-deps';
import { CSM, useSlackHarness, type SeenView } from '../../support/slack-harness';

const COLLEAGUE = 'UCOLL0001';
let hubspot: FakeHubSpot;
/** HUBSPOT_ACCESS_TOKEN as the process would have it; empty unless a test sets it. */
const environment: { accessToken?: string } = {};

describe('Settings → Connectors in Slack', () => {
  const h = useSlackHarness({}, { hubspot: () => hubspotDeps(hubspot, { environment }) });
  let organizationId: string;

  beforeAll(async () => {
    hubspot = await startFakeHubSpot({ portalId: 4_200_042 });
  });
  afterAll(() => hubspot.close());

  beforeEach(async () => {
    delete environment.accessToken;
    organizationId = (await getDefaultOrganization(h.ctx)).id;
    const admin = await resolveSlackMember(h.ctx, { organizationId, slackUserId: CSM });
    await addPerson(h.ctx, { organizationId, actor: admin, slackUserId: COLLEAGUE, role: 'csm', name: 'Cole League' });
  });

  /** `/thread settings`, then Connectors in the Settings modal: the Connectors modal goes on top of it. */
  async function openConnectors(): Promise<SeenView> {
    await h.command('settings');
    await h.pressInView(h.lastOpened(), 'Connectors');
    const view = h.pushed.at(-1)!;
    expect(view.callback_id).toBe(VIEWS.hubspotConnectors);
    return view;
  }

  const updateOf = (viewId: string) => {
    const call = h.fake
      .callsTo('views.update')
      .filter((c) => c.args.view_id === viewId)
      .at(-1);
    if (!call) throw new Error(`view ${viewId} was not updated`);
    return call.args.view as SeenView;
  };

  it('connects HubSpot with a pasted token: the modal checks it, then names the HubSpot account, and the token never returns to Slack', async () => {
    const connectors = await openConnectors();
    expect(textOf(connectors)).toContain(':white_circle: *Not connected.* No HubSpot token yet');
    expect(buttonLabels(connectors)).toEqual(['Connect', 'Rules']);
    expect(textOf(connectors)).toContain('target URL http://thread.test/webhooks/hubspot');

    await h.pressInView(connectors, 'Connect');
    const form = h.pushed.at(-1)!;
    expect(form.callback_id).toBe(VIEWS.hubspotConnect);
    const res = await h.submitView(
      { ...form, previous_view_id: 'V0' },
      { [F.accessToken]: hubspot.token, [F.clientSecret]: 'the-app-client-secret' },
    );
    expect(res.body).toMatchObject({ response_action: 'update' });
    expect(textOf(res.body.view)).toContain('Checking the token with HubSpot');

    expect(textOf(updateOf('V1'))).toContain(
      'Connected to HubSpot account 4200042. Webhooks are verified with the client secret.',
    );
    const below = updateOf('V0');
    expect(textOf(below)).toContain(':large_green_circle: *Connected* (token saved in Settings)');
    expect(textOf(below)).toContain('*HubSpot account (portal) id:* 4200042');
    expect(buttonLabels(below)).toEqual(['Test', 'Replace token', 'Rules']);

    for (const secret of [hubspot.token, 'the-app-client-secret'])
      expect(stringsIn(h.fake.calls)).not.toContain(secret);
    const status = await getHubSpotStatus(h.ctx, hubspotDeps(hubspot), { organizationId, actor: 'cli' });
    expect(status).toMatchObject({ connected: true, portalId: '4200042', webhooks: true });
  });

  it('shows the form again, empty, with HubSpot’s refusal when the token is wrong', async () => {
    const connectors = await openConnectors();
    await h.pressInView(connectors, 'Connect');
    await h.submitView(h.pushed.at(-1)!, { [F.accessToken]: 'pat-na1-not-a-real-one' });
    const again = updateOf('V1');
    expect(again.callback_id).toBe(VIEWS.hubspotConnect);
    expect(textOf(again)).toMatch(
      /:warning: Not connected: Some of that input is not valid: HubSpot refused the access token/,
    );
    expect(findInput(again, F.accessToken).element.initial).toBeUndefined();
    expect(stringsIn(h.fake.calls)).not.toContain('pat-na1-not-a-real-one');
  });

  it('Test says which HubSpot account the token reaches and where onboarding starts', async () => {
    environment.accessToken = hubspot.token;
    const connectors = await openConnectors();
    expect(textOf(connectors)).toContain('(token from HUBSPOT_ACCESS_TOKEN)');
    await h.pressInView(connectors, 'Test');
    const tested = updateOf('V1');
    expect(textOf(tested)).toContain(
      ':white_check_mark: Connected to HubSpot account 4200042 (Europe/London): 1 deal pipeline. Onboarding starts at Sales Pipeline: Closed Won.',
    );
    expect(textOf(tested)).toContain('*HubSpot account (portal) id:* 4200042');
  });

  it('Test shows a failure in words, and it stays as the last error', async () => {
    environment.accessToken = hubspot.token;
    const connectors = await openConnectors();
    hubspot.failNext({ status: 429, policy: 'DAILY' });
    await h.pressInView(connectors, 'Test');
    const tested = textOf(updateOf('V1'));
    expect(tested).toContain(
      ":warning: HubSpot's rate limit was still reached after retrying while reading the HubSpot account details",
    );
    expect(tested).toMatch(/\*Last error\* \(test, <!date\^\d+\^[^>]+>\): HubSpot's rate limit was still reached/);
  });

  it('opens from the admin part of App Home', async () => {
    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home' });
    const home = h.published.at(-1)!.view;
    await h.click(findButton(home.blocks, 'Connectors'), {
      container: { type: 'view', view_id: 'VHOME' },
      withoutResponseUrl: true,
    });
    expect(h.lastOpened().callback_id).toBe(VIEWS.hubspotConnectors);
  });

  it('is refused to anyone but an admin, naming the role', async () => {
    await h.click(
      { actionId: ACTIONS.hubspotOpenConnectors, value: 'home' },
      { as: COLLEAGUE, container: { type: 'view', view_id: 'VHOME' }, withoutResponseUrl: true },
    );
    expect(textOf(h.lastOpened())).toContain(
      'You are not allowed to do that: only admins can see the connectors, and your role is CSM.',
    );
  });

  describe('the rules', () => {
    async function openRules(): Promise<SeenView> {
      environment.accessToken = hubspot.token;
      await h.seed();
      const connectors = await openConnectors();
      await h.pressInView(connectors, 'Rules');
      expect(textOf(h.pushed.at(-1))).toContain('Reading the deal pipelines from HubSpot');
      const form = updateOf('V1');
      expect(form.callback_id).toBe(VIEWS.hubspotRules);
      return form;
    }

    it('offers each pipeline’s stages, the CSMs and the templates, and saves the choice', async () => {
      const form = await openRules();
      expect(findInput(form, `${F.stagesPrefix}0`).element.options.map((o) => o.value)).toEqual([
        'appointmentscheduled',
        'qualifiedtobuy',
        'contractsent',
        'closedwon',
        'closedlost',
      ]);
      const csm = findInput(form, F.csmFixed).element.options.find((o) => o.text.startsWith('Casey Morgan'));
      if (!csm) throw new Error('the CSM is not offered');
      const res = await h.submitView(
        { ...form, previous_view_id: 'V0' },
        {
          [`${F.stagesPrefix}0`]: 'contractsent,closedwon',
          [`${F.templatePipelinePrefix}0`]: 'B2B SaaS onboarding',
          [F.csmRule]: 'fixed',
          [F.csmFixed]: csm.value,
          [F.arrProperty]: 'amount',
        },
      );
      expect(res.body.response_action).toBe('update');
      expect(textOf(res.body.view)).toContain(
        'Starts onboarding: pipeline default at contractsent or closedwon; other pipelines at their closed-won stages.',
      );
      expect(textOf(res.body.view)).toContain('CSM: always Casey Morgan.');
      expect(textOf(updateOf('V0'))).toContain('Template: pipeline default → "B2B SaaS onboarding"');
    });

    it('refuses an owner line naming nobody in Thread, under its field', async () => {
      const form = await openRules();
      const res = await h.submitView(form, {
        [F.csmRule]: 'by_owner',
        [F.csmOwners]: 'ae@vendor.test = nobody@vendor.test',
        [F.arrProperty]: 'amount',
      });
      expect(res.body).toEqual({
        response_action: 'errors',
        errors: { [F.csmOwners]: 'No CSM in Thread has the email nobody@vendor.test.' },
      });
    });
  });
});
