/**
 * The Slack side of the Notifier port: review cards posted to the account's CSM channel (else the organisation's
 * default CSM channel from Settings, else SLACK_CSM_CHANNEL) and then updated in place (chat.update on the stored
 * channel/ts), App Home refreshes for the people concerned, and every other notification rendered here from the
 * facts a service handed over.
 *
 * A first card is posted under a claim (claimReviewCardPost), so a tick, another process's tick and a button never
 * post it twice; a failed post gives the claim back for the next tick. A CSM who takes review cards in the morning
 * digest gets none posted. When Slack refuses a channel (Thread not in it), the admins are told once how to invite
 * Thread, and the error still reaches the caller so the work is retried.
 *
 * Every call goes out with the organisation's own client (SlackClients): with OAuth installs, an organisation whose
 * installation was removed gets nothing, and the log says so.
 */
import type { WebClient } from '@slack/web-api';
import { findOwningOrganization } from '../services/organizations/find-owning-organization';
import type { SlackClients } from './slack-clients';
import { createCoalescer } from '../lib/coalesce';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import { getHome } from '../services/home/get-home';
import { listHomeAudience } from '../services/home/list-home-audience';
import { listHomeAudiences } from '../services/home/list-home-audiences';
import type { CardFailure, NotificationMessage, Notifier } from '../services/notifications/notifier-port';
import type {
  DailyDigest,
  HandoffOpenedNotice,
  HandoffOverdueNotice,
  HandoffRequestNotice,
  HandoffSubmittedNotice,
  PortalAnswerReceived,
  SubmissionReviewNotice,
} from '../services/notifications/notification-facts';
import { getHandoffSummary } from '../services/accounts/get-handoff-summary';
import { listHandoffFindings } from '../services/handoff/list-handoff-findings';
import { handoffFindingBlocks } from './blocks/handoff-findings';
import { findSlackDestination } from '../services/notifications/find-slack-destination';
import { forgetUnreachableChannel } from '../services/notifications/forget-unreachable-channel';
import {
  reportUnreachableChannel,
  UNREACHABLE_CHANNEL_ERRORS,
  type UnreachableChannelError,
} from '../services/notifications/report-unreachable-channel';
import { claimCustomerChannelPost } from '../services/portal/claim-customer-channel-post';
import { getClosedCustomerChannelPost } from '../services/portal/get-closed-customer-channel-post';
import { recordCustomerChannelPost } from '../services/portal/record-customer-channel-post';
import { releaseCustomerChannelPost } from '../services/portal/release-customer-channel-post';
import { claimReviewCardPost, type ReviewCardClaim } from '../services/review/claim-review-card-post';
import { claimReviewCardPosts } from '../services/review/claim-review-card-posts';
import { getReviewCard } from '../services/review/get-review-card';
import { getReviewCards } from '../services/review/get-review-cards';
import { recordReviewCard } from '../services/review/record-review-card';
import { releaseReviewCardPost } from '../services/review/release-review-card-post';
import type { ReviewCardData } from '../services/review/review-card-data';
import { buildChannelInviteNotice } from './blocks/channel-invite-notice';
import { buildCustomerChannelRequest, buildCustomerChannelRequestClosed } from './blocks/customer-channel';
import {
  buildHandoffCard,
  buildHandoffOpened,
  buildHandoffOverdue,
  buildHandoffRequest,
} from './blocks/handoff-notices';
import { buildHome } from './blocks/home';
import { buildPortalAnswerCard } from './blocks/portal-answer';
import { buildReviewCard } from './blocks/review-card';
import { buildDailyDigest } from './blocks/daily-digest';
import type { SlackMessage } from './blocks/slack-message';
import { buildSubmissionReviewEscalation, buildSubmissionReviewReminder } from './blocks/submission-review';

type Outgoing = NotificationMessage | SlackMessage;

/** A review card this process just posted, with what it showed. */
interface PostedCard {
  actionId: string;
  accountId: string;
  channel: string;
  ts: string;
  message: SlackMessage;
}

