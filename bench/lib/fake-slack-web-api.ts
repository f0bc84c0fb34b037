/**
 * A stand-in for slack.com's Web API on 127.0.0.1 for benchmarks that run Thread whole: a one-workspace directory
 * (auth.test, team.info, users.info, users.lookupByEmail, conversations.info) and ok for every other method and
 * response-URL post. Each chat.postMessage is handed to `onPost` as it arrives, stamped with process.hrtime, so a
 * bench can time the moment a message reaches Slack. No recording, no limit checks: the tests' fake does that.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface BenchSlackUser {
  id: string;
  name: string;
  email: string;
  title?: string;
}

export interface BenchSlackChannel {
  id: string;
  name: string;
}

export interface PostedMessage {
  channel: string;
  text: string;
  /** The blocks as Slack received them (a JSON string), '' when none. */
  blocks: string;
  /** process.hrtime.bigint() when the request reached the handler. */
  at: bigint;
}

export interface FakeSlackWebApi {
  /** What Thread's SLACK_API_URL is set to. */
  apiUrl: string;
  responseUrl(id: string): string;
  close(): Promise<void>;
}

export async function startFakeSlackWebApi(o: {
  team: { id: string; name: string; domain: string };
  users: BenchSlackUser[];
  channels: BenchSlackChannel[];
  onPost: (message: PostedMessage) => void;
}): Promise<FakeSlackWebApi> {
  const user = (u: BenchSlackUser) => ({
    id: u.id,
    team_id: o.team.id,
    name: u.name.toLowerCase().replace(/\s+/g, '.'),
    real_name: u.name,
    deleted: false,
    is_bot: false,
    tz: 'Europe/London',
    profile: { real_name: u.name, display_name: u.name.split(' ')[0], title: u.title ?? '', email: u.email },
  });
  const byId = new Map(o.users.map((u) => [u.id, u]));
  const byEmail = new Map(o.users.map((u) => [u.email.toLowerCase(), u]));
  const channels = new Map(o.channels.map((c) => [c.id, c]));
  let nextTs = 1000;

  const answers: Record<string, (args: Record<string, unknown>) => object> = {
    'auth.test': () => ({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: o.team.id, user: 'thread' }),
    'team.info': () => ({ ok: true, team: o.team }),
    'users.info': (args) => {
      const found = byId.get(String(args.user));
      return found ? { ok: true, user: user(found) } : { ok: false, error: 'user_not_found' };
    },
    'users.lookupByEmail': (args) => {
      const found = byEmail.get(String(args.email).toLowerCase());
      return found ? { ok: true, user: user(found) } : { ok: false, error: 'users_not_found' };
    },
    'conversations.info': (args) => {
      const found = channels.get(String(args.channel));
      return found
        ? { ok: true, channel: { id: found.id, name: found.name, is_channel: true, is_member: true } }
        : { ok: false, error: 'channel_not_found' };
    },
  };

  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '5mb' }), express.json({ limit: '5mb' }));
  app.post('/api/:method', (req, res) => {
    const at = process.hrtime.bigint();
    const method = String(req.params.method);
    const args = (req.body ?? {}) as Record<string, unknown>;
    if (method === 'chat.postMessage') {
      const blocks = args.blocks;
      o.onPost({
        channel: String(args.channel),
        text: String(args.text ?? ''),
        blocks: typeof blocks === 'string' ? blocks : blocks === undefined ? '' : JSON.stringify(blocks),
        at,
      });
      res.json({ ok: true, channel: args.channel, ts: `${nextTs++}.000100`, message: {} });
      return;
    }
    const answer = answers[method];
    res.json(answer ? answer(args) : { ok: true, channel: args.channel, ts: args.ts, view: { id: 'V1' } });
  });
  app.post('/response/:id', (_req, res) => {
    res.send('ok');
  });

  const server: Server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${id}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
