/**
 * The Slack side of the Notifier port: review cards posted to the account's CSM channel (else the organisation's
 * default CSM channel from Settings, else SLACK_CSM_CHANNEL) and
 * then updated in place (chat.update on the stored channel/ts), App Home refreshes for the people concerned, and
 * every other notification rendered here from the facts a service handed over.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import { getHome } from '../services/home/get-home';
import { listHomeAudience } from '../services/home/list-home-audience';
import type { NotificationMessage, Notifier } from '../services/notifications/notifier-port';
import type {
  DailyDigest,
  PortalAnswerReceived,
  SubmissionReviewNotice,
} from '../services/notifications/notification-facts';
import { findSlackDestination } from '../services/notifications/find-slack-destination';
import { getReviewCard } from '../services/review/get-review-card';
import { recordReviewCard } from '../services/review/record-review-card';
import { buildHome } from './blocks/home';
import { buildPortalAnswerCard } from './blocks/portal-answer';
import { buildReviewCard } from './blocks/review-card';
import { buildDailyDigest } from './blocks/daily-digest';
import type { SlackMessage } from './blocks/slack-message';
import { buildSubmissionReviewEscalation, buildSubmissionReviewReminder } from './blocks/submission-review';

export class SlackNotifier implements Notifier {
  constructor(
    private readonly client: WebClient,
    private readonly ctx: ServiceContext,
    private readonly logger: Logger,
    private readonly defaultChannel?: string,
  ) {}

  async actionChanged(actionId: string): Promise<void> {
    const card = await getReviewCard(this.ctx, { actionId });
    const message = buildReviewCard(card);
    if (card.cardChannel && card.cardTs) {
      await this.client.chat.update({
        channel: card.cardChannel,
        ts: card.cardTs,
        text: message.text,
        blocks: message.blocks,
      });
    } else if (card.status === 'ready') {
      // A card is posted the first time an action is ready; before that there is nothing to review.
      const channel =
        card.accountChannel ??
        (await findSlackDestination(this.ctx, { accountId: card.accountId })) ??
        this.defaultChannel;
      if (!channel) {
        this.logger.warn(
          { actionId },
          'no CSM channel for the account, no default CSM channel in Settings and SLACK_CSM_CHANNEL is not set: review card not posted',
        );
      } else {
        const posted = await this.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
        });
        if (posted.channel && posted.ts)
          await recordReviewCard(this.ctx, { actionId, channel: posted.channel, ts: posted.ts });
      }
    }
    await this.accountChanged(card.accountId);
  }

  async accountChanged(accountId: string): Promise<void> {
    const audience = await listHomeAudience(this.ctx, { accountId });
    for (const person of audience) await this.publishHome(person.organizationId, person.userId, person.slackUserId);
  }

  async publishHome(organizationId: string, userId: string, slackUserId: string): Promise<void> {
    const home = await getHome(this.ctx, { organizationId, userId });
    await this.client.views.publish({ user_id: slackUserId, view: buildHome(home) });
  }

  async notifyUser(userId: string, message: NotificationMessage): Promise<void> {
    await this.postToUser(userId, message);
  }

  async notifyAccountChannel(accountId: string, message: NotificationMessage): Promise<void> {
    await this.postToAccountChannel(accountId, message);
  }

  async sendDigest(userId: string, digest: DailyDigest): Promise<void> {
    await this.postToUser(userId, buildDailyDigest(digest));
  }

  async submissionReviewReminder(accountId: string, notice: SubmissionReviewNotice): Promise<void> {
    await this.postToAccountChannel(accountId, buildSubmissionReviewReminder(notice));
  }

  async submissionReviewEscalation(userId: string, notice: SubmissionReviewNotice): Promise<void> {
    await this.postToUser(userId, buildSubmissionReviewEscalation(notice));
  }

  async portalAnswerReceived(answer: PortalAnswerReceived): Promise<void> {
    await this.postToAccountChannel(answer.accountId, buildPortalAnswerCard(answer));
  }

  private async postToUser(userId: string, message: NotificationMessage | SlackMessage): Promise<void> {
    const channel = await findSlackDestination(this.ctx, { userId });
    if (channel) await this.post(channel, message);
  }

  private async postToAccountChannel(accountId: string, message: NotificationMessage | SlackMessage): Promise<void> {
    const channel = (await findSlackDestination(this.ctx, { accountId })) ?? this.defaultChannel;
    if (channel) await this.post(channel, message);
  }

  private async post(channel: string, message: NotificationMessage | SlackMessage): Promise<void> {
    await this.client.chat.postMessage({
      channel,
      text: message.text,
      ...('blocks' in message ? { blocks: message.blocks } : {}),
    });
  }
}
