/**
 * Execution benchmark: a batch of email actions sent through executeBatch (claim, lint, portal link minted at
 * send time, SMTP send with the real nodemailer mailer, mark executed, audit, triggers propagated), beside raw
 * nodemailer sending equivalent messages to the same in-process SMTP server in the same run.
 *
 * Setup goes through the real services: the chosen email actions are made due (the only direct write: their
 * dueAt, to a moment before every other pending action), the scheduler's fireDueActions makes them Ready, and
 * draftAction drafts them with the offline drafter (no ANTHROPIC_API_KEY here), lint included.
 *
 * Batch pacing is switched off (emailMs 0; Thread's default spaces emails 100 ms apart to spare the SMTP
 * server), otherwise the batch would measure the pacing, not the work.
 */
import nodemailer from 'nodemailer';
import { portalLinksOf } from '../src/composition/execution-ports';
import type { Database } from '../src/db/client';
import { createSmtpMailer, fromAddressOf } from '../src/connectors/email/smtp-mailer';
import { renderEmailHtml } from '../src/connectors/email/render-html';
import { fillPortalLink } from '../src/domain/send-time-placeholders';
import { silentLogger } from '../src/lib/logger';
import type { ServiceContext } from '../src/services/context';
import { draftAction } from '../src/services/drafting/draft-action';
import { executeBatch } from '../src/services/execution/execute-batch';
import { DEFAULT_PACING, type ExecutionDeps } from '../src/services/execution/ports';
import { silentNotifier } from '../src/services/notifications/notifier-port';
import { addPerson } from '../src/services/people/add-person';
import { refreshProfile } from '../src/services/people/refresh-profile';
import { generatePortalToken, portalUrl } from '../src/services/portal/portal-token';
import { fireDueActions } from '../src/services/scheduler/fire-due-actions';
import type { BenchRow } from './lib/report';
import { startSmtpSink } from './lib/smtp-sink';
import { ms } from './lib/stats';

const EMAIL_FROM = 'Thread <thread@bench.thread.local>';
const PUBLIC_URL = 'http://127.0.0.1:3000';

interface RawMessage {
  from: { name: string; address: string } | string;
  replyTo?: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}

export async function benchExecution(db: Database, options: { batch: number }): Promise<BenchRow[]> {
  if (options.batch > 500) throw new Error('BENCH_BATCH: executeBatch takes at most 500 actions');
  const sink = await startSmtpSink();
  const mailer = createSmtpMailer({ url: sink.url, from: EMAIL_FROM });
  try {
    const now = await momentBeforeEveryPendingAction(db);
    const ctx: ServiceContext = { prisma: db.prisma, now: () => now, logger: silentLogger };
    const deps: ExecutionDeps = {
      mailer,
      // As the server wires it (composition/execution-ports.ts): one link at a time, or a batch's worth together.
      portalLinks: portalLinksOf(ctx, PUBLIC_URL),
      notifier: silentNotifier,
      pacing: { emailMs: 0, slackPerChannelMs: 0 },
    };
    const actionIds = await prepareReadyEmails(db, ctx, deps, options.batch, now);
    const messages = await equivalentMessages(db, actionIds);
    // The batch spans the accounts of several CSMs: an admin sends it, added the way an operator adds one.
    const first = await db.prisma.action.findFirstOrThrow({
      where: { id: actionIds[0]! },
      select: { account: { select: { organizationId: true } } },
    });
    const organizationId = first.account.organizationId;
    const admin = await addPerson(ctx, { organizationId, actor: 'cli', slackUserId: 'U0BENCHADM', role: 'admin' });
    // Customer email goes out from each account's CSM, whose address comes from their Slack profile.
    const csms = await db.prisma.user.findMany({
      where: { organizationId, role: 'csm', slackUserId: { not: null } },
      select: { slackUserId: true },
    });
    for (const { slackUserId } of csms) {
      await refreshProfile(ctx, {
        organizationId,
        slackUserId: slackUserId!,
        profile: { name: `CSM ${slackUserId}`, email: `${slackUserId!.toLowerCase()}@vendor.bench` },
      });
    }

    // Raw nodemailer with the transport options the mailer uses (one SMTP connection per message, like it).
    const raw = nodemailer.createTransport(sink.url, {
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 30_000,
    } as object);
    const sendRaw = async (): Promise<number> => {
      const start = process.hrtime.bigint();
      for (const m of messages) await raw.sendMail(m);
      return Number(process.hrtime.bigint() - start) / 1e9;
    };
    await raw.sendMail(messages[0]!); // warm the code paths of both sides alike
    const acceptedBefore = sink.accepted();
    // Baseline before and after the batch, averaged, so a drift in the machine's load falls on both sides.
    const baseBefore = await sendRaw();
    const start = process.hrtime.bigint();
    const progress = await executeBatch(ctx, deps, { organizationId, actionIds, actor: { userId: admin.userId } });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const baseAfter = await sendRaw();
    raw.close();

    if (progress.sent !== actionIds.length) {
      throw new Error(
        `executeBatch sent ${progress.sent} of ${actionIds.length} (skipped ${progress.skipped}); first failure: ${progress.failures[0]?.error ?? 'none'}`,
      );
    }
    const delivered = sink.accepted() - acceptedBefore;
    if (delivered !== 3 * actionIds.length)
      throw new Error(`the SMTP server accepted ${delivered} messages, expected ${3 * actionIds.length}`);

    const n = actionIds.length;
    const baseSeconds = (baseBefore + baseAfter) / 2;
    const perAction = (seconds / n) * 1000;
    const perRaw = (baseSeconds / n) * 1000;
    const label = `executeBatch ${n} emails, pacing off (default ${DEFAULT_PACING.emailMs} ms)`;
    const data = {
      actions: n,
      seconds,
      baselineSeconds: { before: baseBefore, after: baseAfter },
      pacing: deps.pacing,
      portalLinkPerSend: true,
      smtpConnectionPerMessage: true,
    };
    return [
      {
        suite: 'execution',
        case: label,
        database: db.kind,
        metric: 'throughput',
        value: `${(n / seconds).toFixed(1)} actions/s`,
        baseline: `${(n / baseSeconds).toFixed(1)} raw sends/s`,
        ratio: seconds / baseSeconds,
        data,
      },
      {
        suite: 'execution',
        case: label,
        database: db.kind,
        metric: 'per action',
        value: ms(perAction),
        baseline: ms(perRaw),
        ratio: perAction / perRaw,
      },
      {
        suite: 'execution',
        case: label,
        database: db.kind,
        metric: 'overhead/action',
        value: ms(perAction - perRaw),
        baseline: '(time beyond the raw send)',
      },
    ];
  } finally {
    mailer.close();
    await sink.close();
  }
}

