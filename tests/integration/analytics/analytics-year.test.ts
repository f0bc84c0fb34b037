/**
 * A year of onboarding built through the services (the clock moved to each step's moment): 38 accounts kicked off
 * across twelve months on two templates by three CSMs, milestones completed early, on time and late, blocks with
 * each cause, go-lives, churn, and accounts still open, one of them blocked by a third party now. The analytics
 * (SQL) must give exactly what an independent calculation in this file gives from the same schedule, for several
 * periods and filters. Nothing here reads Thread's own formulas: business days, percentiles and the slip rules
 * (a late day is the side of the block that covers it, else ours: these plans ask nothing of anyone) are written
 * out below.
 */
import type { AnalyticsSection } from '../../../src/domain/analytics';
import { getAnalytics } from '../../../src/services/analytics/get-analytics';
import { refreshSlipLedgers } from '../../../src/services/scheduler/refresh-slip-ledgers';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import {
  CSM_NAMES,
  TEMPLATES,
  kickOff,
  setUpAnalyticsOrg,
  takeStep,
  type AccountStep,
  type TemplateName,
} from './analytics-fixture';

jest.setTimeout(240_000);
const t = useTestDatabase();

const DAY = 86_400_000;
/** Tuesday 24 November 2026, 18:00 UTC: the moment the analytics are read. */
const NOW = new Date('2026-11-24T18:00:00Z');

// ---- business dates, written out independently (UTC, Monday to Friday) ----
const isBusiness = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
const dateOnly = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
/** The n-th business date after `d` (d itself when n = 0; d is a business date). */
function addBusiness(d: Date, n: number): Date {
  let day = new Date(d);
  for (let left = n; left > 0;) {
    day = new Date(day.getTime() + DAY);
    if (isBusiness(day)) left--;
  }
  return day;
}
function businessDatesInclusive(a: Date, b: Date): Date[] {
  const out: Date[] = [];
  for (let day = dateOnly(a); day <= b; day = new Date(day.getTime() + DAY)) if (isBusiness(day)) out.push(day);
  return out;
}
const at = (d: Date, hour: number) => new Date(d.getTime() + hour * 3_600_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** A small deterministic generator (mulberry32), so the year is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the schedule: what happens to each account ----
interface PlannedBlock {
  cause: 'customer' | 'us' | 'third_party';
  start: Date;
  end: Date | null;
}
interface PlannedMilestone {
  position: number;
  name: string;
  plannedDays: number;
  start: Date;
  /** Completion instant; null while it is open at NOW. */
  completedAt: Date | null;
  blocks: PlannedBlock[];
}
interface PlannedAccount {
  name: string;
  template: TemplateName;
  csm: (typeof CSM_NAMES)[number];
  kickoff: Date;
  churnedAt: Date | null;
  milestones: PlannedMilestone[];
  steps: AccountStep[];
}

function planYear(): PlannedAccount[] {
  const rnd = random(13);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const accounts: PlannedAccount[] = [];
  for (let month = 0; month < 12; month++) {
    for (let k = 0; k < (month === 11 ? 5 : 3); k++) {
      // The last month's kickoffs come late in it, so some accounts are still onboarding at the end.
      const day = month === 11 ? 12 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 18);
      let kickoff = new Date(Date.UTC(2025, 11 + month, day));
      while (!isBusiness(kickoff)) kickoff = new Date(kickoff.getTime() + DAY);
      const template = pick(['Fast', 'Thorough'] as const);
      const plan: PlannedAccount = {
        name: `Customer ${String(accounts.length + 1).padStart(2, '0')}`,
        template,
        csm: pick(CSM_NAMES),
        kickoff,
        churnedAt: null,
        milestones: [],
        steps: [],
      };
      const churns = rnd() < 0.12;
      let start = at(kickoff, 9);
      for (const [position, m] of TEMPLATES[template].entries()) {
        const actual = Math.max(1, m.plannedDays + pick([-1, 0, 0, 0, 1, 2, 3, 5]));
        const completionDate = addBusiness(dateOnly(start), actual - 1);
        const completedAt = at(completionDate, 15);
        const milestone: PlannedMilestone = {
          position,
          name: m.name,
          plannedDays: m.plannedDays,
          start,
          completedAt,
          blocks: [],
        };
        if (actual >= 3 && rnd() < 0.45) {
          // Somewhere from its second business date to the one before it completes, for one or more dates.
          const first = 1 + Math.floor(rnd() * (actual - 2));
          const blockDay = addBusiness(dateOnly(start), first);
          const endDay = addBusiness(blockDay, Math.floor(rnd() * (actual - 1 - first)));
          const block: PlannedBlock = {
            cause: pick(['customer', 'us', 'third_party'] as const),
            start: at(blockDay, 10),
            end: at(endDay, 16),
          };
          milestone.blocks.push(block);
          plan.steps.push({ at: block.start, kind: 'block', cause: block.cause }, { at: block.end!, kind: 'unblock' });
        }
        plan.steps.push({ at: completedAt, kind: 'complete' });
        plan.milestones.push(milestone);
        start = completedAt;
        if (churns && position === 0) {
          // Churned the moment the first milestone is done; the next one had started at that moment.
          plan.churnedAt = new Date(completedAt.getTime() + 60_000);
          plan.steps.push({ at: plan.churnedAt, kind: 'churn' });
          plan.milestones.push({
            position: 1,
            name: TEMPLATES[template][1]!.name,
            plannedDays: TEMPLATES[template][1]!.plannedDays,
            start: completedAt,
            completedAt: null,
            blocks: [],
          });
          break;
        }
      }
      // What lies after NOW has not happened: the steps are dropped, the milestones and blocks stay open.
      plan.steps = plan.steps.filter((s) => s.at <= NOW);
      if (plan.churnedAt && plan.churnedAt > NOW) plan.churnedAt = null;
      for (const m of plan.milestones) {
        if (m.completedAt && m.completedAt > NOW) m.completedAt = null;
        for (const b of m.blocks) if (b.end && b.end > NOW) b.end = null;
        m.blocks = m.blocks.filter((b) => b.start <= NOW);
      }
      plan.milestones = plan.milestones.filter((m, i) => i === 0 || plan.milestones[i - 1]!.completedAt !== null);
      accounts.push(plan);
    }
  }
  // One account still open is blocked now by a third party (its step happens today).
  const open = accounts.filter((a) => !a.churnedAt && a.milestones.some((m) => !m.completedAt)).at(-1)!;
  const current = open.milestones.find((m) => !m.completedAt)!;
  if (current.blocks.some((b) => b.end === null)) return accounts;
  // At 17:00, after any unblock of the day (16:00).
  const blockAt = at(dateOnly(NOW), 17);
  if (current.start < blockAt) {
    current.blocks.push({ cause: 'third_party', start: blockAt, end: null });
    open.steps.push({ at: blockAt, kind: 'block', cause: 'third_party' });
  }
  return accounts;
}

