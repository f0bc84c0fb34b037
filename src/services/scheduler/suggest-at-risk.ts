/**
 * Keeps the at-risk suggestions on active accounts in step with the signals (domain/at-risk-signals.ts): a new
 * set of reasons is stored on the account (riskSuggestion) with an audit row and the account card refreshed;
 * a suggestion whose reasons are gone is withdrawn. The status never changes here: the CSM confirms or
 * dismisses (services/accounts/confirm-risk-suggestion.ts, dismiss-risk-suggestion.ts). A dismissed suggestion
 * stays hidden until its signals change: the same set of reason codes (Account.riskDismissedCodes) is not
 * suggested again; a different set is, and so is any set after the signals have all cleared once.
 */
import { Prisma } from '../../db/generated/client';
import { riskReasons, RISK_THRESHOLD_DAYS } from '../../domain/at-risk-signals';
import { isAppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { readRiskSuggestion, toJsonInput, type StoredRiskSuggestion } from '../json/stored-json';
import type { Notifier } from '../notifications/notifier-port';
import { PORTAL_TYPES } from './portal-throttle';

const DAY_MS = 86_400_000;

export interface AtRiskResult {
  suggested: string[];
  withdrawn: string[];
}

export async function suggestAtRisk(ctx: ServiceContext, deps: { notifier: Notifier }): Promise<AtRiskResult> {
  const now = ctx.now();
  const active = { status: 'active' as const };
  const blocked = await ctx.prisma.milestone.findMany({
    where: {
      account: active,
      status: 'blocked',
      blockedAt: { lt: new Date(now.getTime() - RISK_THRESHOLD_DAYS.blocked * DAY_MS) },
    },
    select: { accountId: true, name: true, blockedAt: true },
  });
  const overdue = await ctx.prisma.action.findMany({
    where: {
      account: active,
      status: { in: ['ready', 'review_pending'] },
      dueAt: { lt: new Date(now.getTime() - RISK_THRESHOLD_DAYS.overdue * DAY_MS) },
    },
    select: { accountId: true, name: true, dueAt: true },
  });
  const waiting = await ctx.prisma.action.groupBy({
    by: ['accountId'],
    where: {
      account: active,
      type: { in: [...PORTAL_TYPES] },
      status: 'executed',
      executedAt: { lt: new Date(now.getTime() - RISK_THRESHOLD_DAYS.noPortalEngagement * DAY_MS) },
    },
    _min: { executedAt: true },
  });
  const engagement =
    waiting.length === 0
      ? []
      : await ctx.prisma.engagementEvent.groupBy({
          by: ['accountId'],
          where: {
            accountId: { in: waiting.map((w) => w.accountId) },
            kind: { in: ['portal_visit', 'form_submitted', 'document_uploaded'] },
          },
          _max: { at: true },
        });
  // Accounts with a suggestion to withdraw, or a dismissal to forget once its signals are gone.
  const current = await ctx.prisma.account.findMany({
    where: { ...active, OR: [{ riskSuggestedAt: { not: null } }, { riskDismissedCodes: { isEmpty: false } }] },
    select: { id: true },
  });

  const ids = new Set(
    [...blocked, ...overdue, ...waiting, ...current].map((r) => ('accountId' in r ? r.accountId : r.id)),
  );
  const result: AtRiskResult = { suggested: [], withdrawn: [] };
  for (const accountId of ids) {
    const reasons = riskReasons({
      now,
      blockedMilestones: blocked
        .filter((m) => m.accountId === accountId)
        .map((m) => ({ name: m.name, blockedAt: m.blockedAt! })),
      overdueActions: overdue.filter((a) => a.accountId === accountId).map((a) => ({ name: a.name, dueAt: a.dueAt! })),
      waitingOnCustomerSince: waiting.find((w) => w.accountId === accountId)?._min.executedAt ?? null,
      lastPortalEngagementAt: engagement.find((e) => e.accountId === accountId)?._max.at ?? null,
    });
    const changed = await ctx.prisma.$transaction(async (tx) => {
      const account = await tx.account.findUnique({
        where: { id: accountId },
        select: {
          organizationId: true,
          status: true,
          riskSuggestion: true,
          riskSuggestedAt: true,
          riskDismissedCodes: true,
        },
      });
      if (!account || account.status !== 'active') return null;
      const stored = storedSuggestionCodes(ctx, account.riskSuggestion, accountId);
      const newCodes = reasons
        .map((r) => r.code)
        .sort()
        .join(',');
      const dismissed = [...account.riskDismissedCodes].sort().join(',');
      if (reasons.length === 0) {
        if (stored === '' && dismissed === '') return null;
        // The signals are gone, so a dismissal is spent too: whatever arises later is a new suggestion.
        await tx.account.update({
          where: { id: accountId },
          data: { riskSuggestion: Prisma.DbNull, riskSuggestedAt: null, riskDismissedCodes: [] },
        });
        if (stored === '') return null;
        await recordAuditEvent(tx, {
          organizationId: account.organizationId,
          accountId,
          entityType: 'account',
          entityId: accountId,
          actor: 'system',
          reason: 'at-risk suggestion withdrawn: its reasons no longer hold',
          at: now,
        });
        return 'withdrawn' as const;
      }
      if (stored === newCodes) return null;
      // Dismissed with these very reasons: hidden until the signals change.
      if (dismissed === newCodes) return null;
      const suggestion: StoredRiskSuggestion = { reasons, suggestedAt: now.toISOString() };
      await tx.account.update({
        where: { id: accountId },
        data: { riskSuggestion: toJsonInput(suggestion), riskSuggestedAt: now, riskDismissedCodes: [] },
      });
      await recordAuditEvent(tx, {
        organizationId: account.organizationId,
        accountId,
        entityType: 'account',
        entityId: accountId,
        actor: 'system',
        reason: `at-risk suggested: ${reasons.map((r) => r.message).join('; ')}`,
        data: { reasons: toJsonInput(reasons) },
        at: now,
      });
      return 'suggested' as const;
    });
    if (!changed) continue;
    result[changed].push(accountId);
    await deps.notifier.accountChanged(accountId);
  }
  return result;
}

/** Marks a stored suggestion this version cannot read, so it never equals a fresh one and is always rewritten. */
const UNREADABLE = '<unreadable>';

/**
 * The reason codes of the suggestion on record, sorted, for comparison with the fresh ones. The sweep only
 * compares them and then writes the fresh suggestion, so a value in a shape this version does not read (an older
 * version's, or damaged) is replaced, with a warning, instead of stopping the sweep for every other account.
 */
function storedSuggestionCodes(ctx: ServiceContext, value: unknown, accountId: string): string {
  try {
    return (readRiskSuggestion(value, accountId)?.reasons ?? [])
      .map((r) => r.code)
      .sort()
      .join(',');
  } catch (error) {
    if (!isAppError(error) || error.code !== 'internal') throw error;
    ctx.logger.warn(
      { err: error, accountId },
      'replacing an at-risk suggestion stored in a shape this version does not read',
    );
    return UNREADABLE;
  }
}