/** An hour before the earliest pending due time: at that moment nothing is due but what the bench makes due. */
export async function momentBeforeEveryPendingAction(db: Database): Promise<Date> {
  const first = await db.prisma.action.aggregate({
    where: { status: 'pending', dueAt: { not: null } },
    _min: { dueAt: true },
  });
  const earliest = first._min.dueAt ?? new Date('2026-03-01T00:00:00Z');
  return new Date(earliest.getTime() - 3_600_000);
}

/** Makes `count` pending bench emails due and lets the scheduler fire them, which drafts them (offline drafter). */
async function prepareReadyEmails(
  db: Database,
  ctx: ServiceContext,
  deps: ExecutionDeps,
  count: number,
  now: Date,
): Promise<string[]> {
  const picked = await db.prisma.action.findMany({
    where: {
      type: 'email',
      status: 'pending',
      dueAt: { not: null },
      triggerKind: { not: 'manual' },
      account: { name: { startsWith: 'Bench account ' } },
    },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: count,
    select: { id: true },
  });
  if (picked.length < count)
    throw new Error(`only ${picked.length} pending bench emails to execute; lower BENCH_BATCH or raise BENCH_ACCOUNTS`);
  const ids = picked.map((p) => p.id);
  await db.prisma.action.updateMany({ where: { id: { in: ids } }, data: { dueAt: new Date(now.getTime() - 60_000) } });
  const fired = await fireDueActions(
    ctx,
    { notifier: silentNotifier, draft: async (actionId) => void (await draftAction(ctx, deps, { actionId })) },
    { batchSize: 100, maxBatches: Math.ceil(count / 100) + 1 },
  );
  if (fired.fired.length !== count || fired.failures.length > 0) {
    throw new Error(`setup: fired ${fired.fired.length} of ${count}; ${fired.failures[0]?.message ?? ''}`);
  }
  const drafted = await db.prisma.action.count({
    where: { id: { in: ids }, status: 'ready', draftBody: { not: null } },
  });
  if (drafted !== count) throw new Error(`setup: ${drafted} of ${count} actions are ready with a draft`);
  return ids;
}

/** The same emails as the batch sends: same sender, recipient, subject, text and HTML, a link of the same length. */
async function equivalentMessages(db: Database, ids: string[]): Promise<RawMessage[]> {
  const rows = await db.prisma.action.findMany({
    where: { id: { in: ids } },
    select: {
      name: true,
      draftSubject: true,
      draftBody: true,
      account: {
        select: {
          csm: { select: { name: true, email: true } },
          contacts: {
            orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
            take: 1,
            select: { name: true, email: true },
          },
        },
      },
    },
  });
  const link = portalUrl(PUBLIC_URL, generatePortalToken());
  const address = fromAddressOf(EMAIL_FROM);
  return rows.map((r) => {
    const contact = r.account.contacts[0]!;
    const text = fillPortalLink(r.draftBody ?? '', link);
    const csm = r.account.csm;
    return {
      from: csm?.name ? { name: csm.name, address } : EMAIL_FROM,
      ...(csm?.email ? { replyTo: csm.email } : {}),
      to: { name: contact.name, address: contact.email },
      subject: fillPortalLink(r.draftSubject?.trim() ? r.draftSubject : r.name, link),
      text,
      html: renderEmailHtml(text),
    };
  });
}
