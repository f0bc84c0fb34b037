/**
 * One loader for everything the issue-13 formulas read about accounts (domain/account-record.ts): the clocks, the
 * slip ledger and the metrics all start here, so they cannot disagree about what the record says. Many accounts
 * load in the same six queries as one (App Home and `/thread metrics` list several).
 */
import { PROJECTED_MILESTONE_COLUMNS } from '../plan/projected-milestone-columns';
import type { PrismaClient } from '../../db/generated/client';
import type { AccountRecord } from '../../domain/account-record';
import { businessCalendar, type BusinessCalendar } from '../../domain/business-days';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';

export interface LoadedAccountRecord {
  account: {
    id: string;
    name: string;
    organizationId: string;
    status: string;
    templateId: string | null;
    csmId: string | null;
    daysBehind: number;
    slipRefreshedAt: Date | null;
  };
  calendar: BusinessCalendar;
  record: AccountRecord;
}

export interface LoadAccountRecordsOptions {
  accountIds: readonly string[];
  /** Scopes the lookup when the caller acts for a person; a ledger refresh passes only the account it holds. */
  organizationId?: string;
  /**
   * False leaves `events` empty: the clocks and the slip ledger never read engagement, and a busy portal makes it
   * the longest list.
   */
  events?: boolean;
}

const MILESTONE_COLUMNS = {
  ...PROJECTED_MILESTONE_COLUMNS,
  accountId: true,
  position: true,
  actualDays: true,
} as const;

const ACTION_COLUMNS = {
  accountId: true,
  id: true,
  key: true,
  name: true,
  type: true,
  status: true,
  milestoneId: true,
  firedAt: true,
  executedAt: true,
  completedAt: true,
  skippedAt: true,
} as const;

function byAccount<T extends { accountId: string }>(rows: T[]): Map<string, Omit<T, 'accountId'>[]> {
  const grouped = new Map<string, Omit<T, 'accountId'>[]>();
  for (const { accountId, ...row } of rows) {
    const list = grouped.get(accountId);
    if (list) list.push(row);
    else grouped.set(accountId, [row]);
  }
  return grouped;
}

/** The records of the accounts found, in the order asked; an id that is not found (or not the org's) is left out. */
export async function loadAccountRecords(
  db: Tx | PrismaClient,
  o: LoadAccountRecordsOptions,
): Promise<LoadedAccountRecord[]> {
  if (o.accountIds.length === 0) return [];
  const accounts = await db.account.findMany({
    where: { id: { in: [...o.accountIds] }, ...(o.organizationId ? { organizationId: o.organizationId } : {}) },
    select: {
      id: true,
      name: true,
      organizationId: true,
      status: true,
      templateId: true,
      csmId: true,
      daysBehind: true,
      slipRefreshedAt: true,
      kickoffDate: true,
      goLiveActualDate: true,
    },
  });
  if (accounts.length === 0) return [];
  // Not a nested select: Prisma fetches a relation with a query of its own alongside the parent's, and two queries
  // at once on a transaction's one connection is what pg is deprecating.
  const calendars = new Map(
    (
      await db.organization.findMany({
        where: { id: { in: [...new Set(accounts.map((a) => a.organizationId))] } },
        select: { id: true, timezone: true, workingDays: true },
      })
    ).map((org) => [org.id, businessCalendar(org.timezone, org.workingDays)]),
  );
  const ids = accounts.map((a) => a.id);
  const accountId = { in: ids };
  // One after another: inside a transaction the queries share one connection anyway.
  const milestones = await db.milestone.findMany({
    where: { accountId },
    orderBy: { position: 'asc' },
    select: MILESTONE_COLUMNS,
  });
  const actions = await db.action.findMany({
    where: { accountId },
    orderBy: { position: 'asc' },
    select: ACTION_COLUMNS,
  });
  const submissions = await db.submission.findMany({
    where: { accountId },
    orderBy: { createdAt: 'asc' },
    select: { accountId: true, actionId: true, createdAt: true, reviewedAt: true },
  });
  const blocks = await db.milestoneBlock.findMany({
    where: { accountId },
    orderBy: { startedAt: 'asc' },
    select: { accountId: true, milestoneId: true, cause: true, startedAt: true, endedAt: true },
  });
  const events =
    o.events === false
      ? []
      : await db.engagementEvent.findMany({
          where: { accountId },
          orderBy: { at: 'asc' },
          select: { accountId: true, kind: true, at: true },
        });
  const grouped = {
    milestones: byAccount(milestones),
    actions: byAccount(actions),
    submissions: byAccount(submissions),
    blocks: byAccount(blocks),
    events: byAccount(events),
  };
  const found = new Map(accounts.map((a) => [a.id, a]));
  return o.accountIds.flatMap((id) => {
    const a = found.get(id);
    if (!a) return [];
    return [
      {
        account: {
          id: a.id,
          name: a.name,
          organizationId: a.organizationId,
          status: a.status,
          templateId: a.templateId,
          csmId: a.csmId,
          daysBehind: a.daysBehind,
          slipRefreshedAt: a.slipRefreshedAt,
        },
        calendar: calendars.get(a.organizationId)!,
        record: {
          account: { kickoffDate: a.kickoffDate, goLiveActualDate: a.goLiveActualDate },
          milestones: grouped.milestones.get(id) ?? [],
          actions: grouped.actions.get(id) ?? [],
          submissions: grouped.submissions.get(id) ?? [],
          blocks: grouped.blocks.get(id) ?? [],
          events: grouped.events.get(id) ?? [],
        },
      },
    ];
  });
}

/** One account's record; not found (or not the organisation's) is an AppError. */
export async function loadAccountRecord(
  db: Tx | PrismaClient,
  o: Omit<LoadAccountRecordsOptions, 'accountIds'> & { accountId: string },
): Promise<LoadedAccountRecord> {
  const [loaded] = await loadAccountRecords(db, { ...o, accountIds: [o.accountId] });
  if (!loaded) throw new AppError('not_found', 'that account does not exist (any more)');
  return loaded;
}
