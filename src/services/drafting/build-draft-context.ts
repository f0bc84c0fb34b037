/**
 * Everything a drafter is told about one action, read from the database in one place: the account, its contacts,
 * the handoff answers, the plan (current milestone and what comes next), what was already sent, the action's
 * instructions and default content with its placeholders filled, the CSM and the organisation's brand voice.
 */
import { formatCalendarDate } from '../../domain/calendar-date';
import type { DraftRequest } from '../../domain/draft-context';
import { buildPlaceholderVars, renderPlaceholders } from '../../domain/placeholders';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';

export async function loadActionForDrafting(ctx: ServiceContext, actionId: string) {
  const action = await ctx.prisma.action.findUnique({
    where: { id: actionId },
    include: {
      milestone: true,
      account: {
        include: {
          organization: true,
          csm: true,
          contacts: { orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }] },
          handoff: { include: { answers: { include: { question: true } } } },
          milestones: { orderBy: { position: 'asc' } },
        },
      },
    },
  });
  if (!action) throw new AppError('not_found', `action ${actionId} does not exist`);
  return action;
}

export type ActionForDrafting = Awaited<ReturnType<typeof loadActionForDrafting>>;

/** The primary contact, else the first one recorded: who customer-facing actions go to. */
export function recipientOf(action: ActionForDrafting) {
  return action.account.contacts[0] ?? null;
}

export async function buildDraftRequest(ctx: ServiceContext, action: ActionForDrafting): Promise<DraftRequest> {
  const { account } = action;
  const org = account.organization;
  const recipient = recipientOf(action);
  const nextMilestone = account.milestones.find((m) => m.position > action.milestone.position) ?? null;
  const vars = buildPlaceholderVars({
    account: { name: account.name, domain: account.domain, arr: account.arr, goLiveDate: account.goLiveDate, kickoffDate: account.kickoffDate },
    contact: recipient ? { name: recipient.name, email: recipient.email } : null,
    csm: account.csm ? { name: account.csm.name, email: account.csm.email ?? '' } : null,
    // Filled at send time (see domain/send-time-placeholders.ts).
    portalLink: null,
    milestone: { name: action.milestone.name },
    nextMilestone,
    timeZone: org.timezone,
  });

  const sent = await ctx.prisma.action.findMany({
    where: { accountId: account.id, status: { in: ['executed', 'completed'] }, executedAt: { not: null }, type: { not: 'internal_task' } },
    orderBy: { executedAt: 'asc' },
    select: { name: true, type: true, executedAt: true, draftSubject: true },
  });

  const answers = [...(account.handoff?.answers ?? [])].sort((a, b) => a.question.position - b.question.position);
  return {
    stable: {
      organization: { name: org.name, brandVoice: org.brandVoice },
      csm: account.csm ? { name: account.csm.name, email: account.csm.email } : null,
      account: {
        name: account.name,
        domain: account.domain,
        industry: account.industry,
        arr: account.arr,
        kickoffDate: formatCalendarDate(account.kickoffDate),
        goLiveDate: account.goLiveDate ? formatCalendarDate(account.goLiveDate) : null,
      },
      contacts: account.contacts.map((c) => ({ name: c.name, email: c.email, title: c.title, isPrimary: c.isPrimary })),
      handoffAnswers: answers.filter((a) => a.value.trim() !== '').map((a) => ({ question: a.question.label, answer: a.value })),
      milestones: account.milestones.map((m) => ({
        name: m.name,
        status: m.status,
        plannedStartDate: formatCalendarDate(m.plannedStartDate),
        plannedEndDate: formatCalendarDate(m.plannedEndDate),
        exitCriteria: m.exitCriteria,
      })),
    },
    task: {
      action: { name: action.name, type: action.type as ActionType, instructions: action.instructions, purpose: action.purpose },
      milestoneName: action.milestone.name,
      recipient: recipient ? { name: recipient.name, email: recipient.email } : null,
      defaultSubject: renderPlaceholders(action.defaultSubject, vars).text,
      defaultBody: renderPlaceholders(action.defaultBody, vars).text,
      alreadySent: sent.map((s) => ({
        name: s.name,
        type: s.type as ActionType,
        sentOn: s.executedAt!.toISOString().slice(0, 10),
        subject: s.draftSubject ?? '',
      })),
    },
  };
}
