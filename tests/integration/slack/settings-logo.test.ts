import request from 'supertest';
import { composeThread } from '../../../src/composition/compose-thread';
import { loadConfig } from '../../../src/config';
import { createImageProbe } from '../../../src/connectors/web/image-probe';
import { createHttpApp } from '../../../src/http/app';
import { silentLogger } from '../../../src/lib/logger';
import { SETTINGS_FIELDS as F, VIEWS } from '../../../src/slack/ids';
import { textOf } from '../../support/block-kit';
import { headers, startFakeWebServer, type FakeWebServer } from '../../support/fake-web-server';
import { selfSignedCertificate } from '../../support/self-signed-certificate';
import { CSM, TEAM, useSlackHarness, type SeenView } from '../../support/slack-harness';
import { interaction, TEST_SIGNING_SECRET } from '../../support/slack-request';
import { valuesAsOpened, viewState } from '../../support/slack-view-state';

// The logo's web host: a real https server on 127.0.0.1 whose certificate the Settings modal's probe trusts.
const certificate = selfSignedCertificate();
let web: FakeWebServer;
beforeAll(async () => {
  web = await startFakeWebServer(certificate);
});
afterAll(async () => {
  await web.stop();
});

const h = useSlackHarness({}, { imageProbe: createImageProbe({ ca: certificate.cert }) });

beforeEach(() => {
  web.reset();
  web.answer('/logo.png', headers(200, { 'content-type': 'image/png', 'content-length': '4096' }));
  web.answer('/about', headers(200, { 'content-type': 'text/html; charset=utf-8' }));
});

async function openSettings(): Promise<SeenView> {
  await h.command('settings');
  const view = h.lastOpened();
  expect(view.callback_id).toBe(VIEWS.settings);
  return view;
}

/** The organisation's row as stored, every column, to show a refused save wrote nothing at all. */
const organizationRow = () => h.db.prisma.organization.findFirstOrThrow({ where: { slackTeamId: TEAM } });

describe('the logo in the Settings modal', () => {
  it('refuses a logo URL that answers with a web page, under the logo field, and changes nothing', async () => {
    const view = await openSettings();
    const before = await organizationRow();
    const res = await h.submitView(view, {
      ...valuesAsOpened(view),
      [F.name]: 'Renamed with the logo',
      [F.logoUrl]: `${web.origin}/about`,
    });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { [F.logoUrl]: 'The logo URL answers with text/html, not an image.' },
    });
    expect(await organizationRow()).toEqual(before);
    expect(web.requests).toEqual(['HEAD /about']);
  });

  it('says why a logo URL could not be loaded', async () => {
    const view = await openSettings();
    const before = await organizationRow();
    const res = await h.submitView(view, { ...valuesAsOpened(view), [F.logoUrl]: `${web.origin}/gone.png` });
    expect(res.body.errors).toEqual({
      [F.logoUrl]: 'Thread could not load the logo: it answered 404 Not Found.',
    });
    expect(await organizationRow()).toEqual(before);
  });

  it('saves a logo URL that answers with an image, and does not ask again when it is saved unchanged', async () => {
    const view = await openSettings();
    const logoUrl = `${web.origin}/logo.png`;
    const res = await h.submitView(view, { ...valuesAsOpened(view), [F.logoUrl]: logoUrl });
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain(`*Logo URL*: \`none\` → \`${logoUrl}\``);
    expect((await organizationRow()).logoUrl).toBe(logoUrl);
    expect(web.requests).toEqual(['HEAD /logo.png']);

    const again = await openSettings();
    const unchanged = await h.submitView(again, { ...valuesAsOpened(again), [F.brandColor]: '#1D4ED8' });
    expect(unchanged.body.response_action).toBe('update');
    expect(web.requests).toEqual(['HEAD /logo.png']);
  });

  it('is checked by the Slack app the composition root builds, with the real probe and its default trust', async () => {
    // Thread as the server composes it, on the same database and fake Slack: its probe does not trust the test
    // certificate, so the only way this refusal appears is the real connector asking the address.
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: h.fake.apiUrl,
      THREAD_DATA_DIR: '/nonexistent-thread-data',
      LOG_LEVEL: 'silent',
    });
    const thread = composeThread({ config, db: h.db, logger: silentLogger, takesSlackRequests: true });
    try {
      const view = await openSettings();
      const before = await organizationRow();
      const http = createHttpApp({
        logger: silentLogger,
        readiness: { checkDatabase: async () => {} },
        routers: [{ path: '/', router: thread.slack!.router! }],
      });
      const values = { ...valuesAsOpened(view), [F.logoUrl]: `${web.origin}/logo.png` };
      const submission = interaction({
        type: 'view_submission',
        user: { id: CSM },
        team: { id: TEAM },
        view: { ...view, id: 'V1', state: { values: viewState(view, values) } },
      });
      const res = await request(http).post('/slack/events').set(submission.headers).send(submission.body);
      expect(res.body).toEqual({
        response_action: 'errors',
        errors: {
          [F.logoUrl]: `Thread could not load the logo: the https certificate of ${new URL(web.origin).host} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).`,
        },
      });
      expect(await organizationRow()).toEqual(before);
    } finally {
      thread.close();
    }
  });
});
