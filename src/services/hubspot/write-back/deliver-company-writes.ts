/**
 * The second half of a write-back run: each due account is claimed (a conditional update, so two processes never
 * hold the same account), its company gets Thread's properties with the account's current values in one PATCH, and
 * its unwritten notes are added one by one, each marked written as soon as HubSpot has it. Then the account's row
 * is deleted, unless new events made it due again meanwhile (its version moved), in which case it stays due.
 *
 * A failure leaves the account due later (backoff doubling from a minute to an hour) with the error kept; notes
 * already written stay written, so a retry writes only what is left: each note goes to HubSpot once. Properties
 * HubSpot does not know (a 400 naming them) are created (ensureHubSpotProperties) and the write tried again once.
 */
import { Prisma } from '../../../db/generated/client';
import { isAccountStatus } from '../../../domain/account-state';
import { onboardingProperties } from '../../../domain/hubspot-onboarding';
import { AppError } from '../../../lib/errors';
import type { ServiceContext } from '../../context';
import { portalPreviewUrl } from '../../portal/preview-link';
import { ensureHubSpotProperties } from '../ensure-hubspot-properties';
import type { HubSpotWritePort } from '../hubspot-write-port';
import type { HubSpotWriteBackDeps } from './write-back-deps';

/** How long a claim holds an account: longer than any write should take, SDK retries and rate-limit waits included. */
export const CLAIM_MS = 5 * 60_000;
const BATCH = 20;
const MAX_ACCOUNTS_PER_RUN = 200;
const MINUTE_MS = 60_000;

/** The wait before the next try after `attempts` failures in a row: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * MINUTE_MS;
}

export interface DeliveredAccount {
  accountId: string;
  notes: number;
}

export interface FailedAccount {
  accountId: string;
  accountName: string;
  message: string;
  retryAt: Date;
}

export interface DeliveredWriteBack {
  written: DeliveredAccount[];
  failed: FailedAccount[];
}

interface Claimed {
  accountId: string;
  version: number;
  attempts: number;
}

async function claimDue(
  ctx: ServiceContext,
  o: { organizationId: string; holder: string; now: Date; handled: ReadonlySet<string> },
): Promise<Claimed[]> {
  const { organizationId, holder, now } = o;
  const until = new Date(now.getTime() + CLAIM_MS);
  // An account this run already wrote waits for the next run, even when new events made it due again meanwhile.
  const notHandled =
    o.handled.size === 0 ? Prisma.empty : Prisma.sql`AND "accountId" NOT IN (${Prisma.join([...o.handled])})`;
  // SKIP LOCKED: a row another process is claiming right now is left to it; once it commits, its claim shows in
  // claimedUntil and the row is no longer free.
  return ctx.prisma.$queryRaw<Claimed[]>`
    UPDATE "HubSpotCompanyWrite" w SET "claimedBy" = ${holder}, "claimedUntil" = ${until}
    WHERE w."accountId" IN (
      SELECT "accountId" FROM "HubSpotCompanyWrite"
      WHERE "organizationId" = ${organizationId} AND "dueAt" <= ${now}
        AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now})
        ${notHandled}
      ORDER BY "dueAt", "accountId"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING w."accountId", w."version", w."attempts"`;
}

/**
 * Renews the claim before each HubSpot write; false when it was lost (this run outlasted it and another took the
 * account). Taking a claim over is itself conditional on it having expired, so of a renewal and a takeover exactly one
 * wins.
 */
async function stillMine(ctx: ServiceContext, accountId: string, holder: string): Promise<boolean> {
  const renewed = await ctx.prisma.hubSpotCompanyWrite.updateMany({
    where: { accountId, claimedBy: holder },
    data: { claimedUntil: new Date(ctx.now().getTime() + CLAIM_MS) },
  });
  return renewed.count === 1;
}

async function writeProperties(
  ctx: ServiceContext,
  hubspot: HubSpotWritePort,
  o: { organizationId: string; companyId: string; accountName: string; properties: Record<string, string> },
): Promise<void> {
  let answer = await hubspot.updateCompany(o.companyId, o.properties);
  if (answer.outcome === 'unknown_properties') {
    await ensureHubSpotProperties(ctx, { hubspot }, { organizationId: o.organizationId });
    answer = await hubspot.updateCompany(o.companyId, o.properties);
  }
  if (answer.outcome === 'unknown_properties')
    throw new AppError(
      'connector_failed',
      `HubSpot still refuses Thread's company properties after they were created. HubSpot said: "${answer.message}"`,
    );
  if (answer.outcome === 'company_not_found')
    throw new AppError(
      'connector_failed',
      `HubSpot has no company ${o.companyId} (it may have been merged or deleted): link ${o.accountName} to its company again`,
    );
}

