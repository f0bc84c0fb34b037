/**
 * Webhook-to-DM latency: a deal reaches closed won in HubSpot, HubSpot POSTs a signed (v3) delivery to Thread's
 * `POST /webhooks/hubspot`, and the deal's AE is asked for the handoff by DM. Timed from the POST to the moment the
 * "Fill in the handoff" DM reaches the Slack Web API, per deal, with a few deals in flight at once (each worker sends
 * its next deal once its DM has arrived). Thread runs as in production: started by startThread from an environment
 * read by loadConfig, on a database of its own that it migrates itself, the real HubSpot SDK (with its per-account
 * rate limiter) against a stand-in HubSpot and the real Slack client against a stand-in Web API, both on 127.0.0.1,
 * its scheduler on the default cadence. Set up as a team would: the admin's first Slack request, then the
 * services behind Settings, People and `thread templates import`. Nothing is written to Thread's tables here.
 *
 * Baseline, in the same run with the same delivery bodies and concurrency: a bare Express app whose one handler
 * verifies the v3 signature on the raw body (HMAC-SHA256, constant-time compare, the five-minute timestamp check) and
 * answers 200. Thread's acknowledgement (POST → 200) is reported against the same baseline. Rounds alternate Thread
 * and the bare app; Thread's work for a round (down to the CSM's note that the AE was asked) is drained before the
 * bare app's turn.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client';
import express from 'express';
import { loadConfig } from '../src/config';
import { startThread, type RunningThread } from '../src/composition/start-thread';
import { silentLogger } from '../src/lib/logger';
import type { ServiceContext } from '../src/services/context';
import { updateSettings } from '../src/services/organizations/update-settings';
import { addPerson } from '../src/services/people/add-person';
import { importTemplate } from '../src/services/templates/import-template';
import { readTemplateFile } from '../src/services/templates/read-template-file';
import { startBenchHubSpot, type BenchHubSpot } from './lib/fake-hubspot';
import { startFakeSlackWebApi, type FakeSlackWebApi, type PostedMessage } from './lib/fake-slack-web-api';
import { createFreshPostgresDatabase, type FreshDatabase } from './lib/fresh-postgres-database';
import type { BenchRow } from './lib/report';
import { ms, percentiles } from './lib/stats';

const PUBLIC_URL = 'http://thread.bench.test';
const WEBHOOK_PATH = '/webhooks/hubspot';
/** What HubSpot signs: the URL it called, which is Thread's public one. */
const WEBHOOK_URI = `${PUBLIC_URL}${WEBHOOK_PATH}`;
const SLACK_SECRET = 'bench-signing-secret-0123456789abcdef';
const CLIENT_SECRET = 'bench-hubspot-client-secret-0123456789';
const PORTAL_ID = 8_800_088;
const MAX_SKEW_MS = 5 * 60_000;
/** Longest wait for one deal's DM (or a round's drain) before the bench gives up and says which deal. */
const DM_TIMEOUT_MS = 180_000;

const TEAM = { id: 'TBENCH001', name: 'Bench Robotics', domain: 'bench-robotics' };
const ADMIN = { id: 'UADMIN001', name: 'Avery Admin', email: 'avery@bench-robotics.test', title: 'Head of CS' };
const CSM = { id: 'UCSM00002', name: 'Jordan Reyes', email: 'jordan.reyes@bench-robotics.test', title: 'CSM' };
const AE = { id: 'UAE000003', name: 'Alex Seller', email: 'alex.seller@bench-robotics.test', title: 'AE' };
const CSM_CHANNEL = { id: 'CCSMTEAM1', name: 'csm-team' };
const AE_OWNER_ID = '77';

export interface HubSpotBenchOptions {
  /** Deals measured, each its own webhook delivery and its own account. */
  deals: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Thread's database: embedded PGlite in a temporary data directory, or a fresh database on this PostgreSQL server. */
  database: { kind: 'pglite' } | { kind: 'postgresql'; serverUrl: string };
  /** Rounds the deals are split into, alternating Thread and the bare app (default 4). */
  rounds?: number;
}

interface Signed {
  body: string;
  headers: Record<string, string>;
}

