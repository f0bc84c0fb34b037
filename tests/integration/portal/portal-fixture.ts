/**
 * A portal worth looking at: the demo account Northwind Logistics with its CSM Priya Shah, Kickoff done, Technical
 * Setup blocked with a note, two published requests (a form and a document), one form the customer answered and one
 * request that is ready but not yet published. It is reached the way people and Thread reach it, over the twelve
 * days before the test's clock: the scheduler fires actions as they fall due, the CSM executes them, the customer
 * answers the kickoff questionnaire through the link emailed to her, and the CSM completes and blocks milestones.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { createLocalDiskStorage } from '../../../src/connectors/storage/local-disk-storage';
import { createHttpApp } from '../../../src/http/app';
import { FailureLimiter } from '../../../src/http/portal/rate-limiter';
import { createPortalRouter } from '../../../src/http/portal/router';
import type { Logger } from '../../../src/lib/logger';
import type { ServiceContext } from '../../../src/services/context';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { startMilestone } from '../../../src/services/milestones/start-milestone';
import type { Notifier } from '../../../src/services/notifications/notifier-port';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { answerPortalForm, arrangeDeps, fireAction, publishAction } from '../../support/plan-steps';
import type { TestServiceContext } from '../../support/service-context';

export const PUBLIC_URL = 'http://portal.test';
export const BLOCKER_NOTE = 'Waiting for your IT team to add our SAML app in Okta. <b>Ticket</b> IT-4821.';
/** The demo accounts' CSM in Slack; their name and email come from their Slack profile. */
export const CSM_SLACK_ID = 'UPRIYA001';

const DAY_MS = 86_400_000;

export interface PortalFixture {
  accountId: string;
  organizationId: string;
  /** The CSM of the demo accounts. */
  csmUserId: string;
  contactId: string;
  /** The link handed to the test (the customer was emailed others on the way). */
  portalAccessId: string;
  token: string;
  url: string;
  formActionId: string;
  documentActionId: string;
  answeredActionId: string;
  readyActionId: string;
  otherAccountActionId: string;
}

export async function buildPortalFixture(ctx: TestServiceContext): Promise<PortalFixture> {
  const { prisma } = ctx;
  const end = ctx.now();
  // From twelve days back the clock only moves forward: a step waits for what it acts on to fall due (fireAction),
  // so a weekend on the way may have carried it past the day named here.
  ctx.setNow(new Date(end.getTime() - 12 * DAY_MS));
  const daysBefore = (n: number) => {
    const at = new Date(end.getTime() - n * DAY_MS);
    if (at > ctx.now()) ctx.setNow(at);
  };

  const { organizationId } = await seedDemo(ctx, { csmSlackUserId: CSM_SLACK_ID });
  const csm = await refreshProfile(ctx, {
    organizationId,
    slackUserId: CSM_SLACK_ID,
    profile: { name: 'Priya Shah', email: 'priya.shah@demo.example' },
  });
  if (!csm) throw new Error(`the demo seed did not add ${CSM_SLACK_ID} as the CSM`);
  await updateSettings(ctx, { organizationId, actor: 'cli', settings: { name: 'Acme Cloud', brandColor: '#0e7c66' } });
  const asCsm = { organizationId, actor: { userId: csm.userId } };
  const deps = arrangeDeps(ctx, { publicUrl: PUBLIC_URL });
  const accountNamed = (name: string) =>
    prisma.account.findFirstOrThrow({
      where: { organizationId, name },
      include: { milestones: { orderBy: { position: 'asc' } } },
    });
  const account = await accountNamed('Northwind Logistics');
  const actionOf = async (accountId: string, key: string) =>
    (await prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId, key } } })).id;
  const [kickoff, setup, implementation] = account.milestones;

  // Kickoff: the welcome email goes out, the questionnaire after it, and Maria answers it two days later.
  await publishAction(ctx, deps, { ...asCsm, actionId: await actionOf(account.id, 'welcome-email') });
  daysBefore(11);
  const answered = await actionOf(account.id, 'kickoff-questionnaire');
  await publishAction(ctx, deps, { ...asCsm, actionId: answered });
  daysBefore(9);
  await answerPortalForm(ctx, deps, {
    actionId: answered,
    values: {
      primary_goals: 'Retire the spreadsheet reporting by the end of the quarter',
      project_owner_email: 'maria.anders@northwindlogistics.io',
      target_go_live: '2027-01-29',
      preferred_channel: 'Email',
    },
  });

  // The CSM completes Kickoff (the recap is still to write), which starts Technical Setup: its form goes out, then
  // the request for the signed DPA, and the setup is blocked on the customer's IT team.
  daysBefore(6);
  await completeMilestone(ctx, {
    ...asCsm,
    milestoneId: kickoff!.id,
    overrideReason: 'Kickoff held; the recap follows',
  });
  daysBefore(5);
  const form = await actionOf(account.id, 'technical-details');
  await publishAction(ctx, deps, { ...asCsm, actionId: form });
  daysBefore(4);
  const document = await actionOf(account.id, 'signed-dpa');
  await publishAction(ctx, deps, { ...asCsm, actionId: document });
  daysBefore(2);
  await blockMilestone(ctx, { ...asCsm, milestoneId: setup!.id, note: BLOCKER_NOTE, cause: 'customer' });

  // Meanwhile the CSM starts Implementation, so its data export request fires and waits for review, unpublished.
  await startMilestone(ctx, { ...asCsm, milestoneId: implementation!.id });
  const ready = await actionOf(account.id, 'data-export');
  await fireAction(ctx, ready);

  // Another account's published form, which Northwind's link must not reach.
  daysBefore(1);
  const helios = await accountNamed('Helios Health');
  await completeMilestone(ctx, {
    ...asCsm,
    milestoneId: helios.milestones[0]!.id,
    overrideReason: 'Kickoff held',
  });
  const other = await actionOf(helios.id, 'technical-details');
  await publishAction(ctx, deps, { ...asCsm, actionId: other });

  daysBefore(0);
  const link = await createPortalLink(ctx, {
    organizationId,
    accountId: account.id,
    actor: 'cli',
    publicUrl: PUBLIC_URL,
  });
  return {
    accountId: account.id,
    organizationId,
    csmUserId: csm.userId,
    contactId: link.contactId,
    portalAccessId: link.portalAccessId,
    token: link.url.split('/').pop()!,
    url: link.url,
    formActionId: form,
    documentActionId: document,
    answeredActionId: answered,
    readyActionId: ready,
    otherAccountActionId: other,
  };
}

