/**
 * Slack acknowledgement latency: signed `/thread accounts` commands and Execute clicks sent concurrently into
 * Thread's real receiver (Express + Bolt, on the database the foundation bench filled), beside a bare Bolt app that
 * only acknowledges the same signed requests. Each batch runs alone: Thread's work after the acknowledgement
 * (the query, the reply to the response URL) is drained before the bare app's batch starts, and the two alternate
 * in rounds so noise from the shared machine falls on both. The ratio is the figure to read.
 */
import { createHmac } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';
import type { Database } from '../src/db/client';
import { reviewWorkflows } from '../src/composition/execution-ports';
import { createHttpApp } from '../src/http/app';
import { silentLogger } from '../src/lib/logger';
import { createChangeFeed } from '../src/services/change-feed';
import type { ServiceContext } from '../src/services/context';
import { silentNotifier } from '../src/services/notifications/notifier-port';
import { createSlackApp } from '../src/slack/create-slack-app';
import { ACTIONS, COMMAND } from '../src/slack/ids';
import type { BenchRow } from './lib/report';
import { ms, percentiles } from './lib/stats';

const SECRET = 'bench-signing-secret-0123456789abcdef';
/** The bench workspace: a well-formed team id, or Thread refuses every request before doing any of its work. */
const TEAM_ID = 'T0BENCH001';

export interface SlackBenchOptions {
  /** Requests per case per app (default 400). */
  requests?: number;
  /** Requests in flight at once (default 20). */
  concurrency?: number;
  /** Rounds the requests are split into, alternating Thread and the bare app (default 4). */
  rounds?: number;
}

interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

function sign(body: string, contentType: string): SignedRequest {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  };
}

async function listen(handler: http.RequestListener): Promise<{ server: Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * A stand-in for slack.com on 127.0.0.1: answers every Web API call and response-URL post with ok, counts the
 * response-URL posts and keeps the text of the latest, so the bench can check that Thread did the real work.
 */
async function startSlackSink() {
  let responses = 0;
  let lastText = '';
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '5mb' }), express.json({ limit: '5mb' }));
  // What Thread asks of Slack besides posting: which workspace the bot is in (every request is checked against it)
  // and the profile of a person it has not read today.
  const answers: Record<string, (body: Record<string, unknown>) => object> = {
    'auth.test': () => ({ ok: true, team_id: TEAM_ID, team: 'Bench', user_id: 'UBOT', bot_id: 'BBOT' }),
    'team.info': () => ({ ok: true, team: { id: TEAM_ID, name: 'Bench', domain: 'bench' } }),
    'users.info': (body) => ({
      ok: true,
      user: { id: body.user, name: 'bench', real_name: 'Bench CSM', tz: 'UTC', profile: { email: 'csm@bench.test' } },
    }),
  };
  app.post('/api/:method', (req, res) => {
    const answer = answers[String(req.params.method)];
    res.json(
      answer
        ? answer(req.body as Record<string, unknown>)
        : { ok: true, channel: 'C1', ts: '1.000100', view: { id: 'V1' } },
    );
  });
  app.post('/response/:id', (req, res) => {
    responses++;
    lastText = String((req.body as { text?: unknown }).text ?? '');
    res.send('ok');
  });
  const { server, url } = await listen(app);
  return { server, url, responses: () => responses, lastText: () => lastText };
}

