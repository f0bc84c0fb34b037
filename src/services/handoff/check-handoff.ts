/**
 * The contradiction check of a submitted handoff: the offline rules always, Claude too when configured. The findings
 * replace the account's open ones (an open one found again keeps its row); findings the CSM already accepted or
 * dismissed stay as decided, and the same finding found again is not brought back. Claude failing (or answering
 * garbage) costs only Claude's findings.
 * Called by the handoff submission once it is committed (deps.checkHandoff there), and safe to call again.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  findHandoffContradictions,
  type HandoffCheckFinding,
  type SuggestedFinding,
} from '../../domain/handoff-checks';
import { AppError, isAppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toJsonInput } from '../json/stored-json';
import type { ContradictionFinder } from './contradiction-finder-port';
import type { HandoffFindingView } from './handoff-finding-view';
import { listHandoffFindings } from './list-handoff-findings';
import { loadHandoffCheck, type HandoffCheck } from './load-handoff-check';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface CheckHandoffDeps {
  /** Claude; undefined: the offline rules only. */
  findContradictions?: ContradictionFinder;
}

/** Most findings Claude may add to one handoff: more would bury the rules' own. */
export const MAX_AI_FINDINGS = 5;

interface NewFinding {
  rule: string;
  source: 'rules' | 'ai';
  severity: string;
  fingerprint: string;
  message: string;
  suggestion: HandoffCheckFinding['suggestion'];
}

function fromRules(f: HandoffCheckFinding): NewFinding {
  return { ...f, source: 'rules' };
}

/** Claude words the same finding a little differently each time; the fingerprint is its message, normalised. */
function fromClaude(f: SuggestedFinding): NewFinding {
  const normal = f.message.toLowerCase().replace(/\s+/g, ' ').trim();
  return {
    rule: 'claude',
    source: 'ai',
    severity: 'info',
    fingerprint: `claude:${createHash('sha256').update(normal).digest('hex').slice(0, 24)}`,
    message: f.message,
    suggestion: { kind: 'talk', text: f.suggestion },
  };
}

async function askClaude(
  ctx: ServiceContext,
  finder: ContradictionFinder,
  check: HandoffCheck,
  ruled: HandoffCheckFinding[],
): Promise<{ findings: NewFinding[]; failure: string | null }> {
  if (check.freeText.length === 0) return { findings: [], failure: null };
  try {
    const suggested = await finder.find({
      accountName: check.account.name,
      answers: check.freeText,
      deal: check.input.deal,
      accountArr: check.input.accountArr,
      contacts: check.input.contacts,
      plan: {
        kickoffDate: check.input.plan.kickoffDate,
        goLiveDate: check.input.plan.goLiveDate,
        actions: check.input.plan.actions.map((a) => ({ name: a.name, milestoneName: a.milestoneName })),
      },
      alreadyFound: ruled.map((f) => f.message),
    });
    return { findings: suggested.slice(0, MAX_AI_FINDINGS).map(fromClaude), failure: null };
  } catch (error) {
    const failure = isAppError(error) ? error.message : 'Claude did not answer';
    // Ids only: the question holds the customer's answers.
    ctx.logger.warn({ accountId: check.account.id, reason: failure }, 'Claude found no contradictions; the rules did');
    return { findings: [], failure };
  }
}

export async function checkHandoff(
  ctx: ServiceContext,
  deps: CheckHandoffDeps,
  input: z.input<typeof optionsSchema>,
): Promise<HandoffFindingView[]> {
  const o = parseOptions(optionsSchema, input);
  const check = await loadHandoffCheck(ctx, o);
  const ruled = findHandoffContradictions(check.input);
  // Outside the transaction: Claude may take seconds, and nothing waits on a lock meanwhile.
  const claude = deps.findContradictions
    ? await askClaude(ctx, deps.findContradictions, check, ruled)
    : { findings: [], failure: null };
  const found = [...ruled.map(fromRules), ...claude.findings];

  await ctx.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Account" WHERE "id" = ${check.account.id} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError('not_found', 'that account does not exist (any more).');
    const handoff = await tx.handoff.findUnique({ where: { accountId: check.account.id }, select: { id: true } });
    if (handoff?.id !== check.handoffId) {
      throw new AppError('conflict', `the handoff of ${check.account.name} changed while it was being checked.`);
    }
    const existing = await tx.handoffFinding.findMany({
      where: { accountId: check.account.id },
      select: { id: true, fingerprint: true, status: true },
    });
    // Each finding once. One the CSM already decided is not brought back; one still open and found again keeps its
    // row, so the Accept and Dismiss buttons already posted for it keep working.
    const known = new Set(existing.map((e) => e.fingerprint));
    const fresh: NewFinding[] = [];
    for (const f of found) {
      if (known.has(f.fingerprint)) continue;
      known.add(f.fingerprint);
      fresh.push(f);
    }
    const stillFound = new Set(found.map((f) => f.fingerprint));
    const decided = new Set(existing.filter((e) => e.status !== 'open').map((e) => e.fingerprint));
    const gone = existing.filter((e) => e.status === 'open' && !stillFound.has(e.fingerprint));
    const kept = existing.filter((e) => e.status === 'open' && stillFound.has(e.fingerprint)).length;
    await tx.handoffFinding.deleteMany({ where: { id: { in: gone.map((e) => e.id) } } });
    await tx.handoffFinding.createMany({
      data: fresh.map((f) => ({
        accountId: check.account.id,
        handoffId: check.handoffId,
        rule: f.rule,
        source: f.source,
        severity: f.severity,
        fingerprint: f.fingerprint,
        message: f.message,
        suggestion: toJsonInput(f.suggestion),
      })),
    });
    const open = fresh.length + kept;
    const byClaude = found.filter((f) => f.source === 'ai' && !decided.has(f.fingerprint)).length;
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: check.account.id,
      entityType: 'account',
      entityId: check.account.id,
      actor: 'system',
      reason: `handoff checked: ${open} open finding${open === 1 ? '' : 's'}${byClaude > 0 ? ` (${byClaude} suggested by Claude)` : ''}`,
      data: {
        rules: found.filter((f) => f.source === 'rules' && !decided.has(f.fingerprint)).map((f) => f.rule),
        alreadyDecided: found.filter((f) => decided.has(f.fingerprint)).length,
        new: fresh.length,
        gone: gone.length,
        ...(deps.findContradictions ? { claude: claude.failure ?? deps.findContradictions.label } : {}),
      },
      at: ctx.now(),
    });
  });
  return listHandoffFindings(ctx, o);
}
