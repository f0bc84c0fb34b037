import { z } from 'zod';
import { OPEN_ACTION_STATUSES } from '../../domain/action-state';
import { currentMilestone } from '../../domain/current-milestone';
import { timeToValueDays } from '../../domain/metrics';
import { hubspotCompanyUrl } from '../../domain/hubspot-import';
import { milestoneProgress } from '../../domain/milestone-progress';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { CONTACT_SELECT, type ContactView } from '../contacts/contact-change';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';
import { getHandoffSummary, type HandoffSummary } from './get-handoff-summary';
import { readCrmFacts } from '../hubspot/crm-facts';
import { accountFigures, type AccountFigures } from '../metrics/account-figures';
import { loadAccountRecord } from '../metrics/load-account-record';
import { riskSuggestionReasons } from './risk-suggestion-reasons';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface AccountOverview {
  id: string;
  name: string;
  status: string;
  arr: number;
  csmId: string | null;
  csmName: string | null;
  csmSlackUserId: string | null;
  milestonesDone: number;
  milestonesTotal: number;
  currentMilestone: { id: string; name: string; status: string; plannedEndDate: Date } | null;
  nextActions: { id: string; name: string; type: string; status: string; dueAt: Date | null }[];
  blockers: { milestoneId: string; milestoneName: string; note: string; since: Date | null }[];
  draftsWaiting: number;
  /** Primary first. */
  contacts: ContactView[];
  /** Where its review cards go (null: the organisation's default) and its shared channel with the customer. */
  csmChannelId: string | null;
  customerChannelId: string | null;
  /** Thread's open at-risk suggestion, in words, for the CSM to confirm or dismiss; null when there is none. */
  riskSuggestion: { reasons: string[]; suggestedAt: Date } | null;
  /** Once completed: the go-live day (organisation's timezone) and business days from kickoff to it. */
  live: { since: Date; timeToValueDays: number } | null;
  /** Once churned: why and when. */
  churn: { reason: string; at: Date | null } | null;
  /** Calendar date: the planned kickoff (the plan starts from it once the handoff is in). */
  kickoffDate: Date;
  /** The AE's handoff: waiting for it, started without it, or what it said. */
  handoff: HandoffSummary;
  /** Made from a HubSpot deal: its company's page in HubSpot. */
  hubspotCompanyUrl: string | null;
  /** Time to value (actual or projected), whose court it is and its slip (services/metrics). */
  figures: AccountFigures;
}

/**
 * What `/thread account` shows: status, ARR, CSM, progress, the current milestone, next actions, blockers, its
 * contacts and Slack places, an open at-risk suggestion, the AE's handoff (waited for, or what it said), and once it
 * has ended, its go-live and time to value or its churn.
 */
export async function getAccountOverview(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<AccountOverview> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    include: {
      organization: { select: { workingDays: true } },
      csm: { select: { name: true, slackUserId: true } },
      milestones: { orderBy: { position: 'asc' } },
      contacts: { orderBy: PRIMARY_CONTACT_FIRST, select: CONTACT_SELECT },
    },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more)');
  const nextActions = await ctx.prisma.action.findMany({
    where: { accountId: account.id, status: { in: [...OPEN_ACTION_STATUSES] } },
    // Scheduled actions first, by due time; those still waiting on an event after them, in plan order.
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { position: 'asc' }],
    take: 5,
    select: { id: true, name: true, type: true, status: true, dueAt: true },
  });
  const draftsWaiting = await ctx.prisma.action.count({
    where: { accountId: account.id, status: { in: ['ready', 'review_pending'] } },
  });
  const current = currentMilestone(account.milestones);
  const progress = milestoneProgress(account.milestones);
  return {
    id: account.id,
    name: account.name,
    status: account.status,
    arr: account.arr,
    csmId: account.csmId,
    csmName: account.csm?.name ?? null,
    csmSlackUserId: account.csm?.slackUserId ?? null,
    milestonesDone: progress.done,
    milestonesTotal: progress.total,
    currentMilestone: current
      ? { id: current.id, name: current.name, status: current.status, plannedEndDate: current.plannedEndDate }
      : null,
    nextActions,
    blockers: account.milestones
      .filter((m) => m.status === 'blocked')
      .map((m) => ({ milestoneId: m.id, milestoneName: m.name, note: m.blockerNote ?? '', since: m.blockedAt })),
    draftsWaiting,
    contacts: account.contacts,
    csmChannelId: account.slackCsmChannelId,
    customerChannelId: account.slackCustomerChannelId,
    riskSuggestion: account.riskSuggestedAt
      ? { reasons: riskSuggestionReasons(account.riskSuggestion), suggestedAt: account.riskSuggestedAt }
      : null,
    live:
      account.status === 'completed' && account.goLiveActualDate
        ? {
            since: account.goLiveActualDate,
            timeToValueDays: timeToValueDays(account, account.organization.workingDays) ?? 0,
          }
        : null,
    churn: account.status === 'churned' ? { reason: account.churnReason ?? '', at: account.churnedAt } : null,
    kickoffDate: account.kickoffDate,
    handoff: await getHandoffSummary(ctx, { organizationId: o.organizationId, accountId: account.id }),
    hubspotCompanyUrl: hubspotCompanyUrl(
      readCrmFacts(account.crmFacts, account.id)?.portalId,
      account.hubspotCompanyId,
    ),
    figures: accountFigures(
      await loadAccountRecord(ctx.prisma, { organizationId: o.organizationId, accountId: account.id, events: false }),
      ctx.now(),
    ),
  };
}