/** HubSpot's signature v3: base64 HMAC-SHA256 of method + URI + body + timestamp (ms), keyed with the client secret. */
function signV3(body: string, timestamp: string): string {
  return createHmac('sha256', CLIENT_SECRET).update(`POST${WEBHOOK_URI}${body}${timestamp}`).digest('base64');
}

/** Signed as HubSpot signs a delivery, at the moment it is sent. */
function signDelivery(body: string): Signed {
  const timestamp = String(Date.now());
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-hubspot-request-timestamp': timestamp,
      'x-hubspot-signature-v3': signV3(body, timestamp),
    },
  };
}

let nextEventId = 5_000_000;

/** The delivery HubSpot sends when a deal's stage becomes closed won, with the fields HubSpot puts in it. */
function closedWonDelivery(dealId: string): string {
  return JSON.stringify([
    {
      eventId: nextEventId++,
      subscriptionId: 2_345_678,
      portalId: PORTAL_ID,
      appId: 1_234_567,
      occurredAt: Date.now(),
      subscriptionType: 'deal.propertyChange',
      attemptNumber: 0,
      objectId: Number(dealId),
      propertyName: 'dealstage',
      propertyValue: 'closedwon',
      changeSource: 'CRM_UI',
      sourceId: 'userId:12345',
    },
  ]);
}

function signSlack(body: string): Signed {
  const ts = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    },
  };
}

/** One POST; its status and the milliseconds until the whole answer arrived. */
function post(agent: http.Agent, port: number, pathname: string, req: Signed): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const r = http.request(
      { agent, host: '127.0.0.1', port, path: pathname, method: 'POST', headers: req.headers },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * The baseline: what any HubSpot webhook endpoint must do at least, on the same Express, with nothing behind it.
 * Written here from HubSpot's description, independently of Thread's verifier.
 */
function bareWebhookApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const timestamp = req.get('x-hubspot-request-timestamp') ?? '';
    const given = Buffer.from(req.get('x-hubspot-signature-v3') ?? '', 'utf8');
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const expected = Buffer.from(signV3(body, timestamp), 'utf8');
    const fresh = /^\d{1,15}$/.test(timestamp) && Math.abs(Date.now() - Number(timestamp)) <= MAX_SKEW_MS;
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    res.sendStatus(fresh && same ? 200 : 401);
  });
  return app;
}

function listen(app: express.Express): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.once('error', reject);
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() - started > DM_TIMEOUT_MS) throw new Error(`bench: hubspot: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What Slack was asked to post, by account name: the AE's DM and the CSM's note that the AE was asked. */
class SlackInbox {
  private readonly dms = new Map<string, bigint>();
  private readonly notes = new Map<string, string>();
  private readonly waiting = new Map<string, (at: bigint) => void>();

  readonly onPost = (m: PostedMessage): void => {
    const asked = /^Please fill in the handoff for (.+)$/.exec(m.text);
    if (m.channel === AE.id && asked && m.blocks.includes('Fill in the handoff')) {
      const name = asked[1]!;
      if (!this.dms.has(name)) this.dms.set(name, m.at);
      this.waiting.get(name)?.(m.at);
      this.waiting.delete(name);
      return;
    }
    const note = /^Handoff of (.+?): the AE/.exec(m.text);
    if (m.channel === CSM.id && note) this.notes.set(note[1]!, `${m.text} ${m.blocks}`);
  };

  /** When the DM for `name` reached Slack. */
  dm(name: string): Promise<bigint> {
    const seen = this.dms.get(name);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(name);
        const note = this.notes.get(name);
        reject(
          new Error(
            `bench: hubspot: no handoff DM for ${name} within ${DM_TIMEOUT_MS / 1000} s; ${note ? `the CSM was told: ${note}` : 'the CSM was told nothing either'}`,
          ),
        );
      }, DM_TIMEOUT_MS);
      this.waiting.set(name, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  noted(name: string): boolean {
    return this.notes.has(name);
  }
}

/** The team as the closed-won journey leaves it before the first deal: an admin, a CSM, the CSM channel, the plan. */
async function setUpTeam(thread: RunningThread, slack: FakeSlackWebApi): Promise<void> {
  // The admin's first request makes the organisation, with them as its admin.
  const agent = new http.Agent({ keepAlive: false });
  const first = new URLSearchParams({
    command: '/thread',
    text: 'help',
    user_id: ADMIN.id,
    user_name: 'avery',
    team_id: TEAM.id,
    channel_id: CSM_CHANNEL.id,
    response_url: slack.responseUrl('first'),
    trigger_id: 'trigger.first',
    token: 'x',
  }).toString();
  const answer = await post(agent, thread.port, '/slack/events', signSlack(first));
  agent.destroy();
  if (answer.status !== 200)
    throw new Error(`bench: hubspot: Thread answered the admin's first command ${answer.status}`);

  const ctx: ServiceContext = { prisma: thread.db.prisma, now: () => new Date(), logger: silentLogger };
  // Read, never written: Thread makes the organisation and its admin while it answers that command.
  const admin = await until(
    async () =>
      (await thread.db.prisma.user.findFirst({
        where: { slackUserId: ADMIN.id, role: 'admin' },
        select: { id: true, organizationId: true },
      })) ?? undefined,
    'the admin’s first command to make the organisation',
  );
  const actor = { userId: admin.id };
  const organizationId = admin.organizationId;
  await updateSettings(ctx, { organizationId, actor, settings: { defaultCsmChannelId: CSM_CHANNEL.id } });
  await addPerson(ctx, { organizationId, actor, slackUserId: CSM.id, role: 'csm', name: CSM.name });
  const spec = await readTemplateFile(path.resolve(__dirname, '../templates/b2b-saas-onboarding.yaml'));
  await importTemplate(ctx, { organizationId, spec, actor: 'cli' });
}

