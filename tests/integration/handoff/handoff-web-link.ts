/**
 * The handoff web form as an AE outside Thread reaches it: the CSM's `/thread new` hands the account over to an AE
 * known only by email, the link arrives by email, and the server's router answers it on the harness's database
 * and clock.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { createHttpApp } from '../../../src/http/app';
import { createHandoffRouter } from '../../../src/http/handoff/router';
import { FailureLimiter } from '../../../src/http/portal/rate-limiter';
import { NEW_ACCOUNT_FIELDS as F } from '../../../src/slack/ids';
import { CSM, PUBLIC_URL, type SlackHarness } from '../../support/slack-harness';
import type { SmtpCapture } from '../../support/smtp-capture';

export const AE_EMAIL = 'jordan.sales@partner-agency.example';

/** An email's body with its quoted-printable soft breaks and escapes undone. */
export function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The path of the newest handoff link emailed to `to`. */
export function emailedLink(smtp: SmtpCapture, to = AE_EMAIL): string {
  const message = smtp.messages.filter((m) => m.to.includes(to)).at(-1);
  if (!message) throw new Error(`nothing was emailed to ${to}`);
  const url = new RegExp(`${PUBLIC_URL}(/handoff/[A-Za-z0-9_-]{43})`).exec(decoded(message.raw))?.[1];
  if (!url) throw new Error('the email holds no handoff link');
  return url;
}

/** The web form as the server mounts it, on the harness's database and clock, telling the CSM through Slack. */
export function handoffApp(h: SlackHarness, o: { maxFailures?: number; previewMaxFailures?: number } = {}): Express {
  const limiter = (maxFailures: number) =>
    new FailureLimiter({ maxFailures, windowMs: 60_000, now: () => h.ctx.now().getTime() });
  const router = createHandoffRouter({
    ctx: h.ctx,
    notifier: h.slack.notifier,
    secret: randomBytes(32),
    limiter: limiter(o.maxFailures ?? 1000),
    previewLimiter: limiter(o.previewMaxFailures ?? 1000),
  });
  return createHttpApp({
    logger: h.ctx.logger,
    readiness: { checkDatabase: async () => {} },
    routers: [{ path: '/handoff', router }],
  });
}

/** `/thread new` for an AE outside Thread (by email) who hands the account over first; the link is emailed. */
export async function accountForOutsideAe(h: SlackHarness) {
  const { templateName } = await h.seed();
  await h.command('new');
  await h.submitView(h.lastOpened(), {
    [F.name]: 'Acme Robotics',
    [F.template]: templateName,
    [F.csm]: CSM,
    [F.aeEmail]: AE_EMAIL,
    [F.aeHandsOver]: 'ae_hands_over_first',
    [F.kickoff]: '2026-11-26',
  });
  return h.db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Robotics' }, include: { ae: true } });
}