/** The CSM publishes the request that was left ready (the data export, a second document request). */
export async function publishReadyRequest(ctx: TestServiceContext, f: PortalFixture): Promise<void> {
  await publishAction(ctx, arrangeDeps(ctx, { publicUrl: PUBLIC_URL }), {
    organizationId: f.organizationId,
    actionId: f.readyActionId,
    actor: { userId: f.csmUserId },
  });
}

export interface PortalAppOptions {
  ctx: ServiceContext;
  uploadDir: string;
  notifier?: Notifier;
  maxBytes?: number;
  maxFailures?: number;
  /** The link previews' own budget of failed lookups (see preview-fetch-gate.ts). */
  previewMaxFailures?: number;
  logger?: Logger;
  secret?: Buffer;
}

export function buildPortalApp(o: PortalAppOptions): { app: Express; secret: Buffer; limiter: FailureLimiter } {
  const secret = o.secret ?? randomBytes(32);
  const limiter = new FailureLimiter({
    maxFailures: o.maxFailures ?? 1000,
    windowMs: 15 * 60 * 1000,
    now: () => o.ctx.now().getTime(),
  });
  const router = createPortalRouter({
    ctx: o.logger ? { ...o.ctx, logger: o.logger } : o.ctx,
    notifier: o.notifier,
    storage: createLocalDiskStorage(o.uploadDir),
    secret,
    publicUrl: PUBLIC_URL,
    uploads: { maxBytes: o.maxBytes ?? 25 * 1024 * 1024, extensions: ['pdf', 'png', 'jpg', 'docx', 'txt'] },
    limiter,
    previewLimiter: new FailureLimiter({
      maxFailures: o.previewMaxFailures ?? 1000,
      windowMs: 15 * 60 * 1000,
      now: () => o.ctx.now().getTime(),
    }),
  });
  const app = createHttpApp({
    logger: o.ctx.logger,
    readiness: { checkDatabase: async () => {} },
    routers: [{ path: '/portal', router }],
  });
  return { app, secret, limiter };
}

/** The CSRF field of the first form on a page. */
export function csrfFrom(pageHtml: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(pageHtml);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** How many submissions the tests stored: every one but the kickoff questionnaire's answer, which is the fixture's. */
export function countNewSubmissions(ctx: ServiceContext, f: PortalFixture): Promise<number> {
  return ctx.prisma.submission.count({ where: { actionId: { not: f.answeredActionId } } });
}
