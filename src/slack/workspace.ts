/**
 * Who a Slack request comes from, in Thread's terms: the organisation is the Slack workspace the request came from,
 * and the person is a member of it in Thread. Single-workspace mode (one bot token) serves only the bot's own team;
 * with OAuth installs, the organisation is the one whose installation serves the request's team (Bolt's authorize
 * has already refused a workspace where Thread is not installed, so nothing unserved reaches this).
 * People's profiles come from Slack: read again (users.info) when a day old, and on `user_change`.
 */
import type { WebClient } from '@slack/web-api';
import { findInstalledOrganization } from '../services/slack-installations/find-installed-organization';
import type { SlackClients } from './slack-clients';
import { z } from 'zod';
import { AppError, isAppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import {
  resolveOrganizationForSlack,
  type SlackOrganization,
} from '../services/organizations/resolve-organization-for-slack';
import { refreshProfile, type RefreshedProfile } from '../services/people/refresh-profile';
import { resolveSlackMember } from '../services/people/resolve-slack-member';
import type { SlackActor } from '../services/users/resolve-slack-actor';
import { buildReplyToEmailPrompt } from './blocks/reply-to-email';
import { escapeMrkdwn } from './blocks/text';

/** Where a request comes from, as Slack's payloads name it. */
export interface SlackRequester {
  slackUserId: string;
  teamId?: string;
  enterpriseId?: string;
}

/** The parts of a command, interaction or event envelope that say which team it comes from. */
export interface RequestOrigin {
  team_id?: string | null;
  team?: { id?: string | null } | null;
  user?: { team_id?: string | null } | string | null;
  enterprise_id?: string | null;
  enterprise?: { id?: string | null } | null;
}

const str = (v: string | null | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The team and enterprise a request names: commands and events at the top, interactions under team / user. */
export function originOf(body: RequestOrigin): { teamId?: string; enterpriseId?: string } {
  const userTeam = typeof body.user === 'object' && body.user !== null ? str(body.user.team_id) : undefined;
  return {
    teamId: str(body.team_id) ?? str(body.team?.id) ?? userTeam,
    enterpriseId: str(body.enterprise_id) ?? str(body.enterprise?.id),
  };
}

/** The parts of an interaction that name the workspace Thread is installed in, whoever clicked. */
export interface InstalledOrigin {
  type?: string;
  context_team_id?: string | null;
  team?: { id?: string | null } | null;
  view?: { app_installed_team_id?: string | null } | null;
  enterprise?: { id?: string | null } | null;
}

/**
 * The organisation's team for an interaction in a shared channel: the workspace the app is installed in
 * (view.app_installed_team_id), else the one the interaction happened in (context_team_id, team.id). Never the
 * clicker's own team (user.team_id): in a Slack Connect channel that is the customer's workspace.
 */
export function installedOriginOf(body: InstalledOrigin): { teamId?: string; enterpriseId?: string } {
  return {
    teamId: str(body.view?.app_installed_team_id) ?? str(body.context_team_id) ?? str(body.team?.id),
    enterpriseId: str(body.enterprise?.id),
  };
}

/** users.info's user and a user_change event's user: the profile fields Thread keeps. */
const slackUserSchema = z.object({
  id: z.string(),
  real_name: z.string().nullish(),
  tz: z.string().nullish(),
  deleted: z.boolean().nullish(),
  is_bot: z.boolean().nullish(),
  profile: z
    .object({
      real_name: z.string().nullish(),
      display_name: z.string().nullish(),
      email: z.string().nullish(),
      title: z.string().nullish(),
      image_192: z.string().nullish(),
      image_72: z.string().nullish(),
    })
    .nullish(),
});
export type SlackUserProfile = z.input<typeof slackUserSchema>;

const adminsSchema = z.object({ admins: z.array(z.object({ slackUserId: z.string().nullable(), name: z.string() })) });

/**
 * How long the person behind a request is kept, per workspace and Slack user. Changes made in this process drop the
 * copy at once (ctx.changes); another process's changes are seen within this time. Services never trust the copy:
 * they re-read who acts (acting-person.ts), so it only decides what a person is shown and their early refusals.
 */
const ACTOR_TTL_MS = 15_000;
const MAX_CACHED_ACTORS = 10_000;

export class SlackWorkspace {
  private botTeam?: Promise<string>;
  private readonly workspaceNames = new Map<string, Promise<string>>();
  /** Every Slack request starts by asking who sent it: four queries, most of a click's own database work. */
  private readonly actors = new Map<string, { actor: SlackActor; until: number }>();
  /** Counts the changes heard: a read that a change overtook is not kept (it may hold what was true before). */
  private changesHeard = 0;

  constructor(
    private readonly clients: SlackClients,
    private readonly ctx: ServiceContext,
    private readonly logger: Logger,
  ) {
    ctx.changes?.onPeopleChanged((organizationId) => {
      this.changesHeard++;
      for (const [key, entry] of this.actors)
        if (entry.actor.organizationId === organizationId) this.actors.delete(key);
    });
  }

  /** The single workspace's client; with OAuth installs there is none (each organisation has its own). */
  private get singleClient(): WebClient {
    if (!this.clients.single) throw new AppError('internal', 'single-workspace Slack call made with OAuth installs');
    return this.clients.single;
  }

  /** The organisation's client; null once its installation is removed (then Thread asks Slack nothing for it). */
  private clientOf(organizationId: string): Promise<WebClient | null> {
    return this.clients.forOrganization(organizationId);
  }

  /** The team the bot token belongs to (auth.test), asked once per process. */
  ownTeam(): Promise<string> {
    const client = this.singleClient;
    this.botTeam ??= client.auth.test().then(
      (r) => {
        if (!r.team_id) throw new AppError('connector_failed', 'Slack did not say which workspace the bot is in');
        return r.team_id;
      },
      (error: unknown) => {
        this.botTeam = undefined;
        throw error;
      },
    );
    return this.botTeam;
  }

  /** Whether this deployment serves a request from that team; a request that names no team is not refused here. */
  async serves(teamId: string | undefined): Promise<boolean> {
    // With OAuth installs Bolt's authorize is the gate: it refuses a team without an installation before any
    // middleware, and lets through only app_uninstalled and tokens_revoked, which must reach their listeners.
    if (!this.clients.single) return true;
    return teamId === undefined || teamId === (await this.ownTeam());
  }

  /** The workspace's name (team.info), only needed when its organisation is created: asked once per process. */
  private workspaceName(teamId: string): Promise<string> {
    let name = this.workspaceNames.get(teamId);
    if (!name) {
      const client = this.singleClient;
      name = client.team.info({ team: teamId }).then(
        (r) => r.team?.name ?? teamId,
        (error: unknown) => {
          this.workspaceNames.delete(teamId);
          throw error;
        },
      );
      this.workspaceNames.set(teamId, name);
    }
    return name;
  }

  /** The organisation of the request's workspace, created on first use with the workspace's own name. */
  async organization(origin: { teamId?: string; enterpriseId?: string }): Promise<SlackOrganization> {
    if (!this.clients.single) {
      // Installs create the organisation; a request finds it through the installation that serves its team.
      const installed = await findInstalledOrganization(this.ctx, origin);
      if (!installed) throw new AppError('forbidden', 'Thread is not installed in this Slack workspace.');
      return installed;
    }
    const own = await this.ownTeam();
    const teamId = origin.teamId ?? own;
    if (teamId !== own) throw new AppError('forbidden', 'this Thread does not serve that Slack workspace.');
    const lookup = { teamId, enterpriseId: origin.enterpriseId, adoptUnboundOrganization: true };
    try {
      return await resolveOrganizationForSlack(this.ctx, { ...lookup, workspaceName: '' });
    } catch (error) {
      // The name is asked of Slack only when the organisation does not exist yet (an empty name cannot create it).
      if (!isAppError(error) || !error.fields.some((f) => f.field === 'workspaceName')) throw error;
      return resolveOrganizationForSlack(this.ctx, { ...lookup, workspaceName: await this.workspaceName(teamId) });
    }
  }

  /**
   * The Thread person behind a request. The first person in a new organisation becomes its admin; a workspace member
   * nobody added is refused with the admins to ask, as mentions. A stale or new profile is read from Slack first.
   */
  async actor(who: SlackRequester): Promise<SlackActor> {
    // Without a change feed nothing would tell this copy that a role changed, so it is not kept at all.
    if (!this.ctx.changes) return this.readActor(who);
    const key = `${who.enterpriseId ?? ''}/${who.teamId ?? ''}/${who.slackUserId}`;
    const cached = this.actors.get(key);
    // Thread's clock (the real one in a server): a copy is as old as the time Thread's services see.
    if (cached && cached.until > this.ctx.now().getTime()) return cached.actor;
    const heardBefore = this.changesHeard;
    const actor = await this.readActor(who);
    if (this.changesHeard !== heardBefore) return actor;
    if (this.actors.size >= MAX_CACHED_ACTORS) this.actors.clear();
    this.actors.set(key, { actor, until: this.ctx.now().getTime() + ACTOR_TTL_MS });
    return actor;
  }

  private async readActor(who: SlackRequester): Promise<SlackActor> {
    const org = await this.organization(who);
    const resolve = () => resolveSlackMember(this.ctx, { organizationId: org.id, slackUserId: who.slackUserId });
    let member;
    try {
      member = await resolve();
    } catch (error) {
      throw this.withAdminMentions(error, org.name);
    }
    if (member.profileStale) {
      const refreshed = await this.refreshFromSlack(org.id, who.slackUserId);
      if (refreshed) member = await resolve();
    }
    const { organizationId, userId, slackUserId, name, role, timeZone } = member;
    return { organizationId, userId, slackUserId, name, role, timeZone };
  }

  /** Reads the person's profile with users.info and stores it; a Slack failure leaves the old profile in place. */
  async refreshFromSlack(organizationId: string, slackUserId: string): Promise<RefreshedProfile | null> {
    let user: unknown;
    try {
      const client = await this.clientOf(organizationId);
      if (!client) return null;
      user = (await client.users.info({ user: slackUserId })).user;
    } catch (error) {
      // The request still works with the profile Thread has; the next request asks again.
      this.logger.warn({ err: error, slackUserId }, 'could not read a Slack profile (users.info)');
      return null;
    }
    return this.storeProfile(organizationId, user);
  }

  /** Stores a profile Slack sent (users.info, or the user of a user_change event), then asks for a reply-to if needed. */
  async storeProfile(organizationId: string, raw: unknown): Promise<RefreshedProfile | null> {
    const parsed = slackUserSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn({ issues: parsed.error.issues }, 'Slack sent a user without the expected profile');
      return null;
    }
    const u = parsed.data;
    const p = u.profile ?? {};
    const refreshed = await refreshProfile(this.ctx, {
      organizationId,
      slackUserId: u.id,
      profile: {
        name: p.real_name || u.real_name || p.display_name,
        email: p.email ?? null,
        title: p.title ?? null,
        avatarUrl: p.image_192 ?? p.image_72 ?? null,
        timezone: u.tz ?? null,
      },
    });
    if (refreshed?.replyToNeeded) await this.askForReplyTo(organizationId, u.id, refreshed.userId);
    return refreshed;
  }

  /** Slack hides this person's email and they gave no reply-to address: a DM asks them once, with a button. */
  private async askForReplyTo(organizationId: string, slackUserId: string, userId: string): Promise<void> {
    const prompt = buildReplyToEmailPrompt(userId);
    const client = await this.clientOf(organizationId);
    if (!client) return;
    await client.chat
      .postMessage({ channel: slackUserId, text: prompt.text, blocks: prompt.blocks })
      .catch((error: unknown) =>
        this.logger.error({ err: error, slackUserId }, 'could not ask a CSM for their reply-to address'),
      );
  }

  /** resolveSlackMember's refusal names the admins; in Slack they are mentioned, so the person can reach them. */
  private withAdminMentions(error: unknown, orgName: string): unknown {
    if (!isAppError(error) || error.code !== 'forbidden') return error;
    const parsed = adminsSchema.safeParse(error.details);
    if (!parsed.success || parsed.data.admins.length === 0) return error;
    const who = parsed.data.admins.map((a) => (a.slackUserId ? `<@${a.slackUserId}>` : escapeMrkdwn(a.name)));
    const ask = who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} or ${who.at(-1)}`;
    return new AppError(
      'forbidden',
      `Thread in ${escapeMrkdwn(orgName)} is open to the people an admin has added, and you have not been added yet. ` +
        `Ask ${ask} to add you.`,
      { details: error.details },
    );
  }
}
