import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import { can } from '../../domain/roles';
import { CURRENT_MILESTONE_ONLY } from '../accounts/current-milestone-query';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { riskSuggestionReasons } from '../accounts/risk-suggestion-reasons';
import { accountFigures } from '../metrics/account-figures';
import { loadAccountRecords } from '../metrics/load-account-record';

const optionsSchema = z.object({ organizationId: z.string().min(1), userId: z.string().min(1) });

export interface HomeData {
  isAdmin: boolean;
  /** Admins and CS leaders: App Home offers Analytics. */
  canViewAnalytics?: boolean;
  /**
   * How the person's review cards reach them (their own choice, changed right here in App Home); null for people
   * who have no accounts to review (account executives, viewers).
   */
  reviewCardDelivery: 'as_they_come' | 'digest' | null;
  draftsWaiting: { actionId: string; actionName: string; accountName: string; status: string }[];
  overdue: { actionId: string; actionName: string; accountName: string; dueAt: Date }[];
  blocked: { milestoneId: string; milestoneName: string; accountName: string; note: string }[];
  atRisk: { accountId: string; accountName: string }[];
  /** Thread's open at-risk suggestions on the person's active accounts, for them to confirm or dismiss. */
  riskSuggestions: { accountId: string; accountName: string; reasons: string[] }[];
  unreviewedSubmissions: { submissionId: string; actionName: string; accountName: string; at: Date }[];
  accounts: {
    id: string;
    name: string;
    status: string;
    progressPct: number;
    currentMilestone: string | null;
    /** Whose court it is ("Waiting on the customer: 2 items, oldest 4 days · nothing waiting on us"). */
    courtSentence: string;
    /** "On track" or "3 days behind: 2 customer, 1 us". */
    slipSentence: string;
  }[];
  orgCounts: {
    accounts: number;
    active: number;
    atRisk: number;
    draftsWaiting: number;
    blockedMilestones: number;
    overdueActions: number;
  } | null;
}

const LIST = 10;

/** The App Home: the CSM's own work for today; an admin also sees organisation-wide counts. */
export async function getHome(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<HomeData> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const user = await ctx.prisma.user.findFirst({
    where: { id: o.userId, organizationId: o.organizationId },
    select: { role: true, reviewCardDelivery: true },
  });
  const isAdmin = user?.role === 'admin';
  const reviewCardDelivery = user && can(user.role, 'manage_own_accounts') ? user.reviewCardDelivery : null;
  const mine: Prisma.AccountWhereInput = { organizationId: o.organizationId, csmId: o.userId };
  const overdueWhere: Prisma.ActionWhereInput = {
    status: { in: ['pending', 'ready', 'review_pending'] },
    dueAt: { lt: now },
  };

  const [drafts, overdue, blocked, atRisk, submissions, accounts, suggested] = await Promise.all([
    ctx.prisma.action.findMany({
      where: { account: mine, status: { in: ['ready', 'review_pending'] } },
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }],
      take: LIST,
      select: { id: true, name: true, status: true, account: { select: { name: true } } },
    }),
    ctx.prisma.action.findMany({
      where: { account: mine, ...overdueWhere },
      orderBy: { dueAt: 'asc' },
      take: LIST,
      select: { id: true, name: true, dueAt: true, account: { select: { name: true } } },
    }),
    ctx.prisma.milestone.findMany({
      where: { account: mine, status: 'blocked' },
      orderBy: { blockedAt: 'asc' },
      take: LIST,
      select: { id: true, name: true, blockerNote: true, account: { select: { name: true } } },
    }),
    ctx.prisma.account.findMany({
      where: { ...mine, status: 'at_risk' },
      orderBy: { name: 'asc' },
      take: LIST,
      select: { id: true, name: true },
    }),
    ctx.prisma.submission.findMany({
      where: { account: mine, reviewedAt: null },
      orderBy: { createdAt: 'asc' },
      take: LIST,
      select: { id: true, createdAt: true, action: { select: { name: true } }, account: { select: { name: true } } },
    }),
    ctx.prisma.account.findMany({
      where: { ...mine, status: { in: ['active', 'at_risk'] } },
      orderBy: [{ nextActionAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
      take: 15,
      select: {
        id: true,
        name: true,
        status: true,
        progressPct: true,
        milestones: { ...CURRENT_MILESTONE_ONLY, select: { name: true } },
      },
    }),
    ctx.prisma.account.findMany({
      where: { ...mine, status: 'active', riskSuggestedAt: { not: null } },
      orderBy: { name: 'asc' },
      take: LIST,
      select: { id: true, name: true, riskSuggestion: true },
    }),
  ]);

  const figures = new Map(
    (
      await loadAccountRecords(ctx.prisma, {
        organizationId: o.organizationId,
        accountIds: accounts.map((a) => a.id),
        events: false,
      })
    ).map((l) => [l.account.id, accountFigures(l, now)]),
  );

  let orgCounts: HomeData['orgCounts'] = null;
  if (isAdmin) {
    const org = { organizationId: o.organizationId };
    const [all, active, risky, waiting, blockedCount, overdueCount] = await Promise.all([
      ctx.prisma.account.count({ where: org }),
      ctx.prisma.account.count({ where: { ...org, status: 'active' } }),
      ctx.prisma.account.count({ where: { ...org, status: 'at_risk' } }),
      ctx.prisma.action.count({ where: { account: org, status: { in: ['ready', 'review_pending'] } } }),
      ctx.prisma.milestone.count({ where: { account: org, status: 'blocked' } }),
      ctx.prisma.action.count({ where: { account: org, ...overdueWhere } }),
    ]);
    orgCounts = {
      accounts: all,
      active,
      atRisk: risky,
      draftsWaiting: waiting,
      blockedMilestones: blockedCount,
      overdueActions: overdueCount,
    };
  }

  return {
    isAdmin,
    canViewAnalytics: user ? can(user.role, 'view_analytics') : false,
    reviewCardDelivery,
    draftsWaiting: drafts.map((a) => ({
      actionId: a.id,
      actionName: a.name,
      accountName: a.account.name,
      status: a.status,
    })),
    overdue: overdue.map((a) => ({ actionId: a.id, actionName: a.name, accountName: a.account.name, dueAt: a.dueAt! })),
    blocked: blocked.map((m) => ({
      milestoneId: m.id,
      milestoneName: m.name,
      accountName: m.account.name,
      note: m.blockerNote ?? '',
    })),
    atRisk: atRisk.map((a) => ({ accountId: a.id, accountName: a.name })),
    riskSuggestions: suggested.map((a) => ({
      accountId: a.id,
      accountName: a.name,
      reasons: riskSuggestionReasons(a.riskSuggestion),
    })),
    unreviewedSubmissions: submissions.map((s) => ({
      submissionId: s.id,
      actionName: s.action.name,
      accountName: s.account.name,
      at: s.createdAt,
    })),
    accounts: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      status: a.status,
      progressPct: a.progressPct,
      currentMilestone: a.milestones[0]?.name ?? null,
      courtSentence: figures.get(a.id)?.courtSentence ?? '',
      slipSentence: figures.get(a.id)?.slipSentence ?? '',
    })),
    orgCounts,
  };
}