/** Writes one claimed account; throws what went wrong, in words. Answers how many notes were written. */
async function deliverAccount(
  ctx: ServiceContext,
  o: DeliverOptions,
  claimed: Claimed,
  now: Date,
): Promise<{ notes: number } | 'unlinked' | 'lost'> {
  const account = await ctx.prisma.account.findFirst({
    where: { id: claimed.accountId, organizationId: o.organizationId },
    select: {
      name: true,
      status: true,
      hubspotCompanyId: true,
      goLiveDate: true,
      goLiveActualDate: true,
      milestones: { orderBy: { position: 'asc' }, select: { name: true, status: true } },
    },
  });
  if (!account?.hubspotCompanyId || !isAccountStatus(account.status)) {
    // Unlinked from its company since: nothing to write, and its notes would have nowhere to go.
    await ctx.prisma.$transaction([
      ctx.prisma.hubSpotNote.deleteMany({ where: { accountId: claimed.accountId, writtenAt: null } }),
      ctx.prisma.hubSpotCompanyWrite.deleteMany({ where: { accountId: claimed.accountId, claimedBy: o.holder } }),
    ]);
    return 'unlinked';
  }
  const companyId = account.hubspotCompanyId;
  const properties = onboardingProperties({
    status: account.status,
    milestones: account.milestones,
    goLiveDate: account.goLiveDate,
    goLiveActualDate: account.goLiveActualDate,
    portalPreviewUrl: portalPreviewUrl({ ...o.previewLinks, accountId: claimed.accountId, now }),
  });
  await writeProperties(ctx, o.hubspot, {
    organizationId: o.organizationId,
    companyId,
    accountName: account.name,
    properties,
  });

  const notes = await ctx.prisma.hubSpotNote.findMany({
    where: { accountId: claimed.accountId, writtenAt: null },
    orderBy: [{ at: 'asc' }, { auditEventId: 'asc' }],
  });
  let written = 0;
  for (const note of notes) {
    // Lost only when this run outlasted its claim: the process that took the account over writes what is left.
    if (!(await stillMine(ctx, claimed.accountId, o.holder))) return 'lost';
    const created = await o.hubspot.createCompanyNote({ companyId, body: note.body, timestamp: note.at });
    await ctx.prisma.hubSpotNote.updateMany({
      where: { auditEventId: note.auditEventId, writtenAt: null },
      data: { writtenAt: now, hubspotNoteId: created.id },
    });
    written += 1;
  }

  const done = await ctx.prisma.hubSpotCompanyWrite.deleteMany({
    where: { accountId: claimed.accountId, version: claimed.version, claimedBy: o.holder },
  });
  if (done.count === 0) {
    // New events since the claim: the account stays due, for the next run to write its newer state.
    await ctx.prisma.hubSpotCompanyWrite.updateMany({
      where: { accountId: claimed.accountId, claimedBy: o.holder },
      data: { claimedBy: null, claimedUntil: null, attempts: 0, lastError: null, dueAt: now },
    });
  }
  return { notes: written };
}

export interface DeliverOptions {
  organizationId: string;
  hubspot: HubSpotWritePort;
  previewLinks: HubSpotWriteBackDeps['previewLinks'];
  /** This run, in its claims. */
  holder: string;
}

export async function deliverCompanyWrites(ctx: ServiceContext, o: DeliverOptions): Promise<DeliveredWriteBack> {
  const now = ctx.now();
  const result: DeliveredWriteBack = { written: [], failed: [] };
  const handled = new Set<string>();
  while (handled.size < MAX_ACCOUNTS_PER_RUN) {
    const claimed = await claimDue(ctx, { organizationId: o.organizationId, holder: o.holder, now, handled });
    if (claimed.length === 0) break;
    for (const c of claimed) {
      handled.add(c.accountId);
      try {
        const delivered = await deliverAccount(ctx, o, c, now);
        if (typeof delivered === 'object') result.written.push({ accountId: c.accountId, notes: delivered.notes });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const attempts = c.attempts + 1;
        const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
        await ctx.prisma.hubSpotCompanyWrite.updateMany({
          where: { accountId: c.accountId, claimedBy: o.holder },
          data: { attempts, dueAt: retryAt, claimedBy: null, claimedUntil: null, lastError: message.slice(0, 1000) },
        });
        const account = await ctx.prisma.account.findUnique({ where: { id: c.accountId }, select: { name: true } });
        result.failed.push({ accountId: c.accountId, accountName: account?.name ?? c.accountId, message, retryAt });
        ctx.logger.warn({ err: error, accountId: c.accountId }, 'HubSpot write-back failed; retried later');
      }
    }
  }
  return result;
}
