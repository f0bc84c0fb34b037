import type { Command } from 'commander';
import { composeThread } from '../../composition/compose-thread';
import { resolveEncryptionKey } from '../../db/encryption-key';
import { databaseLeases, TICK_JOB_ID, tickJob } from '../../jobs/thread-scheduler';
import type { AiDraftPoolStats } from '../../jobs/ai-draft-pool';
import { createScheduler } from '../../jobs/scheduler';
import type { TickReport } from '../../services/scheduler/run-tick';
import { withSession } from '../session';

/** What one tick did, for people. */
export function describeTick(report: TickReport): string[] {
  const lines: string[] = [];
  const missed = report.missedCards;
  if (missed && (missed.posted.length > 0 || missed.failed.length > 0)) {
    lines.push(
      `Review cards an earlier tick could not post: ${missed.posted.length} now in their channel${missed.failed.length ? `, ${missed.failed.length} still failing` : ''}.`,
    );
    for (const f of missed.failed.slice(0, 20)) lines.push(`  card not posted for ${f.actionId}: ${f.message}`);
  }
  const channelPosts = report.missedChannelPosts;
  if (channelPosts && (channelPosts.posted.length > 0 || channelPosts.failed.length > 0)) {
    lines.push(
      `Portal requests an earlier post could not put in the customer channel: ${channelPosts.posted.length} now posted${channelPosts.failed.length ? `, ${channelPosts.failed.length} still failing` : ''}.`,
    );
  }
  const fire = report.fire;
  if (fire) {
    lines.push(
      `Fired ${fire.fired.length} due action${fire.fired.length === 1 ? '' : 's'} in ${fire.batches} batch${fire.batches === 1 ? '' : 'es'}${fire.more ? ' (more are due: the next tick continues)' : ''}.`,
    );
    for (const a of fire.fired.slice(0, 20)) lines.push(`  ready: ${a.name} (${a.id}), due ${a.dueAt.toISOString()}`);
    if (fire.fired.length > 20) lines.push(`  … and ${fire.fired.length - 20} more`);
    for (const h of fire.held) lines.push(`  held: ${h.id}: ${h.reason}`);
    for (const f of fire.failures) lines.push(`  ${f.step} failed for ${f.actionId}: ${f.message}`);
  }
  if (report.submissionClocks) {
    const clocks = report.submissionClocks;
    lines.push(
      `Submission reviews: ${clocks.reminded.length} reminder(s)${clocks.held.length ? `, ${clocks.held.length} held for a morning digest` : ''}, ${clocks.escalated.length} escalation(s)${clocks.failed.length ? `, ${clocks.failed.length} not delivered (retried next tick)` : ''}.`,
    );
  }
  if (report.portalReminders) {
    lines.push(
      `Portal reminders: ${report.portalReminders.sent.length} emailed${report.portalReminders.failed.length ? `, ${report.portalReminders.failed.length} failed` : ''}${report.portalReminders.noContact.length ? `, ${report.portalReminders.noContact.length} with no contact to write to` : ''}.`,
    );
  }
  if (report.handoffs) {
    const h = report.handoffs;
    lines.push(
      `Handoffs: ${h.reminded.length} AE reminder(s)${h.unreachable.length ? `, ${h.unreachable.length} AE(s) with no way to be reached` : ''}, ${h.escalated.length} overdue notice(s)${h.failed.length ? `, ${h.failed.length} not delivered (retried next tick)` : ''}.`,
    );
  }
  if (report.digests) lines.push(`Daily digests: ${report.digests.sent.length} sent.`);
  if (report.atRisk)
    lines.push(
      `At-risk suggestions: ${report.atRisk.suggested.length} new, ${report.atRisk.withdrawn.length} withdrawn.`,
    );
  if (report.slipLedgers) {
    const l = report.slipLedgers;
    lines.push(
      `Slip ledgers: ${l.refreshed.length} account${l.refreshed.length === 1 ? '' : 's'} refreshed${l.more ? ' (more are due: the next tick continues)' : ''}${l.failed.length ? `, ${l.failed.length} failed (retried next tick)` : ''}.`,
    );
  }
  for (const s of report.skipped) lines.push(`Skipped ${s.step}: ${s.reason}.`);
  for (const e of report.errors) lines.push(`Error in ${e.step}: ${e.message}`);
  return lines;
}

/** How long `thread tick` waits for the AI drafts of the actions it fired before it exits. */
export const CLI_AI_DRAFT_WAIT_MS = 2 * 60_000;

/** What the AI draft pool did while `thread tick` waited, for people. */
export function describeAiDrafts(stats: AiDraftPoolStats, stillQueued: number): string {
  const parts = [`${stats.stored} written`];
  if (stats.givenUp > 0) parts.push(`${stats.givenUp} kept the template's draft (the card says why)`);
  if (stats.dropped > 0) parts.push(`${stats.dropped} not used (the action changed first)`);
  if (stats.throttled > 0) parts.push(`rate limited ${stats.throttled} time${stats.throttled === 1 ? '' : 's'}`);
  if (stillQueued > 0)
    parts.push(
      `${stillQueued} still queued after ${CLI_AI_DRAFT_WAIT_MS / 60_000} min: they keep the template's draft until Thread's server writes them`,
    );
  return `AI drafts: ${parts.join('; ')}.`;
}

export function registerTickCommand(program: Command): void {
  program
    .command('tick')
    .description('run one scheduler tick now and print what it did')
    .action(async () => {
      await withSession(async ({ config, db, ctx }) => {
        // The same parts and the same tick as the server's: with Slack configured it posts the review cards, reminders
        // and digests of what it did; without, the notification-only steps are left to a process that has Slack,
        // and the cards of what it fired are posted by the next tick that can.
        // With OAuth installs each organisation's bot token is sealed in the database: the key opens them.
        const encryptionKey = config.slack?.oauth
          ? (await resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir })).key
          : undefined;
        const thread = composeThread({ config, db, logger: ctx.logger, takesSlackRequests: false, encryptionKey });
        try {
          const scheduler = createScheduler({
            jobs: [tickJob(thread.ctx, thread.tick, config.tickCron)],
            logger: ctx.logger,
            leases: databaseLeases(thread.ctx, `cli:${process.pid}`),
          });
          const outcome = await scheduler.trigger(TICK_JOB_ID);
          if (outcome.status === 'skipped') {
            console.log(`No tick run: ${outcome.reason}.`);
            return;
          }
          if (outcome.status === 'failed') throw outcome.error;
          const report = outcome.result as TickReport;
          console.log(describeTick(report).join('\n'));
          if (thread.aiDrafts) {
            // A tick run by hand should leave drafts worth reviewing: wait (bounded) for the AI drafts of what it fired.
            // Whatever is still queued then keeps the template's draft until a server's draft pool writes it.
            const pool = thread.aiDrafts;
            pool.start();
            try {
              const left = await pool.settle(report.fire?.fired.map((a) => a.id) ?? [], CLI_AI_DRAFT_WAIT_MS);
              console.log(describeAiDrafts(pool.stats, left.length));
            } finally {
              await pool.stop();
            }
          }
        } finally {
          thread.close();
        }
      });
    });
}