/** Review cards a batch posts or refreshes at once: Slack's per-channel pace, not the database, sets the rhythm. */
const CARD_CONCURRENCY = 4;

/** A card is posted the first time its action is ready (unless its CSM takes cards in the digest); not before. */
function isFirstCard(card: ReviewCardData): boolean {
  return !card.cardTs && card.status === 'ready' && card.cardDelivery === 'as_they_come';
}

/** What a notification is about, which says whose Slack it goes to. */
type Concerning = { accountId: string } | { userId: string } | { actionId: string } | { organizationId: string };

export class SlackNotifier implements Notifier {
  /**
   * One App Home publish per person at a time; the changes that arrive meanwhile share one more publish. A Home
   * shows every account of its person, so a burst of clicks or a tick's fired actions would otherwise rebuild it
   * once per change, each from the same data.
   */
  private readonly homes = createCoalescer();

  constructor(
    private readonly clients: SlackClients,
    private readonly ctx: ServiceContext,
    private readonly logger: Logger,
    private readonly defaultChannel?: string,
  ) {}

  /**
   * The organisation's client, or null when it has no Slack installation (any more): the notification is dropped,
   * said in the log, and the caller carries on as if it had been sent (nothing will ever deliver it).
   */
  private async clientFor(concerning: Concerning, what: string): Promise<WebClient | null> {
    if (this.clients.single) return this.clients.single;
    const organizationId =
      'organizationId' in concerning ? concerning.organizationId : await findOwningOrganization(this.ctx, concerning);
    if (!organizationId) return null;
    const client = await this.clients.forOrganization(organizationId);
    if (!client)
      this.logger.info(
        { organizationId, ...concerning },
        `Thread is not installed in this organisation's Slack (uninstalled or revoked): ${what} not sent`,
      );
    return client;
  }

  async actionChanged(actionId: string): Promise<void> {
    const client = await this.clientFor({ actionId }, 'review card');
    if (!client) return;
    const card = await getReviewCard(this.ctx, { actionId });
    const reachable = new Set<string>();
    let posted: PostedCard | null = null;
    if (isFirstCard(card)) {
      const claim = await claimReviewCardPost(this.ctx, { actionId });
      // No claim: posted already, no longer ready, or being posted by someone else right now.
      if (claim) posted = await this.postClaimedCard(client, card, claim, reachable);
    } else await this.showCard(client, card, reachable);
    if (posted)
      await this.bringUpToDate(
        [posted],
        async () => client,
        () => reachable,
      );
    await this.accountChanged(card.accountId);
  }

  async actionsChanged(actionIds: readonly string[]): Promise<CardFailure[]> {
    const failures: CardFailure[] = [];
    const cards = await getReviewCards(this.ctx, { actionIds: [...actionIds] });
    if (cards.length === 0) return failures;
    // Per batch: each account's client found once, the first cards claimed in one statement, and each channel's
    // "Thread can post here again" said once.
    const clients = new Map<string, Promise<WebClient | null>>();
    const clientOf = (accountId: string) => {
      let client = clients.get(accountId);
      if (!client) {
        client = this.clientFor({ accountId }, 'review card');
        clients.set(accountId, client);
      }
      return client;
    };
    const claims = new Map(
      (await claimReviewCardPosts(this.ctx, { actionIds: cards.filter(isFirstCard).map((c) => c.actionId) })).map(
        (claim) => [claim.actionId, claim],
      ),
    );
    const reachableBy = new Map<WebClient, Set<string>>();
    const reachable = (client: WebClient) => {
      let channels = reachableBy.get(client);
      if (!channels) {
        channels = new Set();
        reachableBy.set(client, channels);
      }
      return channels;
    };
    const posted: PostedCard[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cards.length) {
        const card = cards[next++]!;
        const claim = claims.get(card.actionId);
        try {
          const client = await clientOf(card.accountId);
          if (!client) {
            if (claim) await releaseReviewCardPost(this.ctx, claim);
            continue;
          }
          if (claim) {
            const shown = await this.postClaimedCard(client, card, claim, reachable(client));
            if (shown) posted.push(shown);
          } else if (!isFirstCard(card)) await this.showCard(client, card, reachable(client));
        } catch (error) {
          failures.push({ actionId: card.actionId, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CARD_CONCURRENCY, cards.length) }, worker));
    try {
      await this.bringUpToDate(posted, clientOf, reachable);
      await this.homesChanged(cards.map((c) => c.accountId));
    } catch (error) {
      // The cards are out; a Home or a late refresh that failed is put right by the next change.
      this.logger.warn({ err: error }, 'refreshing after a batch of review cards failed');
    }
    return failures;
  }

