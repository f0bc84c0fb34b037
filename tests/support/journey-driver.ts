/**
 * What a journey test drives Thread with, from the outside only: Thread started in-process through its public entry
 * with a configuration (and, when the journey spans weeks, a clock it holds), signed Slack requests into its real
 * receiver over HTTP, the fake Slack Web API recording what people see, a real SMTP capture, the admin CLI in its
 * own process, and the portal over HTTP. Nothing here reads or writes Thread's tables: on CI's PostgreSQL pass it
 * only creates the empty database Thread starts on, as a deployment would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startThread, type RunningThread } from '../../src/composition/start-thread';
import { silentLogger } from '../../src/lib/logger';
import { blocksOf, type FoundButton } from './block-kit';
import { createEmptyDatabase } from './postgres-databases';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_TEAM, FakeSlackApi, type RecordedCall } from './fake-slack-api';
import { runCli } from './run-thread';
import { eventCallback, interaction, slashCommand } from './slack-request';
import { viewState, type ViewValues } from './slack-view-state';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture';
import { waitFor } from './wait-for';

export const JOURNEY_PUBLIC_URL = 'http://thread.journey.test';
const SIGNING_SECRET = 'journey-signing-secret-0123456789';

export interface View {
  callback_id?: string;
  private_metadata?: string;
  blocks: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface JourneyOptions {
  /** A clock the journey moves; the wall clock when unset. */
  clock?: () => Date;
  /** Scheduler cadence (cron with seconds); every second by default, so the journey waits on ticks, never sleeps. */
  tickCron?: string;
  /** HubSpot for the one organisation, as HUBSPOT_ACCESS_TOKEN, HUBSPOT_CLIENT_SECRET and HUBSPOT_BASE_URL set it. */
  hubspot?: { accessToken: string; clientSecret: string; baseUrl: string };
  /**
   * Slack OAuth installs for many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) instead of
   * one bot token; the fake Slack plays Slack's side of each install.
   */
  oauth?: boolean;
}

