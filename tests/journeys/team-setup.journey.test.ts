/**
 * Issue 10's "Done when", played as a new team would, from an empty database with Slack on, through public
 * surfaces only: Thread started in-process through its public entry with a configuration, signed Slack requests
 * into its real receiver over HTTP, the fake Slack Web API for the workspace, a real SMTP capture, the admin CLI,
 * and the portal over HTTP. Nothing here reads or writes the database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startThread, type RunningThread } from '../../src/composition/start-thread';
import { silentLogger } from '../../src/lib/logger';
import { NEW_ACCOUNT_FIELDS as N, PEOPLE_FIELDS as P, SETTINGS_FIELDS as S, VIEWS } from '../../src/slack/ids';
import { blocksOf, findButton, textOf, type FoundButton } from '../support/block-kit';
import { FAKE_TEAM, FakeSlackApi, type RecordedCall } from '../support/fake-slack-api';
import { runCli } from '../support/run-thread';
import { interaction, slashCommand, type SignedRequest } from '../support/slack-request';
import { valuesAsOpened, viewState, type ViewValues } from '../support/slack-view-state';
import { header, startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import { waitFor } from '../support/wait-for';

const ADMIN = { id: 'UADMIN001', name: 'Avery Admin', email: 'avery@acme-robotics.test', title: 'Head of CS' };
const COLLEAGUE = { id: 'UCSM00002', name: 'Jordan Reyes', email: 'jordan.reyes@acme-robotics.test', title: 'CSM' };
const CSM_TEAM_CHANNEL = { id: 'CCSMTEAM', name: 'csm-team', isMember: true };
const CUSTOMER_CHANNEL = { id: 'CGLOBEX', name: 'ext-globex', isMember: true, isShared: true };
const ORG_NAME = 'Acme Robotics Customer Success';
const BRAND = '#1d4ed8';
const SIGNING_SECRET = 'journey-signing-secret-0123456789';

interface View {
  callback_id?: string;
  private_metadata?: string;
  blocks: Record<string, unknown>[];
  [key: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A weekday at least three days ago, as YYYY-MM-DD: a kickoff that has happened, so its first milestone has begun. */
