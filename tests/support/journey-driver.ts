/**
 * What a journey test drives Thread with, from the outside only: Thread started in-process through its public entry
 * with a configuration (and, when the journey spans weeks, a clock it holds), signed Slack requests into its real
 * receiver over HTTP, the fake Slack Web API recording what people see, a real SMTP capture, the admin CLI in its
 * own process, and the portal over HTTP. Nothing here reads or writes the database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startThread, type RunningThread } from '../../src/composition/start-thread';
import { silentLogger } from '../../src/lib/logger';
import { blocksOf, type FoundButton } from './block-kit';
import { FAKE_TEAM, FakeSlackApi, type RecordedCall } from './fake-slack-api';
import { runCli } from './run-thread';
import { interaction, slashCommand } from './slack-request';
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
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class JourneyDriver {
  readonly fake = new FakeSlackApi();
  smtp!: SmtpCapture;
  base = '';
  private dataDir = '';
  private thread?: RunningThread;
  private responses = 0;

  constructor(private readonly options: JourneyOptions = {}) {}

  async start(): Promise<void> {
    await this.fake.start();
    this.smtp = await startSmtpCapture();
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-journey-'));
  }

  /** Starts Thread once the fake workspace has its people and channels. */
  async startThread(from = 'Thread <onboarding@acme-robotics.test>'): Promise<void> {
    this.thread = await startThread(
      {
        port: 0,
        publicUrl: JOURNEY_PUBLIC_URL,
        dataDir: this.dataDir,
        slack: { botToken: 'xoxb-journey', signingSecret: SIGNING_SECRET, apiUrl: this.fake.apiUrl },
        smtp: { url: this.smtp.url, from },
        tickCron: this.options.tickCron ?? '* * * * * *',
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
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The admin command line, in its own process, on Thread's data directory. */
  cli(args: string[]) {
    return runCli(args, { THREAD_DATA_DIR: this.dataDir, LOG_LEVEL: 'silent' });
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

  command(text: string, as: string, channel: string) {
    return this.deliver(
      slashCommand(
        {
          command: '/thread',
          text,
          user_id: as,
          user_name: 'someone',
          team_id: FAKE_TEAM.id,
          channel_id: channel,
          response_url: this.fake.responseUrl(`r${++this.responses}`),
          trigger_id: 'trigger.command',
          token: 'x',
        },
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
    return fetch(urlOrPath.replace(JOURNEY_PUBLIC_URL, this.base), init);
  }
}
