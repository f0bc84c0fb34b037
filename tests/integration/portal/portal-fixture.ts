/**
 * A portal worth looking at: the demo account Northwind Logistics with a CSM, Kickoff done, Technical Setup
 * blocked with a note, two published requests (a form and a document), one answered form and one request
 * that is ready but not yet published. Actions are set to executed through Prisma (test setup only), as the
 * execution engine would when it publishes a portal request.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { createLocalDiskStorage } from '../../../src/connectors/storage/local-disk-storage';
import { createHttpApp } from '../../../src/http/app';
import { FailureLimiter } from '../../../src/http/portal/rate-limiter';
import { createPortalRouter } from '../../../src/http/portal/router';
import type { Logger } from '../../../src/lib/logger';
import type { ServiceContext } from '../../../src/services/context';
import type { Notifier } from '../../../src/services/notifications/notifier-port';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { updateSettings } from '../../../src/services/organizations/update-settings';

export const PUBLIC_URL = 'http://portal.test';
export const BLOCKER_NOTE = 'Waiting for your IT team to add our SAML app in Okta. <b>Ticket</b> IT-4821.';

export interface PortalFixture {
  accountId: string;
  organizationId: string;
  contactId: string;
  token: string;
  url: string;
  formActionId: string;
  documentActionId: string;
  answeredActionId: string;
  readyActionId: string;
  otherAccountActionId: string;
}

export async function buildPortalFixture(ctx: ServiceContext): Promise<PortalFixture> {
  const { prisma } = ctx;
  await seedDemo(ctx);
  const account = await prisma.account.findFirstOrThrow({
    where: { name: 'Northwind Logistics' },
    include: { milestones: { orderBy: { position: 'asc' } }, contacts: true },
  });
  const csm = await prisma.user.create({
    data: { organizationId: account.organizationId, name: 'Priya Shah', email: 'priya.shah@demo.example', role: 'csm' },
  });
  await prisma.account.update({ where: { id: account.id }, data: { csmId: csm.id } });
  await updateSettings(ctx, {
    organizationId: account.organizationId,
    actor: 'cli',
    settings: { name: 'Acme Cloud', brandColor: '#0e7c66' },
  });
  const [kickoff, setup] = account.milestones;
  const now = ctx.now();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  await prisma.milestone.update({
    where: { id: kickoff!.id },
    data: { status: 'completed', startedAt: daysAgo(12), completedAt: daysAgo(6) },
  });
  await prisma.milestone.update({
    where: { id: setup!.id },
    data: { status: 'blocked', startedAt: daysAgo(6), blockedAt: daysAgo(2), blockerNote: BLOCKER_NOTE },
  });
  const byKey = async (key: string) =>
    prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: account.id, key } } });
  const answered = await byKey('kickoff-questionnaire');
  await prisma.action.update({
    where: { id: answered.id },
    data: { status: 'completed', executedAt: daysAgo(11), completedAt: daysAgo(9) },
  });
  const form = await byKey('technical-details');
  await prisma.action.update({ where: { id: form.id }, data: { status: 'executed', executedAt: daysAgo(5) } });
  const document = await byKey('signed-dpa');
  await prisma.action.update({ where: { id: document.id }, data: { status: 'executed', executedAt: daysAgo(4) } });
  const ready = await byKey('data-export');
  await prisma.action.update({ where: { id: ready.id }, data: { status: 'ready' } });
  const other = await prisma.action.findFirstOrThrow({
    where: { key: 'technical-details', account: { name: 'Helios Health' } },
  });
  await prisma.action.update({ where: { id: other.id }, data: { status: 'executed', executedAt: daysAgo(1) } });

  const link = await createPortalLink(ctx, {
    organizationId: account.organizationId,
    accountId: account.id,
    actor: 'cli',
    publicUrl: PUBLIC_URL,
  });
  return {
    accountId: account.id,
    organizationId: account.organizationId,
    contactId: link.contactId,
    token: link.url.split('/').pop()!,
    url: link.url,
    formActionId: form.id,
    documentActionId: document.id,
    answeredActionId: answered.id,
    readyActionId: ready.id,
    otherAccountActionId: other.id,
  };
}

export interface PortalAppOptions {
  ctx: ServiceContext;
  uploadDir: string;
  notifier?: Notifier;
  maxBytes?: number;
  maxFailures?: number;
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
