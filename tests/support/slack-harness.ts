/**
 * The one Slack harness: Thread's real Bolt receiver in the real Express app, on a test database, talking to a fake
 * Slack Web API on 127.0.0.1. A test acts as a person does (a slash command, a click on a button it saw, a modal
 * submitted, an Events API event), signed the way Slack signs, and reads what people saw (messages posted and
 * updated, ephemeral replies, modals opened, App Homes published).
 *
 * Every action returns once Thread has finished handling everything Slack sent it (Bolt acknowledges first and
 * keeps working after the response), so a test never sleeps and never polls for a Slack call: what is not recorded
 * by then never happens. Blocks Slack would reject fail the action that caused them.
 */
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { createHttpApp } from '../../src/http/app';
import { silentLogger } from '../../src/lib/logger';
import type { AnalyticsLinkDeps } from '../../src/services/analytics/analytics-links';
import type { HubSpotDeps } from '../../src/services/hubspot/hubspot-deps';
import type { ImageProbe } from '../../src/services/organizations/image-probe-port';
import { resolveOrganizationForSlack } from '../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../src/services/people/add-person';
import type { PersonSummary } from '../../src/services/people/person-summary';
import { resolveSlackMember } from '../../src/services/people/resolve-slack-member';
import { setRole } from '../../src/services/people/set-role';
import { seedDemo } from '../../src/services/seed/seed-demo';
import type { SlackActor } from '../../src/services/users/resolve-slack-actor';
import type { Role } from '../../src/domain/roles';
import { createSlackApp, type SlackApp } from '../../src/slack/create-slack-app';
import type { ReviewWorkflows } from '../../src/slack/deps';
import { blocksOf, findButton, findMenuOption, type FoundButton } from './block-kit';
import { FAKE_TEAM, FakeSlackApi, slackUser, type FakeSlackUser, type RecordedCall } from './fake-slack-api';
import { fireAction } from './plan-steps';
import { serviceContext, type TestServiceContext } from './service-context';
import { eventCallback, interaction, slashCommand, TEST_SIGNING_SECRET, type SignedRequest } from './slack-request';
import { useTestDatabase } from './test-database';
import { waitFor } from './wait-for';
import { viewState, type ViewValues } from './slack-view-state';

export type { ViewValues };

export const NOW = new Date('2026-11-24T10:00:00Z');
export const CSM = 'UCSM0001';
/** The CSM as Slack's users.info describes them: a workspace member with a name and a visible email. */
export const CSM_PROFILE = {
  id: CSM,
  name: 'Casey Morgan',
  email: 'casey.morgan@vendor.test',
  title: 'Onboarding lead',
};
/** The workspace the bot is installed in (auth.test); requests come from it unless a test says otherwise. */
export const TEAM = FAKE_TEAM.id;
export const CSM_CHANNEL = 'CCSM';
export const PUBLIC_URL = 'http://thread.test';

/** Where a button is when a test does not say: an ephemeral reply in the CSM channel. */
const EPHEMERAL_CONTAINER = { type: 'message', message_ts: '1.000100', channel_id: CSM_CHANNEL, is_ephemeral: true };

/** How a request is signed: a test of the receiver forges one with another secret or an old timestamp. */
export interface Signing {
  secret?: string;
  timestamp?: number;
  /** The Slack team the request comes from; the bot's own by default. */
  team?: string;
}

export interface CommandOptions extends Signing {
  /** The Slack user id of the person typing; the CSM by default. */
  as?: string;
  channel?: string;
}

export interface ClickOptions extends Signing {
  as?: string;
  /**
   * The clicker's own workspace (user.team_id): a Slack Connect external user's differs from the vendor's, while the
   * request's team stays the one Thread is installed in. Unset: Slack's payload names none.
   */
  userTeam?: string;
  /** Where the button was: a message (channel and ts) or a view. Defaults to an ephemeral message in the CSM channel. */
  container?: Record<string, unknown>;
  /** The message the button was on, as Slack sends it back (a Retry reads its blocks). */
  message?: { ts?: string; blocks?: unknown };
  /** The state of the message's inputs, e.g. the review queue's checkboxes. */
  state?: { values: Record<string, Record<string, unknown>> };
  /** A click in a modal or App Home, where Slack sends no response_url to answer through. */
  withoutResponseUrl?: boolean;
}

/** A button to click: one found in blocks (`findButton`) or named by its action id and value. */
export type ClickTarget = Pick<FoundButton, 'actionId' | 'value' | 'blockId'>;