// ---- the independent calculation ----
interface Facts {
  status: 'active' | 'completed' | 'churned';
  goLive: Date | null;
  ttv: number | null;
  slip: { date: Date; side: 'customer' | 'us' | 'third_party' }[];
  progressPct: number;
}

function factsOf(a: PlannedAccount): Facts {
  const total = TEMPLATES[a.template].length;
  const done = a.milestones.filter((m) => m.completedAt).length;
  const status = a.churnedAt ? 'churned' : done === total ? 'completed' : 'active';
  const last = a.milestones.at(-1)!;
  const goLive = status === 'completed' ? dateOnly(last.completedAt!) : null;
  const slip: Facts['slip'] = [];
  for (const m of a.milestones) {
    // A churned account's ledger was last rebuilt when its milestone completed: its next one had no late day yet.
    if (!m.completedAt && a.churnedAt) continue;
    const end = m.completedAt ? dateOnly(m.completedAt) : dateOnly(NOW);
    const dates = businessDatesInclusive(dateOnly(m.start), end);
    for (const date of dates.slice(m.plannedDays)) {
      const covering = m.blocks
        .filter((b) => b.start.getTime() < date.getTime() + DAY && (b.end === null || b.end.getTime() > date.getTime()))
        .sort((x, y) => x.start.getTime() - y.start.getTime())[0];
      slip.push({ date, side: covering?.cause ?? 'us' });
    }
  }
  return {
    status,
    goLive,
    ttv: goLive ? businessDatesInclusive(a.kickoff, goLive).length : null,
    slip,
    progressPct: Math.round((done / total) * 100),
  };
}

interface Scope {
  from: Date;
  to: Date;
  template?: TemplateName;
  csm?: (typeof CSM_NAMES)[number];
}