  /** A card that exists, updated in place to show the action as it is; a sent or skipped request's post closed. */
  private async showCard(client: WebClient, card: ReviewCardData, reachable: Set<string>): Promise<void> {
    if (card.cardChannel && card.cardTs) {
      const message = buildReviewCard(card);
      const { cardChannel: channel, cardTs: ts } = card;
      await this.inAccountChannel(
        client,
        card.accountId,
        channel,
        () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
        reachable,
      );
    }
    if (card.status === 'completed' || card.status === 'skipped') await this.closeCustomerPost(card.actionId);
  }

  /** Posts an action's first card under the claim taken for it; a failed post gives the claim back. */
  private async postClaimedCard(
    client: WebClient,
    seen: ReviewCardData,
    claim: ReviewCardClaim,
    reachable: Set<string>,
  ): Promise<PostedCard | null> {
    let posted: { channel?: string; ts?: string } | undefined;
    const message = buildReviewCard(seen);
    try {
      const channel = seen.accountChannel ?? seen.organizationChannel ?? this.defaultChannel;
      if (channel) {
        posted = await this.inAccountChannel(
          client,
          seen.accountId,
          channel,
          () => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }),
          reachable,
        );
      } else {
        this.logger.warn(
          { actionId: seen.actionId },
          'no CSM channel for the account, no default CSM channel in Settings and SLACK_CSM_CHANNEL is not set: review card not posted',
        );
      }
    } catch (error) {
      await releaseReviewCardPost(this.ctx, claim);
      throw error;
    }
    // Once Slack has the card, the claim stays even if recording fails: a card posted twice is worse than a late one.
    if (!posted?.channel || !posted.ts) {
      await releaseReviewCardPost(this.ctx, claim);
      return null;
    }
    await recordReviewCard(this.ctx, { actionId: seen.actionId, channel: posted.channel, ts: posted.ts });
    return { actionId: seen.actionId, accountId: seen.accountId, channel: posted.channel, ts: posted.ts, message };
  }

  /**
   * Cards just posted show their actions as they were read before posting. A change made since (an AI draft stored,
   * an edit) found no card to update then; the actions are read again now, after the cards were recorded, and any
   * card that would look different is updated in place.
   */
  private async bringUpToDate(
    posted: PostedCard[],
    clientOf: (accountId: string) => Promise<WebClient | null>,
    reachable: (client: WebClient) => Set<string>,
  ): Promise<void> {
    if (posted.length === 0) return;
    const now = await getReviewCards(this.ctx, { actionIds: posted.map((p) => p.actionId) });
    const byId = new Map(now.map((card) => [card.actionId, buildReviewCard(card)]));
    for (const card of posted) {
      const message = byId.get(card.actionId);
      if (!message || JSON.stringify(message) === JSON.stringify(card.message)) continue;
      const client = await clientOf(card.accountId);
      if (!client) continue;
      await this.inAccountChannel(
        client,
        card.accountId,
        card.channel,
        () => client.chat.update({ channel: card.channel, ts: card.ts, text: message.text, blocks: message.blocks }),
        reachable(client),
      );
    }
  }

  /** The App Homes that show any of these accounts, each refreshed once. */
  private async homesChanged(accountIds: string[]): Promise<void> {
    const audience = await listHomeAudiences(this.ctx, { accountIds: [...new Set(accountIds)] });
    for (const person of audience) await this.publishHome(person.organizationId, person.userId, person.slackUserId);
  }

  async accountChanged(accountId: string): Promise<void> {
    const audience = await listHomeAudience(this.ctx, { accountId });
    for (const person of audience) await this.publishHome(person.organizationId, person.userId, person.slackUserId);
  }

  async publishHome(organizationId: string, userId: string, slackUserId: string): Promise<void> {
    await this.homes.run(`${organizationId}:${userId}`, async () => {
      const client = await this.clientFor({ organizationId }, 'App Home');
      if (!client) return;
      const home = await getHome(this.ctx, { organizationId, userId });
      await client.views.publish({ user_id: slackUserId, view: buildHome(home) });
    });
  }

  async notifyUser(userId: string, message: NotificationMessage): Promise<void> {
    await this.postToUser(userId, message, 'a notification');
  }

  async notifyAccountChannel(accountId: string, message: NotificationMessage): Promise<void> {
    await this.postToAccountChannel(accountId, message, 'an account channel notification');
  }

  async sendDigest(userId: string, digest: DailyDigest): Promise<void> {
    await this.postToUser(userId, buildDailyDigest(digest), 'the daily digest');
  }

  async submissionReviewReminder(accountId: string, notice: SubmissionReviewNotice): Promise<void> {
    await this.postToAccountChannel(accountId, buildSubmissionReviewReminder(notice), 'a review reminder');
  }

  async submissionReviewEscalation(userId: string, notice: SubmissionReviewNotice): Promise<void> {
    await this.postToUser(userId, buildSubmissionReviewEscalation(notice), 'a review escalation');
  }

  async portalAnswerReceived(answer: PortalAnswerReceived): Promise<void> {
    await this.postToAccountChannel(answer.accountId, buildPortalAnswerCard(answer), 'a portal answer');
  }

  async portalRequestSent(actionId: string): Promise<void> {
    // Before the claim: an organisation that uninstalled Thread gets no post, and no claim is left waiting for one.
    const client = await this.clientFor({ actionId }, 'customer channel post');
    if (!client) return;
    const request = await claimCustomerChannelPost(this.ctx, { actionId });
    if (!request) return; // no customer channel, not a sent portal request, or posted already (or being posted)
    let posted: { channel?: string; ts?: string };
    try {
      const message = buildCustomerChannelRequest(request);
      posted = await this.inAccountChannel(client, request.accountId, request.channel, () =>
        client.chat.postMessage({
          channel: request.channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    } catch (error) {
      await releaseCustomerChannelPost(this.ctx, { actionId, until: request.until });
      throw error;
    }
    // Once Slack has the post, the claim stays even if recording fails: posted twice is worse than not recorded.
    if (posted.channel && posted.ts)
      await recordCustomerChannelPost(this.ctx, { actionId, channel: posted.channel, ts: posted.ts });
  }

  /** An answered or withdrawn request's post in the customer channel loses its button. */
  private async closeCustomerPost(actionId: string): Promise<void> {
    const post = await getClosedCustomerChannelPost(this.ctx, { actionId });
    if (!post) return;
    const client = await this.clientFor({ actionId }, 'closing a customer channel post');
    if (!client) return;
    const message = buildCustomerChannelRequestClosed(post);
    await this.inAccountChannel(client, post.accountId, post.channel, () =>
      client.chat.update({ channel: post.channel, ts: post.ts, text: message.text, blocks: message.blocks }),
    );
  }

  async handoffRequested(userId: string, notice: HandoffRequestNotice): Promise<void> {
    await this.postToUser(userId, buildHandoffRequest(notice), 'a handoff request');
  }

  async handoffOpened(notice: HandoffOpenedNotice): Promise<void> {
    await this.postToCsm(notice.accountId, notice.csmUserId, buildHandoffOpened(notice), 'a handoff notice');
  }

  async handoffOverdue(userId: string, notice: HandoffOverdueNotice): Promise<void> {
    await this.postToUser(userId, buildHandoffOverdue(notice), 'a handoff overdue notice');
  }

  async handoffSubmitted(notice: HandoffSubmittedNotice): Promise<void> {
    const summary = await getHandoffSummary(this.ctx, {
      organizationId: notice.organizationId,
      accountId: notice.accountId,
    });
    // The contradiction check ran before this (announceHandoff): its findings come on the card with Accept / Dismiss.
    const findings = await listHandoffFindings(this.ctx, {
      organizationId: notice.organizationId,
      accountId: notice.accountId,
    });
    await this.postToCsm(
      notice.accountId,
      notice.csmUserId,
      buildHandoffCard(notice, summary, handoffFindingBlocks(findings)),
      'the handoff card',
    );
  }

  /** To the account's CSM by DM; an account without a CSM (or one Slack cannot reach) gets it in its CSM channel. */
  private async postToCsm(accountId: string, csmUserId: string | null, message: Outgoing, what: string): Promise<void> {
    const client = await this.clientFor({ accountId }, what);
    if (!client) return;
    const dm = csmUserId ? await findSlackDestination(this.ctx, { userId: csmUserId }) : null;
    if (dm) await this.post(client, dm, message);
    else await this.postInAccountChannel(client, accountId, message);
  }

  private async postToUser(userId: string, message: Outgoing, what: string): Promise<void> {
    const client = await this.clientFor({ userId }, what);
    if (!client) return;
    const channel = await findSlackDestination(this.ctx, { userId });
    if (channel) await this.post(client, channel, message);
  }

  private async postToAccountChannel(accountId: string, message: Outgoing, what: string): Promise<void> {
    const client = await this.clientFor({ accountId }, what);
    if (client) await this.postInAccountChannel(client, accountId, message);
  }

  private async postInAccountChannel(client: WebClient, accountId: string, message: Outgoing): Promise<void> {
    const channel = (await findSlackDestination(this.ctx, { accountId })) ?? this.defaultChannel;
    if (channel) await this.inAccountChannel(client, accountId, channel, () => this.post(client, channel, message));
  }

  private async post(client: WebClient, channel: string, message: Outgoing): Promise<void> {
    await client.chat.postMessage({
      channel,
      text: message.text,
      ...('blocks' in message ? { blocks: message.blocks } : {}),
    });
  }

  /**
   * Runs one call to an account's channel. Success forgets an earlier "Thread cannot post here"; Slack refusing the
   * channel tells the admins how to invite Thread, once per channel. The call's own error is thrown either way.
   */
  private async inAccountChannel<T>(
    client: WebClient,
    accountId: string,
    channel: string,
    call: () => Promise<T>,
    /**
     * Channels already known reachable in this batch, with this client (so in this organisation): an earlier
     * "Thread cannot post here" is forgotten once, not once per card.
     */
    reachable?: Set<string>,
  ): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      const refused = channelRefusal(error);
      if (refused) await this.tellAdminsOnce(client, accountId, channel, refused);
      throw error;
    }
    if (!reachable?.has(channel)) {
      await forgetUnreachableChannel(this.ctx, { accountId, channelId: channel });
      reachable?.add(channel);
    }
    return result;
  }

  private async tellAdminsOnce(
    client: WebClient,
    accountId: string,
    channelId: string,
    error: UnreachableChannelError,
  ): Promise<void> {
    try {
      const notice = await reportUnreachableChannel(this.ctx, { accountId, channelId, error });
      if (!notice) return;
      const message = buildChannelInviteNotice(notice);
      for (const admin of notice.adminSlackUserIds) await this.post(client, admin, message);
    } catch (failure) {
      // The refused post is what the caller must hear about (it is retried); telling the admins is a courtesy.
      this.logger.error({ err: failure, channelId }, 'telling the admins that Thread cannot post in a channel failed');
    }
  }
}

/** Slack's error code when it refused a post because of the channel itself (Thread not in it, or cannot see it). */
function channelRefusal(error: unknown): UnreachableChannelError | null {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return UNREACHABLE_CHANNEL_ERRORS.find((c) => c === code) ?? null;
}
