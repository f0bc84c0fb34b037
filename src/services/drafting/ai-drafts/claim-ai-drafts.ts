/**
 * Claims queued AI drafts (Action.aiDraftWantedAt) for one pool's free workers: the oldest queued first, each held
 * until `leaseMs` from now. One statement: the rows are picked with FOR UPDATE SKIP LOCKED, so pools in several
 * processes on one PostgreSQL (or one process on PGlite) never take the same action, and a row another claim
 * committed meanwhile is re-checked and left out. A claim left by a process that died expires and is taken again;
 * every claim counts as an attempt, so a draft that keeps killing its worker is eventually given up.
 */
import { z } from 'zod';
import type { ServiceContext } from '../../context';
import { parseOptions } from '../../errors/parse-options';

const optionsSchema = z.object({
  limit: z.number().int().min(1).max(100),
  leaseMs: z.number().int().min(1),
});

export interface AiDraftClaim {
  actionId: string;
  /** The queued draft's version: a store or a release only counts while the action still carries it. */
  wantedAt: Date;
  until: Date;
  /** 1 for the first claim of this queued draft. */
  attempt: number;
}

export async function claimAiDrafts(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<AiDraftClaim[]> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const until = new Date(now.getTime() + o.leaseMs);
  // Not through Prisma's update: a claim is the pool's bookkeeping, and must not move updatedAt (execution claims
  // an action only if it is still the version the person saw).
  const rows = await ctx.prisma.$queryRaw<{ id: string; wantedAt: Date; until: Date; attempt: number }[]>`
    UPDATE "Action" a
    SET "aiDraftClaimUntil" = ${until}, "aiDraftAttempts" = a."aiDraftAttempts" + 1
    FROM (
      SELECT id FROM "Action"
      WHERE "aiDraftWantedAt" IS NOT NULL AND status = 'ready'::"ActionStatus"
        AND ("aiDraftClaimUntil" IS NULL OR "aiDraftClaimUntil" <= ${now})
      ORDER BY "aiDraftWantedAt", id
      LIMIT ${o.limit}
      FOR UPDATE SKIP LOCKED
    ) c
    WHERE a.id = c.id
    RETURNING a.id, a."aiDraftWantedAt" AS "wantedAt", a."aiDraftClaimUntil" AS "until", a."aiDraftAttempts" AS attempt`;
  return rows
    .map((r) => ({ actionId: r.id, wantedAt: r.wantedAt, until: r.until, attempt: Number(r.attempt) }))
    .sort((x, y) => x.wantedAt.getTime() - y.wantedAt.getTime() || x.actionId.localeCompare(y.actionId));
}
