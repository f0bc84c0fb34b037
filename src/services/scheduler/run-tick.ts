/**
 * One scheduler tick: post the review cards earlier ticks could not, fire due actions, watch both review clocks and
 * the handoff clock (the AE reminded, the CSM and admins told), send the daily digests that are due, refresh at-risk suggestions, and rebuild the slip ledgers not yet rebuilt today. The server's scheduler and `thread tick` run
 * this same function with the same ports (composition/compose-thread.ts). Each step runs even when an earlier one failed (a digest problem must not stop actions
 * from firing); failures are returned for the caller to log or print.
 */
import type { ServiceContext } from '../context';
import type { Mailer, PortalLinks } from '../execution/ports';
import type { Notifier } from '../notifications/notifier-port';
import type { AiDraftQueue } from '../drafting/ai-drafts/ai-draft-queue-port';
import { postMissedReviewCards, type MissedReviewCardsResult } from './post-missed-review-cards';
import { postMissedCustomerChannelPosts, type MissedChannelPostsResult } from './post-missed-customer-channel-posts';
import {
  fireDueActions,
  type DraftHook,
  type FireDueActionsOptions,
  type FireDueActionsResult,
} from './fire-due-actions';
import { remindUnansweredPortalRequests, type PortalRemindersResult } from './remind-unanswered-portal-requests';
import { refreshSlipLedgers, type SlipLedgersResult } from './refresh-slip-ledgers';
import { remindPendingHandoffs, type HandoffClockResult } from './remind-pending-handoffs';
import { remindUnreviewedSubmissions, type SubmissionClockResult } from './remind-unreviewed-submissions';
import { sendDailyDigests, type DailyDigestsResult } from './send-daily-digests';
import { suggestAtRisk, type AtRiskResult } from './suggest-at-risk';

export interface TickDeps {
  /** Slack (or silence when Slack is off). */
  notifier: Notifier;
  /**
   * False when nobody would hear the notifications (Slack is not configured): steps that only notify (missed
   * review cards, submission clocks, digests) are left for a process that can, instead of being marked done while
   * nobody was told.
   */
  canNotify: boolean;
  /** Undefined when email is off: portal reminders wait. */
  mailer?: Mailer;
  /**
   * Drafts an action that just became ready, one at a time (tests, the demo history). Without it each batch gets the
   * template's drafts at once, queued for their AI drafts when `aiDrafts` is there.
   */
  draft?: DraftHook;
  /** The AI draft pool when an AI drafter is configured; woken, never awaited. */
  aiDrafts?: AiDraftQueue;
  /** Fresh portal links for reminder emails; without it the email points to the portal in words. */
  portalLinks?: PortalLinks;
  /** Base of the handoff form's links (PUBLIC_URL), for reminders to an AE outside Slack. */
  publicUrl?: string;
}

export interface TickReport {
  startedAt: Date;
  missedCards?: MissedReviewCardsResult;
  missedChannelPosts?: MissedChannelPostsResult;
  fire?: FireDueActionsResult;
  submissionClocks?: SubmissionClockResult;
  portalReminders?: PortalRemindersResult;
  digests?: DailyDigestsResult;
  atRisk?: AtRiskResult;
  handoffs?: HandoffClockResult;
  slipLedgers?: SlipLedgersResult;
  skipped: { step: string; reason: string }[];
  errors: { step: string; message: string }[];
  /** How long each step that ran took, in milliseconds (the log shows where a slow tick spent its time). */
  stepMs: Record<string, number>;
}

export async function runTick(
  ctx: ServiceContext,
  deps: TickDeps,
  options: FireDueActionsOptions = {},
): Promise<TickReport> {
  const report: TickReport = { startedAt: ctx.now(), skipped: [], errors: [], stepMs: {} };
  const step = async (name: string, work: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.errors.push({ step: name, message });
      ctx.logger.error({ err: error, step: name }, 'scheduler tick step failed');
    } finally {
      report.stepMs[name] = Math.round(performance.now() - started);
    }
  };

  if (deps.canNotify) {
    // Before firing, so the cards left over from earlier ticks come first and this tick's new ones are not retried
    // in the same minute they failed.
    await step('missed review cards', async () => {
      report.missedCards = await postMissedReviewCards(ctx, { notifier: deps.notifier });
    });
    await step('missed customer channel posts', async () => {
      report.missedChannelPosts = await postMissedCustomerChannelPosts(ctx, { notifier: deps.notifier });
    });
  } else {
    report.skipped.push({ step: 'missed review cards', reason: 'no Slack to post them to' });
  }
  await step('fire due actions', async () => {
    report.fire = await fireDueActions(
      ctx,
      {
        notifier: deps.notifier,
        draft: deps.draft,
        portalLinkAtSend: deps.portalLinks !== undefined,
        aiDrafts: deps.aiDrafts,
      },
      options,
    );
  });
  if (deps.canNotify) {
    await step('submission review clocks', async () => {
      report.submissionClocks = await remindUnreviewedSubmissions(ctx, { notifier: deps.notifier });
    });
  } else {
    report.skipped.push({ step: 'submission review clocks', reason: 'no Slack to remind the CSM through' });
  }
  if (deps.canNotify) {
    await step('handoff reminders', async () => {
      report.handoffs = await remindPendingHandoffs(ctx, {
        notifier: deps.notifier,
        mailer: deps.mailer,
        publicUrl: deps.publicUrl,
      });
    });
  } else {
    report.skipped.push({ step: 'handoff reminders', reason: 'no Slack to remind the AE and tell the CSM through' });
  }
  if (deps.mailer) {
    const mailer = deps.mailer;
    await step('portal request reminders', async () => {
      report.portalReminders = await remindUnansweredPortalRequests(ctx, { mailer, portalLinks: deps.portalLinks });
    });
  } else {
    report.skipped.push({ step: 'portal request reminders', reason: 'email is not configured (SMTP_URL, EMAIL_FROM)' });
  }
  if (deps.canNotify) {
    await step('daily digests', async () => {
      report.digests = await sendDailyDigests(ctx, { notifier: deps.notifier });
    });
  } else {
    report.skipped.push({ step: 'daily digests', reason: 'no Slack to send them through' });
  }
  await step('at-risk suggestions', async () => {
    report.atRisk = await suggestAtRisk(ctx, { notifier: deps.notifier });
  });
  // Last: nothing waits on it within the tick, and it is the step with the longest backlog after a downtime.
  await step('slip ledgers', async () => {
    report.slipLedgers = await refreshSlipLedgers(ctx);
  });
  return report;
}
