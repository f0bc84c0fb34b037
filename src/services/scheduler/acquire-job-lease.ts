/**
 * Cross-process leases for periodic jobs (the JobLease table): one Thread process runs a given job at a time,
 * and a tick due while another process still runs it is skipped, not stacked. A lease expires by itself, so a
 * process that dies mid-tick blocks the job for at most the lease length. Claims of work stay atomic on their
 * own (fire-due-actions); the lease only keeps processes from doing the same sweep twice.
 */
import type { ServiceContext } from '../context';

export interface JobLeaseOptions {
  name: string;
  /** Identifies this process (host, pid, random suffix). */
  holder: string;
  ttlMs: number;
}

export interface JobLeaseResult {
  acquired: boolean;
  /** Who holds it, when it is not us. */
  heldBy?: { holder: string; expiresAt: Date };
}

export async function acquireJobLease(ctx: ServiceContext, options: JobLeaseOptions): Promise<JobLeaseResult> {
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + options.ttlMs);
  // One statement: insert, or take over an expired (or our own) lease; nothing is returned when someone
  // else holds a live one, and two processes racing here cannot both get a row back.
  const rows = await ctx.prisma.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" (name, holder, "expiresAt") VALUES (${options.name}, ${options.holder}, ${expiresAt})
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
    WHERE "JobLease"."expiresAt" <= ${now} OR "JobLease".holder = ${options.holder}
    RETURNING holder`;
  if (rows.length === 1) return { acquired: true };
  const current = await ctx.prisma.jobLease.findUnique({ where: { name: options.name } });
  return { acquired: false, heldBy: current ? { holder: current.holder, expiresAt: current.expiresAt } : undefined };
}
