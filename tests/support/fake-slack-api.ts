/**
 * A fake Slack Web API on 127.0.0.1: records every call (Web API methods and response_url posts), rejects blocks
 * over Slack's limits the way Slack does (ok: false, invalid_blocks), can answer 429 with Retry-After or an error of
 * the test's choosing once, and refuses a post to a channel it knows the bot is not in (not_in_channel).
 *
 * It also plays Slack's side of an OAuth install: `addInstall` registers the code Slack would hand back to the
 * redirect URL; oauth.v2.access trades it for that workspace's bot token, and auth.test / team.info then answer
 * for the workspace whose token the call carries (every recorded call keeps its token). A revoked token gets
 * `token_revoked`, as Slack answers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The ts the fake answered a chat.postMessage with: where the message now is. */
  ts?: string;
  /** The token the call carried (Authorization: Bearer, or a token argument). */
  token?: string;
}

/** A workspace's side of an install: what oauth.v2.access answers for its code. */
export interface FakeInstall {
  code: string;
  team: { id: string; name: string };
  /** The grid, for a workspace in one; with isEnterpriseInstall, an org-wide install of it. */
  enterprise?: { id: string; name: string };
  isEnterpriseInstall?: boolean;
  installerId: string;
  botToken: string;
  botUserId?: string;
  appId?: string;
  /** Token rotation on: oauth.v2.access answers a refresh token and this many seconds to expiry. */
  expiresIn?: number;
}

export const FAKE_CLIENT_ID = '1111.2222';
export const FAKE_CLIENT_SECRET = 'fake-client-secret';

const LIMITS = { section: 3000, header: 150, button: 75, value: 2000, option: 75, title: 24, metadata: 3000 };

function parseArgs(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* a plain string that happens to start with a bracket */
      }
    }
    out[k] = v;
  }
  return out;
}

/** Problems Slack would reject, or [] when the blocks are valid. */
export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  const len = (t: unknown) => (typeof t === 'string' ? Array.from(t).length : 0);
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const text = (n.text as { text?: string } | undefined)?.text;
    if (n.type === 'section' && len(text) > LIMITS.section)
      problems.push(`${path}: section text ${len(text)} > ${LIMITS.section}`);
    if (n.type === 'section' && Array.isArray(n.fields))
      for (const f of n.fields) if (len((f as { text?: string }).text) > 2000) problems.push(`${path}: field > 2000`);
    if (n.type === 'header' && len(text) > LIMITS.header)
      problems.push(`${path}: header ${len(text)} > ${LIMITS.header}`);
    if (n.type === 'button') {
      if (len(text) > LIMITS.button) problems.push(`${path}: button text > ${LIMITS.button}`);
      if (len(n.value) > LIMITS.value) problems.push(`${path}: button value > ${LIMITS.value}`);
    }
    if (n.type === 'overflow' && (!Array.isArray(n.options) || n.options.length < 2 || n.options.length > 5))
      problems.push(`${path}: an overflow menu needs 2 to 5 options`);
    if (Array.isArray(n.options))
      for (const o of n.options)
        if (len((o as { text?: { text?: string } }).text?.text) > LIMITS.option)
          problems.push(`${path}: option text > ${LIMITS.option}`);
    for (const [k, v] of Object.entries(n)) {
      if (Array.isArray(v)) v.forEach((c, i) => visit(c, `${path}.${k}[${i}]`));
      else if (v && typeof v === 'object' && k !== 'text') visit(v, `${path}.${k}`);
    }
  };
  blocks.forEach((b, i) => visit(b, `blocks[${i}]`));
  return problems;
}

function viewProblems(view: unknown): string[] {
  if (!view || typeof view !== 'object') return ['view missing'];
  const v = view as Record<string, { text?: string } | string | unknown[] | undefined>;
  const problems = blockProblems(v.blocks, 100);
  for (const key of ['title', 'submit', 'close'] as const) {
    const t = (v[key] as { text?: string } | undefined)?.text;
    if (t && Array.from(t).length > LIMITS.title) problems.push(`${key} > ${LIMITS.title}`);
  }
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > LIMITS.metadata)
    problems.push('private_metadata > 3000');
  return problems;
}