export const JOURNEY_STATE_SECRET = 'journey-state-secret-0123456789';
/** The key Thread seals installations with: the CLI, in its own process, opens them with the same one. */
const JOURNEY_ENCRYPTION_KEY = 'c3'.repeat(32);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class JourneyDriver {
  readonly fake = new FakeSlackApi();
  smtp!: SmtpCapture;
  base = '';
  private dataDir = '';
  /** With TEST_DATABASE_URL, Thread runs on an empty PostgreSQL database of its own; PGlite in the data dir otherwise. */
  private database?: { url: string; drop(): Promise<void> };
  private thread?: RunningThread;
  private responses = 0;

  constructor(private readonly options: JourneyOptions = {}) {}

  async start(): Promise<void> {
    await this.fake.start();
    this.smtp = await startSmtpCapture();
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-journey-'));
    this.database = await createEmptyDatabase('thread_journey');
  }

  /** Starts Thread once the fake workspace has its people and channels. */
  async startThread(from = 'Thread <onboarding@acme-robotics.test>'): Promise<void> {
    this.thread = await startThread(
      {
        port: 0,
        publicUrl: JOURNEY_PUBLIC_URL,
        dataDir: this.dataDir,
        databaseUrl: this.database?.url,
        slack: this.options.oauth
          ? {
              oauth: { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: JOURNEY_STATE_SECRET },
              signingSecret: SIGNING_SECRET,
              apiUrl: this.fake.apiUrl,
            }
          : { botToken: 'xoxb-journey', signingSecret: SIGNING_SECRET, apiUrl: this.fake.apiUrl },
        ...(this.options.oauth ? { encryptionKey: JOURNEY_ENCRYPTION_KEY } : {}),
        smtp: { url: this.smtp.url, from },
        tickCron: this.options.tickCron ?? '* * * * * *',
        ...(this.options.hubspot ? { hubspot: this.options.hubspot } : {}),
        logLevel: 'silent',
      },
      silentLogger,
      { clock: this.options.clock },
    );
    this.base = `http://127.0.0.1:${this.thread.port}`;
  }

  async stop(): Promise<void> {
    await this.thread?.stop();
    await this.smtp?.close();
    await this.fake.stop();
    await this.database?.drop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The admin command line, in its own process, on Thread's data directory. */
  cli(args: string[]) {
    return runCli(args, {
      THREAD_DATA_DIR: this.dataDir,
      LOG_LEVEL: 'silent',
      ...(this.options.oauth ? { THREAD_ENCRYPTION_KEY: JOURNEY_ENCRYPTION_KEY } : {}),
      ...(this.database ? { DATABASE_URL: this.database.url } : {}),
    });
  }

  calls(method: string): RecordedCall[] {
    return this.fake.callsTo(method);
  }

  /** Waits for the call to `method` after `before` of them, and returns it. */
  next(method: string, before: number, description: string): Promise<RecordedCall> {
    return waitFor(() => this.calls(method)[before], { description });
  }

  async deliver(req: { headers: Record<string, string>; body: string }): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
    if (res.status !== 200) throw new Error(`Thread answered Slack with ${res.status}: ${await res.text()}`);
    const text = await res.text();
    if (this.fake.rejected.length) throw new Error(`Slack would reject: ${JSON.stringify(this.fake.rejected)}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  command(text: string, as: string, channel: string, teamId = FAKE_TEAM.id) {
    return this.deliver(
      slashCommand(
        {
          command: '/thread',
          text,
          user_id: as,
          user_name: 'someone',
          team_id: teamId,
          channel_id: channel,
          response_url: this.fake.responseUrl(`r${++this.responses}`),
          trigger_id: 'trigger.command',
          token: 'x',
        },
        { secret: SIGNING_SECRET },
      ),
    );
  }

  /** An Events API delivery (app_home_opened, …) from the fake workspace, or from `teamId`'s. */
  event(event: Record<string, unknown>, teamId = FAKE_TEAM.id) {
    return this.deliver(
      eventCallback(
        { type: 'event_callback', team_id: teamId, event_id: `Ev${++this.responses}`, event },
        { secret: SIGNING_SECRET },
      ),
    );
  }

  /** `/thread <text>` that opens a modal: the modal Slack was asked to open. */
  async commandOpening(text: string, as: string, channel: string, callbackId: string): Promise<View> {
    const before = this.calls('views.open').length;
    await this.command(text, as, channel);
    const opened = await this.next('views.open', before, `/thread ${text} to open a modal`);
    return this.asView(opened.args.view, callbackId);
  }

  asView(view: unknown, callbackId?: string): View {
    if (!isRecord(view)) throw new Error('no view');
    if (callbackId !== undefined && view.callback_id !== callbackId)
      throw new Error(`expected the ${callbackId} modal, got ${String(view.callback_id)}`);
    return { ...view, blocks: blocksOf(view) };
  }

  submitView(view: View, values: ViewValues, as: string) {
    return this.deliver(
      interaction(
        {
          type: 'view_submission',
          user: { id: as },
          team: { id: FAKE_TEAM.id },
          view: { ...view, id: 'V1', state: { values: viewState(view, values) } },
        },
        { secret: SIGNING_SECRET },
      ),
    );
  }

  /** A click on a button; `where` says where it was (a message in a channel, a modal, App Home). */
  click(target: FoundButton, as: string, where: Record<string, unknown>) {
    return this.deliver(
      interaction(
        {
          type: 'block_actions',
          user: { id: as },
          team: { id: FAKE_TEAM.id },
          trigger_id: 'trigger.click',
          response_url: this.fake.responseUrl(`r${++this.responses}`),
          ...where,
          actions: [{ action_id: target.actionId, value: target.value, type: 'button' }],
        },
        { secret: SIGNING_SECRET },
      ),
    );
  }

  /** A click on a button of a message Thread posted (found in the fake API's record). */
  clickInMessage(target: FoundButton, as: string, message: RecordedCall) {
    const channel = String(message.args.channel);
    const ts = String(message.args.ts ?? message.ts);
    return this.click(target, as, {
      container: { type: 'message', channel_id: channel, message_ts: ts },
      message: { ts, blocks: message.args.blocks },
      channel: { id: channel },
    });
  }

  /** A click on a button of a modal Thread opened or updated. */
  clickInView(target: FoundButton, as: string, view: View) {
    return this.click(target, as, {
      container: { type: 'view', view_id: 'V1' },
      view: { ...view, id: 'V1', state: { values: {} } },
    });
  }

  /** Fetches a path of Thread (the portal) over HTTP; a link Thread handed out is given with its public base. */
  fetch(urlOrPath: string, init?: RequestInit) {
    const url = urlOrPath.startsWith('/')
      ? `${this.base}${urlOrPath}`
      : urlOrPath.replace(JOURNEY_PUBLIC_URL, this.base);
    return fetch(url, init);
  }
}

/**
 * A customer in the portal, as their browser would be: it follows the magic link, keeps the portal's cookies, and
 * sends forms with the CSRF token the page carries (uploads as multipart).
 */
export class PortalVisitor {
  private cookies = new Map<string, string>();

  constructor(
    private readonly journey: JourneyDriver,
    /** The magic link from an email, as the customer received it. */
    readonly link: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }

  async get(url = this.link): Promise<{ status: number; html: string; url: string }> {
    const res = await this.journey.fetch(url, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keepCookies(res);
    const location = res.headers.get('location');
    if (res.status === 303 && location) return this.get(location);
    return { status: res.status, html: await res.text(), url };
  }

  /** The page of the request titled `title`, reached from the portal's home page as a person clicks through. */
  async openRequest(title: string): Promise<{ url: string; html: string; csrf: string; action: string }> {
    const home = await this.get();
    const items = home.html.split('<li class="request">').slice(1);
    const titles = items.map((i) => /<h3 class="request__title">([^<]*)<\/h3>/.exec(i)?.[1] ?? '?');
    const item = items[titles.indexOf(title)];
    if (!item) throw new Error(`the portal lists no request "${title}"; it lists: ${titles.join(' | ') || 'none'}`);
    const href = /href="([^"]+)"/.exec(item)?.[1];
    if (!href) throw new Error(`no link to "${title}"`);
    const page = await this.get(href);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
    const action = /<form[^>]* action="([^"]+)"/.exec(page.html)?.[1];
    if (!csrf || !action) throw new Error(`"${title}" shows no form to answer`);
    return { url: href, html: page.html, csrf, action };
  }

  /** Answers the form titled `title`; returns the page the portal shows after. */
  async fillIn(title: string, values: Record<string, string>) {
    const form = await this.openRequest(title);
    const res = await this.journey.fetch(form.action, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: form.csrf, ...values }).toString(),
      redirect: 'manual',
    });
    this.keepCookies(res);
    if (res.status !== 303) throw new Error(`the portal refused the form (${res.status}): ${await res.text()}`);
    return this.get(res.headers.get('location')!);
  }

  /** Uploads a file for the document request titled `title`, as a browser's multipart form. */
  async upload(title: string, file: { name: string; type: string; content: Buffer }) {
    const form = await this.openRequest(title);
    const body = new FormData();
    body.set('_csrf', form.csrf);
    body.set('file', new Blob([file.content], { type: file.type }), file.name);
    const res = await this.journey.fetch(form.action, {
      method: 'POST',
      headers: { cookie: this.cookieHeader() },
      body,
      redirect: 'manual',
    });
    this.keepCookies(res);
    if (res.status !== 303) throw new Error(`the portal refused the upload (${res.status}): ${await res.text()}`);
    return this.get(res.headers.get('location')!);
  }
}
