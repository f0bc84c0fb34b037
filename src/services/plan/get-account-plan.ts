import { z } from 'zod';
import type { ActionStatus } from '../../domain/action-state';
import { actionWhy, type Doer, type WhyPart } from '../../domain/plan-why';
import type { LintFinding } from '../../domain/review-lint';
import type { ActionType, TriggerKind } from '../../domain/template';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { readLintFindings } from '../json/stored-json';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface PlanAction {
  id: string;
  key: string;
  name: string;
  type: ActionType;
  status: ActionStatus;
  triggerKind: TriggerKind;
  delayDays: number;
  /** The key of the action it waits on, when its trigger waits on one. */
  afterActionKey: string | null;
  dueAt: Date | null;
  /** Why it is where it is, one line (domain/plan-why.ts). */
  why: WhyPart[];
  /** What a ready draft's review buttons need. */
  approvedAt: Date | null;
  lastError: string | null;
  lintFindings: LintFinding[];
}

export interface PlanMilestone {
  id: string;
  position: number;
  name: string;
  status: 'pending' | 'in_progress' | 'blocked' | 'completed';
  plannedDays: number;
  plannedStartDate: Date;
  plannedEndDate: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  blockerNote: string | null;
  actions: PlanAction[];
}

export interface AccountPlan {
  accountId: string;
  accountName: string;
  accountStatus: string;
  csmId: string | null;
  kickoffDate: Date;
  goLiveDate: Date | null;
  timeZone: string;
  milestones: PlanMilestone[];
}

/** Who completed or skipped each action, from the last transition the audit trail holds for it. */
async function doersOf(ctx: ServiceContext, organizationId: string, actionIds: string[]): Promise<Map<string, Doer>> {
  if (actionIds.length === 0) return new Map();
  const events = await ctx.prisma.auditEvent.findMany({
    where: {
      organizationId,
      entityType: 'action',
      entityId: { in: actionIds },
      toState: { in: ['completed', 'skipped'] },
    },
    orderBy: { at: 'asc' },
    select: { entityId: true, actor: true },
  });
  const userIds = [...new Set(events.map((e) => e.actor).filter((a) => !/^(customer:|system$|cli$|seed$)/.test(a)))];
  const users = await ctx.prisma.user.findMany({
    where: { organizationId, id: { in: userIds } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const doers = new Map<string, Doer>();
  for (const e of events) {
    const name = names.get(e.actor);
    const doer: Doer | null = e.actor.startsWith('customer:')
      ? { kind: 'customer' }
      : e.actor === 'cli'
        ? { kind: 'cli' }
        : name
          ? { kind: 'person', name }
          : { kind: 'thread' };
    doers.set(e.entityId, doer);
  }
  return doers;
}

/**
 * One account's plan, milestone by milestone, every action with its state and why it stands there, for `/thread
 * plan` (read-only: anyone in the organisation may read plans). The "why" is computed at the service's clock in the
 * organisation's zone.
 */
export async function getAccountPlan(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<AccountPlan> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: {
      id: true,
      name: true,
      status: true,
      csmId: true,
      kickoffDate: true,
      goLiveDate: true,
      organization: { select: { timezone: true } },
      milestones: { orderBy: { position: 'asc' } },
      actions: { orderBy: { position: 'asc' } },
    },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more)');
  const timeZone = account.organization.timezone;
  const clock = { now: ctx.now(), timeZone };
  const ended = account.actions.filter((a) => a.status === 'completed' || a.status === 'skipped').map((a) => a.id);
  const doers = await doersOf(ctx, o.organizationId, ended);
  const byKey = new Map(account.actions.map((a) => [a.key, a]));
  const milestoneStatus = new Map(account.milestones.map((m) => [m.id, m.status]));

  const actionsOf = (milestoneId: string): PlanAction[] =>
    account.actions
      .filter((a) => a.milestoneId === milestoneId)
      .map((a) => ({
        id: a.id,
        key: a.key,
        name: a.name,
        type: a.type,
        status: a.status,
        triggerKind: a.triggerKind,
        delayDays: a.delayDays,
        afterActionKey: a.afterActionKey,
        dueAt: a.dueAt,
        approvedAt: a.approvedAt,
        lastError: a.lastError,
        lintFindings: a.status === 'ready' ? readLintFindings(a.lintFindings, a.id) : [],
        why: actionWhy(
          {
            ...a,
            waitsOn: a.afterActionKey ? (byKey.get(a.afterActionKey) ?? null) : null,
            doneBy: doers.get(a.id) ?? null,
            milestoneStatus: milestoneStatus.get(a.milestoneId) ?? 'pending',
          },
          clock,
        ),
      }));

  return {
    accountId: account.id,
    accountName: account.name,
    accountStatus: account.status,
    csmId: account.csmId,
    kickoffDate: account.kickoffDate,
    goLiveDate: account.goLiveDate,
    timeZone,
    milestones: account.milestones.map((m) => ({
      id: m.id,
      position: m.position,
      name: m.name,
      status: m.status,
      plannedDays: m.plannedDays,
      plannedStartDate: m.plannedStartDate,
      plannedEndDate: m.plannedEndDate,
      startedAt: m.startedAt,
      completedAt: m.completedAt,
      blockerNote: m.blockerNote,
      actions: actionsOf(m.id),
    })),
  };
}