interface Deal {
  name: string;
  body: string;
}

export async function benchHubSpot(options: HubSpotBenchOptions): Promise<BenchRow[]> {
  const concurrency = Math.max(1, options.concurrency);
  // No round smaller than the concurrency: each keeps `concurrency` deliveries in flight.
  const rounds = Math.max(1, Math.min(options.rounds ?? 4, Math.floor(options.deals / concurrency)));
  const databaseLabel = options.database.kind === 'pglite' ? 'pglite' : 'postgresql';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-bench-hubspot-'));
  let database: FreshDatabase | undefined;
  let hubspot: BenchHubSpot | undefined;
  let slack: FakeSlackWebApi | undefined;
  let thread: RunningThread | undefined;
  let bare: http.Server | undefined;
  const threadAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    if (options.database.kind === 'postgresql')
      database = await createFreshPostgresDatabase(options.database.serverUrl, 'thread_bench_hubspot');
    const inbox = new SlackInbox();
    hubspot = await startBenchHubSpot({ token: 'pat-na1-bench', portalId: PORTAL_ID });
    slack = await startFakeSlackWebApi({
      team: TEAM,
      users: [ADMIN, CSM, AE],
      channels: [CSM_CHANNEL],
      onPost: inbox.onPost,
    });
    const config = loadConfig({
      PORT: '0',
      PUBLIC_URL,
      THREAD_DATA_DIR: dataDir,
      ...(database ? { DATABASE_URL: database.url } : {}),
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
      HUBSPOT_ACCESS_TOKEN: hubspot.token,
      HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
      HUBSPOT_BASE_URL: hubspot.url,
      LOG_LEVEL: 'silent',
    });
    thread = await startThread(config, silentLogger);
    await setUpTeam(thread, slack);
    bare = await listen(bareWebhookApp());
    const threadPort = thread.port;
    const barePort = (bare.address() as AddressInfo).port;
    const hs = hubspot;

    let made = 0;
    /** A new deal closes in HubSpot just before HubSpot tells Thread, as in life (so the poll cannot beat it). */
    const closeDeal = (): Deal => {
      made += 1;
      const name = `Benchco ${String(made).padStart(5, '0')}`;
      const { dealId } = hs.addClosedWonDeal({
        company: name,
        domain: `benchco-${made}.test`,
        ownerId: AE_OWNER_ID,
        ownerEmail: AE.email,
        amount: String(20_000 + made),
      });
      return { name, body: closedWonDelivery(dealId) };
    };

    /** `count` new deals through Thread, `concurrency` at a time, each worker waiting for its deal's DM. */
    const throughThread = async (count: number) => {
      const deals: Deal[] = [];
      const dmMs: number[] = [];
      const ackMs: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next += 1;
          const deal = closeDeal();
          deals.push(deal);
          const dm = inbox.dm(deal.name);
          const signed = signDelivery(deal.body);
          const start = process.hrtime.bigint();
          const answer = await post(threadAgent, threadPort, WEBHOOK_PATH, signed);
          if (answer.status !== 200)
            throw new Error(`bench: hubspot: Thread answered a signed delivery with ${answer.status}`);
          ackMs.push(answer.ms);
          dmMs.push(Number((await dm) - start) / 1e6);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
      // Thread's work on these deals ends with the CSM's note that the AE was asked: let it finish first.
      await until(() => (deals.every((d) => inbox.noted(d.name)) ? true : undefined), 'the CSM’s notes of the round');
      return { deals, dmMs, ackMs };
    };

    /** The same bodies to the bare app, signed afresh, `concurrency` at a time. */
    const throughBare = async (deals: Deal[]) => {
      const out: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < deals.length) {
          const answer = await post(bareAgent, barePort, WEBHOOK_PATH, signDelivery(deals[next++]!.body));
          if (answer.status !== 200)
            throw new Error(`bench: hubspot: the bare handler answered a signed delivery with ${answer.status}`);
          out.push(answer.ms);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, deals.length) }, worker));
      return out;
    };

    // Warm both outside the measurement: JIT, pools, Thread's first HubSpot session (the account id, the pipeline).
    console.error(`bench: ${databaseLabel}: hubspot: warming up with ${concurrency} deals…`);
    const warm = await throughThread(concurrency);
    await throughBare(warm.deals);

    const dmMs: number[] = [];
    const ackMs: number[] = [];
    const bareMs: number[] = [];
    const callsBefore = hs.calls();
    const perRound = Math.ceil(options.deals / rounds);
    const started = Date.now();
    for (let r = 0; r < rounds; r++) {
      const count = Math.min(perRound, options.deals - r * perRound);
      if (count <= 0) break;
      const round = await throughThread(count);
      dmMs.push(...round.dmMs);
      ackMs.push(...round.ackMs);
      bareMs.push(...(await throughBare(round.deals)));
      console.error(
        `bench: ${databaseLabel}: hubspot: round ${r + 1}/${rounds}: ${dmMs.length}/${options.deals} deals, ` +
          `DM p50 so far ${ms(percentiles(dmMs).p50)}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const hubspotCalls = hs.calls() - callsBefore;

    const dm = percentiles(dmMs);
    const ack = percentiles(ackMs);
    const base = percentiles(bareMs);
    const label = `${options.deals.toLocaleString('en-US')} closed-won deals, ${concurrency} concurrent`;
    const data = {
      deals: options.deals,
      concurrency,
      rounds,
      dm,
      ack,
      bareVerify: base,
      // Every call to the stand-in HubSpot in the measured rounds (the write-back's and the poll's too), per deal.
      hubspotCallsPerDeal: hubspotCalls / Math.max(1, dmMs.length),
      // The SDK starts one call per account at most this often (Thread keeps its default limiter): a deal's calls
      // are made one after another, so this times the calls per deal is a floor under the DM latency.
      hubspotSdkMinTimeMs: DEFAULT_LIMITER_OPTIONS.minTime,
    };
    const row = (name: string, metric: 'p50' | 'p99', subject: number, baseline: number): BenchRow => ({
      suite: 'hubspot',
      case: `${name}, ${label}`,
      database: thread!.db.kind,
      metric,
      value: ms(subject),
      baseline: ms(baseline),
      ratio: subject / baseline,
    });
    return [
      { ...row('webhook → AE’s handoff DM', 'p50', dm.p50, base.p50), data },
      row('webhook → AE’s handoff DM', 'p99', dm.p99, base.p99),
      row('webhook acknowledged (POST → 200)', 'p50', ack.p50, base.p50),
      row('webhook acknowledged (POST → 200)', 'p99', ack.p99, base.p99),
    ];
  } finally {
    threadAgent.destroy();
    bareAgent.destroy();
    if (bare) await close(bare);
    await thread?.stop();
    await slack?.close();
    await hubspot?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