function expected(accounts: PlannedAccount[], s: Scope): AnalyticsSection[] {
  const inScope = accounts.filter((a) => (!s.template || a.template === s.template) && (!s.csm || a.csm === s.csm));
  const facts = new Map(inScope.map((a) => [a, factsOf(a)]));
  const inPeriod = (d: Date) => d >= s.from && d < s.to;

  const ttv = (key: (a: PlannedAccount) => string) => {
    const groups = new Map<string, number[]>();
    for (const a of inScope) {
      const f = facts.get(a)!;
      if (f.goLive && inPeriod(f.goLive)) groups.set(key(a), [...(groups.get(key(a)) ?? []), f.ttv!]);
    }
    return [...groups.entries()]
      .map(([group, v]) => ({
        group,
        accounts: v.length,
        medianDays: round1(percentileCont(v, 0.5)),
        p90Days: round1(percentileCont(v, 0.9)),
      }))
      .sort((x, y) => x.medianDays! - y.medianDays! || x.group.localeCompare(y.group));
  };

  const onTime = new Map<string, { position: number; milestone: string; actual: number[]; planned: number[] }>();
  for (const a of inScope)
    for (const m of a.milestones) {
      if (!m.completedAt || !inPeriod(m.completedAt)) continue;
      const key = `${m.position}:${m.name}`;
      const row = onTime.get(key) ?? { position: m.position, milestone: m.name, actual: [], planned: [] };
      row.actual.push(businessDatesInclusive(dateOnly(m.start), dateOnly(m.completedAt)).length);
      row.planned.push(m.plannedDays);
      onTime.set(key, row);
    }

  const blocks = inScope.flatMap((a) => a.milestones.flatMap((m) => m.blocks.map((b) => ({ ...b, account: a.name }))));
  const causes = ['customer', 'us', 'third_party'] as const;
  const slip = inScope.flatMap((a) =>
    facts
      .get(a)!
      .slip.filter((d) => inPeriod(d.date))
      .map((d) => ({ ...d, account: a.name })),
  );
  const open = inScope.filter((a) => facts.get(a)!.status === 'active');
  const cohorts = new Map<string, PlannedAccount[]>();
  for (const a of inScope)
    if (inPeriod(a.kickoff))
      cohorts.set(iso(a.kickoff).slice(0, 7), [...(cohorts.get(iso(a.kickoff).slice(0, 7)) ?? []), a]);
  const behind = (a: PlannedAccount) => facts.get(a)!.slip.length;

  return [
    { id: 'ttv_by_template', rows: ttv((a) => a.template) },
    { id: 'ttv_by_csm', rows: ttv((a) => a.csm) },
    {
      id: 'on_time_by_milestone',
      rows: [...onTime.values()]
        .sort((x, y) => x.position - y.position || x.milestone.localeCompare(y.milestone))
        .map((r) => {
          const onTimeCount = r.actual.filter((v, i) => v <= r.planned[i]!).length;
          return {
            position: r.position,
            milestone: r.milestone,
            completed: r.actual.length,
            onTime: onTimeCount,
            rate: onTimeCount / r.actual.length,
            medianActualDays: round1(percentileCont(r.actual, 0.5)),
            medianPlannedDays: round1(percentileCont(r.planned, 0.5)),
          };
        }),
    },
    {
      id: 'blockers_by_cause',
      rows: causes
        .map((cause) => {
          const mine = blocks.filter((b) => b.cause === cause && inPeriod(b.start));
          return {
            cause,
            blocks: mine.length,
            accounts: new Set(mine.map((b) => b.account)).size,
            open: mine.filter((b) => b.end === null).length,
            medianDays: round1(
              percentileCont(
                mine.map((b) => ((b.end ?? NOW).getTime() - b.start.getTime()) / DAY),
                0.5,
              ),
            ),
          };
        })
        .filter((r) => r.blocks > 0),
    },
    {
      id: 'slip_by_side',
      rows: causes
        .map((side) => {
          const mine = slip.filter((d) => d.side === side);
          return {
            side,
            days: mine.length,
            accounts: new Set(mine.map((d) => d.account)).size,
            share: mine.length / slip.length,
          };
        })
        .filter((r) => r.days > 0),
    },
    {
      id: 'csm_workload',
      rows: CSM_NAMES.map((csm) => ({
        csm,
        activeAccounts: open.filter((a) => a.csm === csm).length,
        draftsWaiting: 0,
        overdueActions: 0,
      }))
        .filter((r) => r.activeAccounts > 0)
        .sort((x, y) => y.activeAccounts - x.activeAccounts || x.csm.localeCompare(y.csm)),
    },
    {
      id: 'kickoff_cohorts',
      rows: [...cohorts.entries()]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([month, list]) => ({
          month,
          kickedOff: list.length,
          live: list.filter((a) => facts.get(a)!.status === 'completed').length,
          onboarding: list.filter((a) => facts.get(a)!.status === 'active').length,
          churned: list.filter((a) => facts.get(a)!.status === 'churned').length,
          medianProgressPct: Math.round(
            percentileCont(
              list.map((a) => facts.get(a)!.progressPct),
              0.5,
            )!,
          ),
        })),
    },
    {
      id: 'accounts_at_risk',
      rows: open
        .filter((a) => behind(a) > 0)
        .sort((x, y) => behind(y) - behind(x) || x.name.localeCompare(y.name))
        .slice(0, 10)
        .map((a) => ({
          account: a.name,
          csm: a.csm,
          status: 'active',
          daysBehind: behind(a),
          milestone: a.milestones.find((m) => !m.completedAt)!.name,
        })),
    },
  ] as AnalyticsSection[];
}