/** A workspace member as users.info describes them. `email: null` is a member whose email Slack hides. */
export interface FakeSlackUser {
  id: string;
  name: string;
  email?: string | null;
  title?: string;
  tz?: string;
  image?: string;
  deleted?: boolean;
  isBot?: boolean;
}

/** A conversation as conversations.info describes it to the bot. */
export interface FakeSlackChannel {
  id: string;
  name: string;
  isMember: boolean;
  isPrivate?: boolean;
  /** Slack Connect / shared with another organisation. */
  isShared?: boolean;
  isArchived?: boolean;
}

export const FAKE_TEAM = { id: 'TACME01', name: 'Acme Robotics', domain: 'acme-robotics' };

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** The workspace the bot sees: users.info, users.lookupByEmail, team.info and conversations.info answer from it. */
  readonly users = new Map<string, FakeSlackUser>();
  readonly channels = new Map<string, FakeSlackChannel>();
  team: { id: string; name: string; domain: string; enterpriseId?: string } = { ...FAKE_TEAM };
  readonly rejected: { method: string; problems: string[] }[] = [];
  private server?: Server;
  private nextTs = 1000;
  private rateLimits = new Map<string, number>();
  private failures: { method: string; error: string; when: (args: Record<string, unknown>) => boolean }[] = [];
  /** Codes not yet traded, and the workspace each installed token belongs to. */
  private readonly installCodes = new Map<string, FakeInstall>();
  private readonly tokenTeams = new Map<string, FakeInstall>();
  private readonly revokedTokens = new Set<string>();
  /** Token rotation: refresh tokens still good (each is good once), with the workspace they refresh. */
  private readonly refreshTokens = new Map<string, FakeInstall>();
  private refreshes = 0;
  url = '';

  /** Token rotation: Slack will trade this refresh token (once) for a new bot token of that workspace. */
  acceptRefreshToken(refreshToken: string, install: FakeInstall): void {
    this.refreshTokens.set(refreshToken, install);
  }

  /** Slack would send this code to the redirect URL once a person approves the install. */
  addInstall(install: FakeInstall): FakeInstall {
    this.installCodes.set(install.code, install);
    return install;
  }

  /** Slack revoked (or the uninstall removed) this token: calls with it are refused. */
  revokeToken(token: string): void {
    this.revokedTokens.add(token);
  }

  /** The calls made with one token (one workspace's installation). */
  callsWith(token: string, method?: string): RecordedCall[] {
    return this.calls.filter((c) => c.token === token && (method === undefined || c.method === method));
  }

  /** oauth.v2.access: a code is good once, with Thread's client id and secret. */
  private oauthAccess(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== FAKE_CLIENT_ID || args.client_secret !== FAKE_CLIENT_SECRET)
      return { ok: false, error: 'invalid_client_id' };
    if (args.grant_type === 'refresh_token') {
      const rotating = this.refreshTokens.get(String(args.refresh_token));
      if (!rotating) return { ok: false, error: 'invalid_refresh_token' };
      this.refreshTokens.delete(String(args.refresh_token));
      const n = ++this.refreshes;
      const next = { ...rotating, botToken: `${rotating.botToken.replace(/-r\d+$/, '')}-r${n}` };
      this.tokenTeams.set(next.botToken, next);
      this.refreshTokens.set(`xoxe-r${n}`, next);
      return {
        ok: true,
        access_token: next.botToken,
        refresh_token: `xoxe-r${n}`,
        // Slack's rotating tokens last twelve hours.
        expires_in: 43_200,
        token_type: 'bot',
        team: { id: next.team.id, name: next.team.name },
      };
    }
    const install = this.installCodes.get(String(args.code));
    if (!install) return { ok: false, error: 'invalid_code' };
    this.installCodes.delete(install.code);
    this.tokenTeams.set(install.botToken, install);
    const grid = install.enterprise ? { id: install.enterprise.id, name: install.enterprise.name } : null;
    return {
      ok: true,
      app_id: install.appId ?? 'ATHREAD01',
      authed_user: { id: install.installerId },
      scope:
        'commands,chat:write,channels:history,groups:history,channels:read,groups:read,users:read,users:read.email,team:read',
      token_type: 'bot',
      access_token: install.botToken,
      bot_user_id: install.botUserId ?? 'UBOT',
      team: install.isEnterpriseInstall ? null : install.team,
      enterprise: grid,
      is_enterprise_install: Boolean(install.isEnterpriseInstall),
      ...(install.expiresIn ? { refresh_token: this.rotating(install), expires_in: install.expiresIn } : {}),
    };
  }

  /** The refresh token an install with rotation on gets, good for one refresh. */
  private rotating(install: FakeInstall): string {
    const refreshToken = `xoxe-1-${install.code}`;
    this.refreshTokens.set(refreshToken, install);
    return refreshToken;
  }

  /** The workspace a token was installed into; undefined for the single workspace's (or any unknown) token. */
  private installOf(token: string | undefined): FakeInstall | undefined {
    return token ? this.tokenTeams.get(token) : undefined;
  }

  /**
   * The next call to `method` (that `when` accepts, e.g. a post to one channel) answers ok: false with `error`, as
   * Slack does for an error of its own; later calls are answered normally. Recorded as `<method>:<error>`.
   */
  failNext(method: string, error: string, when: (args: Record<string, unknown>) => boolean = () => true): void {
    this.failures.push({ method, error, when });
  }

  /** The next call to `method` gets 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.rateLimits.set(method, retryAfterSeconds);
  }

  addUser(user: FakeSlackUser): FakeSlackUser {
    this.users.set(user.id, user);
    return user;
  }

  addChannel(channel: FakeSlackChannel): FakeSlackChannel {
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The answer to the directory methods, or undefined for a method that is not one of them. */
  private directory(method: string, args: Record<string, unknown>): Record<string, unknown> | undefined {
    switch (method) {
      case 'team.info':
        return {
          ok: true,
          team: {
            id: this.team.id,
            name: this.team.name,
            domain: this.team.domain,
            enterprise_id: this.team.enterpriseId,
          },
        };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        return user ? { ok: true, user: slackUser(user, this.team.id) } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const email = String(args.email).toLowerCase();
        const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === email);
        return user ? { ok: true, user: slackUser(user, this.team.id) } : { ok: false, error: 'users_not_found' };
      }
      case 'conversations.info': {
        const channel = this.channels.get(String(args.channel));
        if (!channel) return { ok: false, error: 'channel_not_found' };
        // Slack answers channel_not_found for a private channel the bot is not in: it cannot see it at all.
        if (channel.isPrivate && !channel.isMember) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: channel.id,
            name: channel.name,
            is_channel: !channel.isPrivate,
            is_group: Boolean(channel.isPrivate),
            is_private: Boolean(channel.isPrivate),
            is_member: channel.isMember,
            is_shared: Boolean(channel.isShared),
            is_ext_shared: Boolean(channel.isShared),
            is_archived: Boolean(channel.isArchived),
          },
        };
      }
      default:
        return undefined;
    }
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.urlencoded({ extended: false }), express.json());
    app.post('/api/:method', (req, res) => {
      const method = String(req.params.method);
      const retry = this.rateLimits.get(method);
      if (retry !== undefined) {
        this.rateLimits.delete(method);
        this.calls.push({ method: `${method}:429`, args: {} });
        res.status(429).set('Retry-After', String(retry)).json({ ok: false, error: 'ratelimited' });
        return;
      }
      const args = parseArgs(req.body ?? {});
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
      if (token && this.revokedTokens.has(token)) {
        this.calls.push({ method: `${method}:token_revoked`, args, token });
        return void res.json({ ok: false, error: 'token_revoked' });
      }
      if (method === 'oauth.v2.access') {
        this.calls.push({ method, args: { ...args, client_secret: '(hidden)' } });
        return void res.json(this.oauthAccess(args));
      }
      const installed = this.installOf(token);
      const failure = this.failures.findIndex((f) => f.method === method && f.when(args));
      if (failure >= 0) {
        const { error } = this.failures.splice(failure, 1)[0]!;
        this.calls.push({ method: `${method}:${error}`, args, token });
        return void res.json({ ok: false, error });
      }
      const problems =
        method === 'views.open' || method === 'views.publish' || method === 'views.update' || method === 'views.push'
          ? viewProblems(args.view)
          : blockProblems(args.blocks, 50);
      if (problems.length) {
        this.rejected.push({ method, problems });
        res.json({ ok: false, error: 'invalid_blocks', errors: problems });
        return;
      }
      if (method === 'chat.postMessage') {
        // A channel the workspace has and the bot is not in: Slack refuses the post (a DM to a user is fine).
        const channel = this.channels.get(String(args.channel));
        if (channel && !channel.isMember) {
          const error = channel.isPrivate ? 'channel_not_found' : 'not_in_channel';
          this.calls.push({ method: `${method}:${error}`, args, token });
          return void res.json({ ok: false, error });
        }
        const ts = `${this.nextTs++}.000100`;
        this.calls.push({ method, args, ts, token });
        return void res.json({ ok: true, channel: args.channel, ts, message: {} });
      }
      this.calls.push({ method, args, token });
      if (method === 'auth.test')
        return void res.json({
          ok: true,
          user_id: installed?.botUserId ?? 'UBOT',
          bot_id: 'BBOT',
          team_id: installed ? (installed.isEnterpriseInstall ? null : installed.team.id) : this.team.id,
          enterprise_id: installed?.enterprise?.id,
          url: `https://${installed?.team.id ?? this.team.domain}.slack.com/`,
          user: 'thread',
        });
      if (method === 'team.info' && installed)
        return void res.json({
          ok: true,
          team: { id: installed.team.id, name: installed.team.name, enterprise_id: installed.enterprise?.id },
        });
      if (method === 'chat.update') return void res.json({ ok: true, channel: args.channel, ts: args.ts });
      const answer = this.directory(method, args);
      if (answer) return void res.json(answer);
      res.json({ ok: true, view: { id: 'V1' } });
    });
    app.post('/response/:id', (req, res) => {
      const problems = blockProblems(req.body?.blocks, 50);
      if (problems.length) {
        this.rejected.push({ method: 'response_url', problems });
        res.status(400).send('invalid_blocks');
        return;
      }
      this.calls.push({ method: 'response_url', args: { ...req.body, id: req.params.id } });
      res.send('ok');
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id = 'r1'): string {
    return `${this.url}/response/${id}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets the calls recorded so far; the workspace (users, channels, team) stays as it is. */
  forgetCalls(): void {
    this.calls.length = 0;
    this.rejected.length = 0;
  }

  reset(): void {
    this.forgetCalls();
    this.failures = [];
    this.installCodes.clear();
    this.tokenTeams.clear();
    this.revokedTokens.clear();
    this.refreshTokens.clear();
    this.users.clear();
    this.channels.clear();
    this.team = { ...FAKE_TEAM };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** users.info's shape (and user_change's): the profile fields Thread reads, with the email absent when Slack hides it. */
export function slackUser(user: FakeSlackUser, teamId: string): Record<string, unknown> {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name.toLowerCase().replace(/\s+/g, '.'),
    real_name: user.name,
    deleted: Boolean(user.deleted),
    is_bot: Boolean(user.isBot),
    tz: user.tz ?? 'Europe/London',
    profile: {
      real_name: user.name,
      display_name: user.name.split(' ')[0],
      title: user.title ?? '',
      ...(user.email ? { email: user.email } : {}),
      image_192: user.image ?? `https://avatars.example.com/${user.id}.png`,
    },
  };
}