export interface EventOptions extends Signing {
  eventId?: string;
  /** Slack's redelivery headers: X-Slack-Retry-Num and X-Slack-Retry-Reason. */
  retryNum?: number;
  retryReason?: string;
}

/** A message as Slack received it: chat.postMessage, chat.update or a post to a response_url. */
export interface SeenMessage {
  channel?: string;
  ts?: string;
  text?: string;
  blocks?: unknown[];
  response_type?: string;
  replace_original?: boolean;
}

/** A modal as Slack received it (views.open), with what submitting it needs. */
export interface SeenView {
  callback_id?: string;
  private_metadata?: string;
  blocks: Record<string, unknown>[];
  [key: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function message(call: RecordedCall): SeenMessage {
  const a = call.args;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    channel: str(a.channel),
    ts: str(a.ts) ?? call.ts,
    text: str(a.text),
    blocks: Array.isArray(a.blocks) ? a.blocks : undefined,
    response_type: str(a.response_type),
    replace_original: typeof a.replace_original === 'boolean' ? a.replace_original : undefined,
  };
}

function seenView(view: unknown): SeenView {
  if (!isRecord(view)) throw new Error('Slack was sent no view');
  return { ...view, blocks: blocksOf(view) };
}

export interface HarnessOptions {
  /** The logo check the Settings modal uses; without it a new logo URL is saved on its address alone. */
  imageProbe?: ImageProbe;
  /** HubSpot's connector for Settings → Connectors (a test points it at the fake HubSpot); none by default. */
  hubspot?: () => HubSpotDeps;
  /** The key and base URL of analytics chart and CSV links; without it analytics show numbers only. */
  analytics?: AnalyticsLinkDeps;
}

export function useSlackHarness(workflows: ReviewWorkflows = {}, options: HarnessOptions = {}) {
  const t = useTestDatabase();
  const fake = new FakeSlackApi();
  const holder: { http?: Express; slack?: SlackApp; ctx?: TestServiceContext } = {};
  let inFlight = 0;
  let nextEvent = 1;

  beforeAll(async () => {
    await fake.start();
  });
  beforeEach(() => {
    fake.reset();
    fake.addUser({ ...CSM_PROFILE });
    inFlight = 0;
    const ctx = serviceContext(t.db, NOW);
    const slack = createSlackApp({
      config: {
        botToken: 'xoxb-test',
        signingSecret: TEST_SIGNING_SECRET,
        apiUrl: fake.apiUrl,
        csmChannel: CSM_CHANNEL,
      },
      ctx,
      logger: silentLogger,
      workflows,
      publicUrl: PUBLIC_URL,
      imageProbe: options.imageProbe,
      hubspot: options.hubspot?.(),
      analytics: options.analytics,
    });
    // Bolt acknowledges and then keeps working; counting what it is still processing tells when it is done.
    const processEvent = slack.app.processEvent.bind(slack.app);
    slack.app.processEvent = async (event) => {
      inFlight++;
      try {
        await processEvent(event);
      } finally {
        inFlight--;
      }
    };
    holder.slack = slack;
    holder.ctx = ctx;
    holder.http = createHttpApp({
      logger: silentLogger,
      readiness: { checkDatabase: async () => {} },
      routers: [{ path: '/', router: slack.router! }],
    });
  });
  afterAll(async () => {
    await fake.stop();
  });

  const ctx = () => holder.ctx!;

  /** Waits until Thread has handled every request it received, then fails if Slack would have rejected a call. */
  async function settled(): Promise<void> {
    await waitFor(() => inFlight === 0, { description: 'Thread to finish handling the Slack requests it received' });
    if (fake.rejected.length) throw new Error(`Slack would reject: ${JSON.stringify(fake.rejected)}`);
  }

  async function deliver(req: SignedRequest, headers: Record<string, string> = {}): Promise<Response> {
    const res = await request(holder.http!)
      .post('/slack/events')
      .set({ ...req.headers, ...headers })
      .send(req.body);
    await settled();
    return res;
  }

  const user = (as?: string, team?: string) => ({ id: as ?? CSM, ...(team ? { team_id: team } : {}) });

  return {
    /** The fake Slack Web API itself, for what the harness does not offer (rate limits, raw calls). */
    fake,
    get db() {
      return t.db;
    },
    get ctx() {
      return ctx();
    },
    get slack() {
      return holder.slack!;
    },
    /**
     * The demo organisation, its accounts run by the CSM, whom the operator then makes its admin (`thread people
     * set-role`): the seed added them as a CSM, so they are not let in as the first person, who would be admin.
     */
    async seed() {
      const seeded = await seedDemo(ctx(), { csmSlackUserId: CSM });
      const { organizationId } = await this.actor(CSM);
      await setRole(ctx(), { organizationId, actor: 'cli', person: { slackUserId: CSM }, role: 'admin' });
      return seeded;
    },

    /**
     * The Thread person behind a Slack user of the workspace, as a request of theirs would resolve them (the first
     * person becomes the admin; anyone else must have been added). Through the services, as Slack does.
     */
    async actor(slackUserId: string = CSM): Promise<SlackActor> {
      const org = await resolveOrganizationForSlack(ctx(), {
        teamId: TEAM,
        workspaceName: FAKE_TEAM.name,
        adoptUnboundOrganization: true,
      });
      const m = await resolveSlackMember(ctx(), { organizationId: org.id, slackUserId });
      return {
        organizationId: m.organizationId,
        userId: m.userId,
        slackUserId: m.slackUserId,
        name: m.name,
        role: m.role,
        timeZone: m.timeZone,
      };
    },

    /** An admin (the CSM, the first person, by default) adds a colleague to Thread with a role, as the People screen does. */
    async addPerson(slackUserId: string, role: Role, o: { by?: string; name?: string } = {}): Promise<PersonSummary> {
      const admin = await this.actor(o.by ?? CSM);
      return addPerson(ctx(), {
        organizationId: admin.organizationId,
        actor: { userId: admin.userId },
        slackUserId,
        role,
        name: o.name,
      });
    },

    /**
     * A member's Slack profile changes (name, email…): users.info answers with it from now on, and Slack sends the
     * user_change event, which Thread stores for the people it knows.
     */
    changeProfile(profile: FakeSlackUser): Promise<Response> {
      fake.addUser(profile);
      return this.send({ type: 'user_change', user: slackUser(profile, fake.team.id) });
    },

    /**
     * The scheduler's tick at the action's due time (see plan-steps fireAction: the clock moves forward to it): it
     * fires with whatever else is due, each drafted from its template with its review card posted. Returns the
     * action's card.
     */
    async fire(actionId: string): Promise<SeenMessage> {
      await fireAction(ctx(), actionId, { notifier: holder.slack!.notifier });
      await settled();
      return this.reviewCard(actionId);
    },

    /**
     * The review card of an action as it stands: the message posted when it became ready, with its latest blocks.
     * When what people saw was forgotten, the notifier shows it again (an update in place, as any change does).
     */
    async reviewCard(actionId: string): Promise<SeenMessage> {
      const { reviewCardChannel: channel, reviewCardTs: ts } = await t.db.prisma.action.findUniqueOrThrow({
        where: { id: actionId },
        select: { reviewCardChannel: true, reviewCardTs: true },
      });
      if (!channel || !ts) throw new Error('no review card was posted for this action');
      const seen = () =>
        fake.calls.filter(
          (c) => (c.method === 'chat.postMessage' && c.ts === ts) || (c.method === 'chat.update' && c.args.ts === ts),
        );
      if (seen().length === 0) await holder.slack!.notifier.actionChanged(actionId);
      const latest = seen().at(-1);
      if (!latest) throw new Error(`the review card at ${ts} was never shown`);
      return { ...message(latest), channel, ts };
    },

    /** `/thread <text>`; the response is the acknowledgement (its body is what Slack shows at once). */
    command(text: string, o: CommandOptions = {}): Promise<Response> {
      return deliver(
        slashCommand(
          {
            command: '/thread',
            text,
            user_id: o.as ?? CSM,
            user_name: 'someone',
            team_id: o.team ?? TEAM,
            channel_id: o.channel ?? CSM_CHANNEL,
            response_url: fake.responseUrl(),
            trigger_id: 'trigger.command',
            token: 'x',
          },
          o,
        ),
      );
    },

    /** A click on a button (found in blocks with `findButton`, or named by action id and value). */
    click(target: ClickTarget, o: ClickOptions = {}): Promise<Response> {
      return deliver(
        interaction(
          {
            type: 'block_actions',
            user: user(o.as, o.userTeam),
            team: { id: o.team ?? TEAM },
            trigger_id: 'trigger.click',
            ...(o.container?.channel_id ? { channel: { id: o.container.channel_id, name: 'shared' } } : {}),
            ...(o.withoutResponseUrl ? {} : { response_url: fake.responseUrl() }),
            container: o.container ?? EPHEMERAL_CONTAINER,
            ...(o.message ? { message: o.message } : {}),
            ...(o.state ? { state: o.state } : {}),
            actions: [
              {
                action_id: target.actionId,
                value: target.value,
                type: 'button',
                ...(target.blockId ? { block_id: target.blockId } : {}),
              },
            ],
          },
          o,
        ),
      );
    },

    /**
     * A click on the button labelled `label` in a message people saw: a posted or updated message (the container
     * and the message are the ones Slack would send back), or an ephemeral reply. `value` picks one of several
     * buttons with the same label.
     */
    press(seen: SeenMessage, label: string, o: ClickOptions & { value?: string } = {}): Promise<Response> {
      const where =
        seen.channel && seen.ts
          ? {
              container: { type: 'message', channel_id: seen.channel, message_ts: seen.ts },
              message: { ts: seen.ts, blocks: seen.blocks },
            }
          : {};
      return this.click(findButton(seen.blocks, label, o.value), { ...where, ...o });
    },

    /**
     * A choice in a "…" (overflow) menu of a message people saw: the option with this text, beside the action or
     * milestone whose id is `near` when several menus offer it.
     */
    chooseInMenu(seen: SeenMessage, text: string, o: ClickOptions & { near?: string } = {}): Promise<Response> {
      const option = findMenuOption(seen.blocks, text, o.near);
      return deliver(
        interaction(
          {
            type: 'block_actions',
            user: user(o.as),
            team: { id: o.team ?? TEAM },
            trigger_id: 'trigger.menu',
            response_url: fake.responseUrl(),
            container: o.container ?? EPHEMERAL_CONTAINER,
            actions: [
              {
                action_id: option.actionId,
                type: 'overflow',
                ...(option.blockId ? { block_id: option.blockId } : {}),
                selected_option: { text: { type: 'plain_text', text: option.text }, value: option.value },
              },
            ],
          },
          o,
        ),
      );
    },

    /** A choice in a "…" (overflow) menu inside a modal people saw: Slack sends the view along, so Thread can update it. */
    chooseInViewMenu(view: SeenView, text: string, o: ClickOptions & { near?: string } = {}): Promise<Response> {
      const option = findMenuOption(view.blocks, text, o.near);
      return deliver(
        interaction(
          {
            type: 'block_actions',
            user: user(o.as),
            team: { id: o.team ?? TEAM },
            trigger_id: 'trigger.menu',
            container: { type: 'view', view_id: 'V1' },
            view: { ...view, id: 'V1', hash: 'h1', state: { values: {} } },
            actions: [
              {
                action_id: option.actionId,
                type: 'overflow',
                ...(option.blockId ? { block_id: option.blockId } : {}),
                selected_option: { text: { type: 'plain_text', text: option.text }, value: option.value },
              },
            ],
          },
          o,
        ),
      );
    },

    /** A choice in a static select outside a modal (the account pick list). */
    select(actionId: string, option: { text: string; value: string }, o: ClickOptions = {}): Promise<Response> {
      return deliver(
        interaction(
          {
            type: 'block_actions',
            user: user(o.as),
            team: { id: o.team ?? TEAM },
            response_url: fake.responseUrl(),
            container: o.container ?? EPHEMERAL_CONTAINER,
            actions: [
              {
                action_id: actionId,
                type: 'static_select',
                selected_option: { text: { type: 'plain_text', text: option.text }, value: option.value },
              },
            ],
          },
          o,
        ),
      );
    },

    /**
     * Submits a modal Slack opened, with these values by block id; every input the modal has is sent, empty ones
     * as Slack sends them (null). The response is the acknowledgement: errors, an update, or nothing (closed).
     */
    submitView(
      view: SeenView,
      values: ViewValues = {},
      /** installedTeam: view.app_installed_team_id, the vendor's even when Slack names the submitter's team as the team. */
      o: { as?: string; userTeam?: string; installedTeam?: string } & Signing = {},
    ): Promise<Response> {
      return deliver(
        interaction(
          {
            type: 'view_submission',
            user: user(o.as, o.userTeam),
            team: { id: o.team ?? TEAM },
            view: {
              ...view,
              id: 'V1',
              app_installed_team_id: o.installedTeam ?? o.team ?? TEAM,
              state: { values: viewState(view, values) },
            },
          },
          o,
        ),
      );
    },

    /** An Events API event (e.g. `{ type: 'app_home_opened', user, tab: 'home' }`), as Slack delivers it. */
    send(event: Record<string, unknown>, o: EventOptions = {}): Promise<Response> {
      const headers: Record<string, string> = {};
      if (o.retryNum !== undefined) headers['x-slack-retry-num'] = String(o.retryNum);
      if (o.retryReason !== undefined) headers['x-slack-retry-reason'] = o.retryReason;
      return deliver(
        eventCallback(
          {
            type: 'event_callback',
            team_id: o.team ?? TEAM,
            api_app_id: 'A1',
            event_id: o.eventId ?? `EvHarness${nextEvent++}`,
            event_time: 1,
            event,
          },
          o,
        ),
        headers,
      );
    },

    /** Waits until Thread has finished what Slack asked of it (for requests sent concurrently). */
    settled,

    /** Forgets what people saw so far, so the next assertions read only what follows. */
    forget(): void {
      fake.forgetCalls();
    },

    /** Messages posted (chat.postMessage), in order. */
    get posted(): SeenMessage[] {
      return fake.callsTo('chat.postMessage').map(message);
    },
    /** Messages updated in place (chat.update), in order. */
    get updated(): SeenMessage[] {
      return fake.callsTo('chat.update').map(message);
    },
    /** Replies to a command or click through its response_url (ephemeral unless they say otherwise), in order. */
    get replies(): SeenMessage[] {
      return fake.callsTo('response_url').map(message);
    },
    /** Modals opened (views.open), in order. */
    get opened(): SeenView[] {
      return fake.callsTo('views.open').map((c) => seenView(c.args.view));
    },
    /** Modals pushed onto an open one (views.push), in order. */
    get pushed(): SeenView[] {
      return fake.callsTo('views.push').map((c) => seenView(c.args.view));
    },
    /** Modals updated in place (views.update), in order. */
    get viewUpdates(): SeenView[] {
      return fake.callsTo('views.update').map((c) => seenView(c.args.view));
    },
    /**
     * A choice in a static select inside a modal that people saw (the role beside a person): Slack sends the view
     * along, so Thread can update it.
     */
    selectInView(
      view: SeenView,
      actionId: string,
      option: { text: string; value: string },
      o: ClickOptions = {},
    ): Promise<Response> {
      return deliver(
        interaction(
          {
            type: 'block_actions',
            user: user(o.as),
            team: { id: TEAM },
            trigger_id: 'trigger.select',
            container: { type: 'view', view_id: 'V1' },
            view: { ...view, id: 'V1', hash: 'h1', state: { values: {} } },
            actions: [
              {
                action_id: actionId,
                type: 'static_select',
                selected_option: { text: { type: 'plain_text', text: option.text }, value: option.value },
              },
            ],
          },
          o,
        ),
      );
    },
    /**
     * A click on the button labelled `label` inside a modal people saw (the People modal's Next): Slack sends the
     * view along, so Thread can update it.
     */
    pressInView(view: SeenView, label: string, o: ClickOptions & { value?: string } = {}): Promise<Response> {
      const target = findButton(view.blocks, label, o.value);
      return deliver(
        interaction(
          {
            type: 'block_actions',
            user: user(o.as),
            team: { id: o.team ?? TEAM },
            trigger_id: 'trigger.click',
            container: { type: 'view', view_id: 'V1' },
            view: { ...view, id: 'V1', hash: 'h1', state: { values: {} } },
            actions: [{ action_id: target.actionId, value: target.value, type: 'button' }],
          },
          o,
        ),
      );
    },
    /** App Homes published (views.publish), with whose Home it was, in order. */
    get published(): { userId: string; view: SeenView }[] {
      return fake
        .callsTo('views.publish')
        .map((c) => ({ userId: String(c.args.user_id), view: seenView(c.args.view) }));
    },

    /** The last reply; fails when there was none. */
    lastReply(): SeenMessage {
      return last(this.replies, 'a reply through the response_url');
    },
    /** The last modal opened; fails when none was. */
    lastOpened(): SeenView {
      return last(this.opened, 'a modal opened');
    },
    /** The last message posted; fails when none was. */
    lastPosted(): SeenMessage {
      return last(this.posted, 'a message posted');
    },
    /** The last update of a message; fails when none was. */
    lastUpdated(): SeenMessage {
      return last(this.updated, 'a message updated');
    },
  };
}

function last<T>(list: T[], what: string): T {
  const found = list.at(-1);
  if (found === undefined) throw new Error(`expected ${what}, but Slack saw none`);
  return found;
}

export type SlackHarness = ReturnType<typeof useSlackHarness>;