function pastWeekday(): string {
  const day = new Date(Date.now() - 3 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The text body of a captured email, quoted-printable soft breaks undone. */
function bodyOf(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  return body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

describe('a team sets Thread up from Slack and welcomes its first customer (issue 10, Done when)', () => {
  const fake = new FakeSlackApi();
  let smtp: SmtpCapture;
  let dataDir: string;
  let thread: RunningThread;
  let base: string;
  let responses = 0;

  beforeAll(async () => {
    await fake.start();
    smtp = await startSmtpCapture();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-journey-'));
    fake.addUser({ ...ADMIN });
    fake.addUser({ ...COLLEAGUE });
    fake.addChannel({ ...CSM_TEAM_CHANNEL });
    fake.addChannel({ ...CUSTOMER_CHANNEL });
    thread = await startThread(
      {
        port: 0,
        publicUrl: 'http://thread.journey.test',
        dataDir,
        slack: { botToken: 'xoxb-journey', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
        smtp: { url: smtp.url, from: 'Thread <onboarding@acme-robotics.test>' },
        // The scheduler's own clock ticks every second; the journey waits for what a tick does, never sleeps.
        tickCron: '* * * * * *',
        logLevel: 'silent',
      },
      silentLogger,
    );
    base = `http://127.0.0.1:${thread.port}`;
  }, 60_000);

  afterAll(async () => {
    await thread?.stop();
    await smtp?.close();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const cli = (args: string[]) => runCli(args, { THREAD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

  async function deliver(req: SignedRequest): Promise<Record<string, unknown>> {
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
    expect(res.status).toBe(200);
    const text = await res.text();
    if (fake.rejected.length) throw new Error(`Slack would reject: ${JSON.stringify(fake.rejected)}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  const sign = { secret: SIGNING_SECRET };
  const calls = (method: string): RecordedCall[] => fake.callsTo(method);

  /** Waits for the next call to `method` after `before` of them, and returns it. */
  async function next(method: string, before: number, description: string): Promise<RecordedCall> {
    return waitFor(() => calls(method)[before], { description });
  }

  async function command(text: string, as: string, channel = CSM_TEAM_CHANNEL.id) {
    return deliver(
      slashCommand(
        {
          command: '/thread',
          text,
          user_id: as,
          user_name: 'someone',
          team_id: FAKE_TEAM.id,
          channel_id: channel,
          response_url: fake.responseUrl(`r${++responses}`),
          trigger_id: 'trigger.command',
          token: 'x',
        },
        sign,
      ),
    );
  }

  /** `/thread <text>` that opens a modal: the modal Slack was asked to open. */
  async function commandOpening(text: string, as: string, callbackId: string): Promise<View> {
    const before = calls('views.open').length;
    await command(text, as);
    const opened = await next('views.open', before, `/thread ${text} to open a modal`);
    const view = opened.args.view;
    if (!isRecord(view)) throw new Error('no view opened');
    expect(view.callback_id).toBe(callbackId);
    return { ...view, blocks: blocksOf(view) };
  }

  function submitView(view: View, values: ViewValues, as: string) {
    return deliver(
      interaction(
        {
          type: 'view_submission',
          user: { id: as },
          team: { id: FAKE_TEAM.id },
          view: { ...view, id: 'V1', state: { values: viewState(view, values) } },
        },
        sign,
      ),
    );
  }

  function click(target: FoundButton, as: string, where: Record<string, unknown>) {
    return deliver(
      interaction(
        {
          type: 'block_actions',
          user: { id: as },
          team: { id: FAKE_TEAM.id },
          trigger_id: 'trigger.click',
          response_url: fake.responseUrl(`r${++responses}`),
          ...where,
          actions: [{ action_id: target.actionId, value: target.value, type: 'button' }],
        },
        sign,
      ),
    );
  }

  it('the first person becomes admin, names the organisation, brands it, makes a colleague a CSM; the colleague onboards a customer whose welcome email and portal carry all of it', async () => {
    // 1. The first person to use /thread in the workspace is its admin: Settings opens for them.
    const settings = await commandOpening('settings', ADMIN.id, VIEWS.settings);
    const saved = await submitView(
      settings,
      {
        ...valuesAsOpened(settings),
        [S.name]: ORG_NAME,
        [S.brandColor]: BRAND,
        [S.defaultCsmChannelId]: CSM_TEAM_CHANNEL.id,
      },
      ADMIN.id,
    );
    expect(saved.response_action).toBe('update');
    const shown = textOf(saved.view);
    expect(shown).toContain(ORG_NAME);
    expect(shown).toContain(`\`${BRAND}\``);
    expect(shown).toContain(`*Default CSM channel*: \`none\` → <#${CSM_TEAM_CHANNEL.id}>`);

    // The admin adds the colleague as a CSM in People.
    const people = await commandOpening('people', ADMIN.id, VIEWS.people);
    const added = await submitView(people, { [P.user]: COLLEAGUE.id, [P.role]: 'csm' }, ADMIN.id);
    expect(added.response_action).toBe('update');
    expect(textOf(added.view)).toContain(`Added ${COLLEAGUE.name} as CSM.`);

    // The operator's twin confirms it, and loads the shipped onboarding plan.
    const listed = await cli(['people', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${ADMIN.name}.*admin`));
    expect(listed.stdout).toMatch(new RegExp(`${COLLEAGUE.name}.*csm`));
    const org = await cli(['org', 'show']);
    expect(org.stdout).toContain(ORG_NAME);
    expect(org.stdout).toContain(BRAND);
    const imported = await cli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('B2B SaaS onboarding');

    // 2. The colleague creates an account with a customer channel and two contacts.
    const form = await commandOpening('new', COLLEAGUE.id, VIEWS.newAccount);
    const created = await submitView(
      form,
      {
        ...valuesAsOpened(form),
        [N.name]: 'Globex',
        [N.template]: 'B2B SaaS onboarding',
        [N.csm]: COLLEAGUE.id,
        [N.contactName]: 'Hank Scorpio',
        [N.contactEmail]: 'hank@globex.test',
        [N.secondContactName]: 'Mindy Simmons',
        [N.secondContactEmail]: 'mindy@globex.test',
        [N.secondContactRole]: 'technical',
        [N.customerChannel]: CUSTOMER_CHANNEL.id,
        [N.kickoff]: pastWeekday(),
      },
      COLLEAGUE.id,
    );
    expect(created).toEqual({});
    const summary = await waitFor(
      () => calls('chat.postMessage').find((c) => textOf(c.args.blocks).includes('Created *Globex*')),
      { description: 'the colleague to be told the account was created' },
    );
    expect(summary.args.channel).toBe(COLLEAGUE.id);
    expect(textOf(summary.args.blocks)).toContain('Mindy Simmons');
    expect(textOf(summary.args.blocks)).toContain(`Customer channel: <#${CUSTOMER_CHANNEL.id}>`);

    // 3. The scheduler's tick makes the welcome email ready: its review card goes to the default CSM channel.
    const card = await waitFor(
      () =>
        [...calls('chat.postMessage'), ...calls('chat.update')]
          .reverse()
          .find(
            (c) =>
              c.args.channel === CSM_TEAM_CHANNEL.id &&
              textOf(c.args.blocks).includes('Welcome email') &&
              textOf(c.args.blocks).includes('Execute'),
          ),
      { description: 'the welcome email’s review card in the CSM channel', timeoutMs: 20_000 },
    );
    const ts = String(card.args.ts ?? card.ts);
    await click(findButton(card.args.blocks, 'Execute'), COLLEAGUE.id, {
      container: { type: 'message', channel_id: CSM_TEAM_CHANNEL.id, message_ts: ts },
      message: { ts, blocks: card.args.blocks },
      channel: { id: CSM_TEAM_CHANNEL.id },
    });
    const email = await waitFor(() => smtp.messages[0], { description: 'the welcome email to be sent' });
    expect(email.to).toEqual(['hank@globex.test']);
    expect(header(email.raw, 'From')).toBe(`${COLLEAGUE.name} <onboarding@acme-robotics.test>`);
    expect(header(email.raw, 'Reply-To')).toBe(COLLEAGUE.email);

    // 4. The portal, from the email's link, shows the organisation's name, colour and the CSM's card.
    const link = /http:\/\/thread\.journey\.test\/portal\/[^\s"<>]+/.exec(bodyOf(email.raw))?.[0];
    if (!link) throw new Error(`no portal link in the welcome email:\n${bodyOf(email.raw)}`);
    const res = await fetch(link.replace('http://thread.journey.test', base));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(ORG_NAME);
    expect(page.toLowerCase()).toContain(BRAND);
    expect(page).toContain(COLLEAGUE.name);
    expect(page).toContain(COLLEAGUE.email);
  }, 120_000);
});