/** One request to POST /slack/events; milliseconds until the acknowledgement has fully arrived. */
function post(agent: http.Agent, baseUrl: string, req: SignedRequest): Promise<number> {
  const url = new URL('/slack/events', baseUrl);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const r = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: req.headers },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`POST /slack/events answered ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - start) / 1e6);
        });
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Sends every request with at most `concurrency` in flight; returns each latency. */
async function load(baseUrl: string, requests: SignedRequest[], concurrency: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const out: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) out.push(await post(agent, baseUrl, requests[next++]!));
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return out;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function benchSlack(db: Database, options: SlackBenchOptions = {}): Promise<BenchRow[]> {
  const requests = options.requests ?? 400;
  const concurrency = options.concurrency ?? 20;
  const rounds = Math.max(1, Math.min(options.rounds ?? 4, requests));
  const organization = await db.prisma.organization.findFirstOrThrow({
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  const accounts = await db.prisma.account.count({ where: { organizationId: organization.id } });
  // A CSM with accounts (the foundation bench assigns U0CSM0000…U0CSM0011), and actions of theirs to Execute.
  const csm = await db.prisma.user.findFirst({
    where: { organizationId: organization.id, slackUserId: { not: null }, csmAccounts: { some: {} } },
    select: { slackUserId: true, id: true },
  });
  if (!csm?.slackUserId) throw new Error('bench: no CSM with accounts in the database; run benchFoundation first');
  const actions = await db.prisma.action.findMany({
    where: { account: { csmId: csm.id } },
    select: { id: true },
    take: requests,
    orderBy: { id: 'asc' },
  });

  const sink = await startSlackSink();
  // As the server composes it (compose-thread.ts): with the change feed that lets the Slack layer keep who people are.
  const ctx: ServiceContext = {
    prisma: db.prisma,
    now: () => new Date(),
    logger: silentLogger,
    changes: createChangeFeed(),
  };
  const thread = createSlackApp({
    config: { botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: `${sink.url}/api/` },
    ctx,
    logger: silentLogger,
    // The real Execute path; with no mailer or messenger configured it refuses after its checks, as a fresh install would.
    workflows: reviewWorkflows(ctx, () => ({ notifier: silentNotifier })),
  });
  const threadHttp = await listen(
    createHttpApp({
      logger: silentLogger,
      readiness: { checkDatabase: async () => {} },
      routers: [{ path: '/', router: thread.router! }],
    }),
  );

  const bareReceiver = new ExpressReceiver({
    signingSecret: SECRET,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const bare = new App({
    token: 'xoxb-bench',
    receiver: bareReceiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: `${sink.url}/api/` },
  });
  bare.command(COMMAND, async ({ ack }) => ack());
  bare.action(ACTIONS.execute, async ({ ack }) => ack());
  const bareHttp = await listen(bareReceiver.app);

  const cases = [
    {
      name: `/thread accounts (${accounts.toLocaleString('en-US')} accounts)`,
      // The list itself, not a refusal: a request Thread refuses early would measure nothing.
      answered: (text: string) => /^\d+ accounts?\b/.test(text),
      make: (i: number) =>
        sign(
          new URLSearchParams({
            command: COMMAND,
            text: 'accounts',
            user_id: csm.slackUserId!,
            team_id: TEAM_ID,
            channel_id: 'C1',
            response_url: `${sink.url}/response/${i}`,
            trigger_id: `t.${i}`,
          }).toString(),
          'application/x-www-form-urlencoded',
        ),
    },
    {
      name: `Execute click (${accounts.toLocaleString('en-US')} accounts)`,
      // These actions are not due yet: after the person's and the account's checks, Execute either shows the card
      // again ("Not due yet") or is refused by the claim. Either is Thread's whole path; a refusal earlier is not.
      answered: (text: string) =>
        (/ · .+: /.test(text) && !text.startsWith(':warning:')) || /cannot be claimed for sending/.test(text),
      make: (i: number) =>
        sign(
          new URLSearchParams({
            payload: JSON.stringify({
              type: 'block_actions',
              user: { id: csm.slackUserId },
              team: { id: TEAM_ID },
              trigger_id: `t.${i}`,
              response_url: `${sink.url}/response/${i}`,
              container: { type: 'message', message_ts: '1.000100', channel_id: 'C1' },
              actions: [
                {
                  action_id: ACTIONS.execute,
                  type: 'button',
                  value: actions[i % Math.max(1, actions.length)]?.id ?? 'none',
                },
              ],
            }),
          }).toString(),
          'application/x-www-form-urlencoded',
        ),
    },
  ];

  const rows: BenchRow[] = [];
  try {
    for (const c of cases) {
      // Warm both (JIT, connections, first queries) outside the measurement.
      const warm = Array.from({ length: concurrency }, (_, i) => c.make(i));
      let expected = sink.responses() + warm.length;
      await load(threadHttp.url, warm, concurrency);
      await until(() => sink.responses() >= expected, 120_000, 'Thread to finish the warm-up');
      await thread.idle();
      if (!c.answered(sink.lastText()))
        throw new Error(`bench: Thread answered "${sink.lastText().slice(0, 200)}" to ${c.name}, not the real work`);
      await load(bareHttp.url, warm, concurrency);

      const threadMs: number[] = [];
      const bareMs: number[] = [];
      const perRound = Math.ceil(requests / rounds);
      for (let r = 0; r < rounds; r++) {
        const count = Math.min(perRound, requests - r * perRound);
        if (count <= 0) break;
        // Signed just before sending, so the timestamps are fresh; the same requests go to both apps.
        const batch = Array.from({ length: count }, (_, i) => c.make(r * perRound + i));
        expected = sink.responses() + batch.length;
        threadMs.push(...(await load(threadHttp.url, batch, concurrency)));
        await until(() => sink.responses() >= expected, 300_000, 'Thread to answer every request');
        await thread.idle(); // and to finish what its listeners do after answering (a Home, a card)
        bareMs.push(...(await load(bareHttp.url, batch, concurrency)));
      }
      const subject = percentiles(threadMs);
      const baseline = percentiles(bareMs);
      const data = { subject, baseline, requests, concurrency, rounds, accounts };
      rows.push({
        suite: 'slack',
        case: `ack ${c.name}, ${concurrency} concurrent`,
        database: db.kind,
        metric: 'p50',
        value: ms(subject.p50),
        baseline: ms(baseline.p50),
        ratio: subject.p50 / baseline.p50,
        data,
      });
      rows.push({
        suite: 'slack',
        case: `ack ${c.name}, ${concurrency} concurrent`,
        database: db.kind,
        metric: 'p99',
        value: ms(subject.p99),
        baseline: ms(baseline.p99),
        ratio: subject.p99 / baseline.p99,
      });
    }
  } finally {
    await close(threadHttp.server);
    await close(bareHttp.server);
    await close(sink.server);
  }
  return rows;
}