/** Rows as compared: the at-risk rows without their ids (the schedule names accounts, the database numbers them). */
function comparable(sections: AnalyticsSection[]) {
  return sections.map((s) =>
    s.id === 'accounts_at_risk' ? { id: s.id, rows: s.rows.map(({ accountId: _id, ...rest }) => rest) } : s,
  );
}

describe('a year of history', () => {
  it('gives the numbers an independent calculation gives, for every section, period and filter', async () => {
    const ctx = serviceContext(t.db, '2025-11-28T09:00:00Z');
    const org = await setUpAnalyticsOrg(ctx);
    const accounts = planYear();

    // Every account's kickoff and steps, in the order they happen across the year.
    const events = accounts.flatMap((a) => [
      { at: at(a.kickoff, 8), account: a, step: null as AccountStep | null },
      ...a.steps.map((step) => ({ at: step.at, account: a, step: step as AccountStep | null })),
    ]);
    events.sort((x, y) => x.at.getTime() - y.at.getTime());
    const ids = new Map<PlannedAccount, string>();
    for (const e of events) {
      ctx.setNow(e.at);
      if (!e.step) {
        ids.set(
          e.account,
          await kickOff(ctx, org, {
            name: e.account.name,
            template: e.account.template,
            csm: e.account.csm,
            kickoff: iso(e.account.kickoff),
          }),
        );
        continue;
      }
      await takeStep(ctx, org, ids.get(e.account)!, org.csms[e.account.csm], e.step);
    }
    // The tick that evening rebuilds the ledgers of the accounts still onboarding.
    ctx.setNow(NOW);
    await refreshSlipLedgers(ctx);

    // The history is as varied as it should be.
    const all = accounts.map(factsOf);
    expect(all.filter((f) => f.status === 'completed').length).toBeGreaterThan(15);
    expect(all.filter((f) => f.status === 'churned').length).toBeGreaterThan(0);
    expect(all.filter((f) => f.status === 'active').length).toBeGreaterThan(2);
    const sides = new Set(all.flatMap((f) => f.slip.map((d) => d.side)));
    expect([...sides].sort()).toEqual(['customer', 'third_party', 'us']);

    const scopes: { filters: Parameters<typeof getAnalytics>[2]['filters']; scope: Scope }[] = [
      { filters: { period: '12m' }, scope: { from: new Date('2025-12-01'), to: new Date('2026-11-25') } },
      { filters: {}, scope: { from: new Date('2026-08-27'), to: new Date('2026-11-25') } },
      {
        filters: { period: '2026-q2', template: 'thorough' },
        scope: { from: new Date('2026-04-01'), to: new Date('2026-07-01'), template: 'Thorough' },
      },
      {
        filters: { period: 'ytd', csmUserId: org.csms['Ben Brook'].userId },
        scope: { from: new Date('2026-01-01'), to: new Date('2026-11-25'), csm: 'Ben Brook' },
      },
    ];
    for (const { filters, scope } of scopes) {
      const view = await getAnalytics(ctx, undefined, { organizationId: org.organizationId, actor: org.lead, filters });
      expect(comparable(view.sections.map((v) => v.section))).toEqual(comparable(expected(accounts, scope)));
    }
  });
});
