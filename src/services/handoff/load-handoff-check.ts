/**
 * Everything the contradiction check compares, read from the record: the submitted handoff's answers with their
 * questions, what the CRM said about the deal (Account.crmFacts), the contacts, and the plan with the template
 * actions it does not hold.
 */
import { formatCalendarDate } from '../../domain/calendar-date';
import type { DealFacts, HandoffCheckInput } from '../../domain/handoff-checks';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { crmFactsSchema } from '../hubspot/crm-facts';
import { listAddableTemplateActions } from '../plan/list-addable-template-actions';

/** Question kinds whose answers are not free text: Claude is only shown the others. */
const STRUCTURED_KINDS = new Set(['date', 'number', 'single_choice', 'multiple_choice', 'yes_no']);

export interface HandoffCheck {
  account: { id: string; name: string; organizationId: string };
  handoffId: string;
  input: HandoffCheckInput;
  /** The free-text answers, for Claude. */
  freeText: { question: string; answer: string }[];
}

/** The deal's figures, or null when the account has no CRM facts or they are not in the shape this version reads. */
function dealOf(ctx: ServiceContext, accountId: string, value: unknown): DealFacts | null {
  if (value === null || value === undefined) return null;
  const parsed = crmFactsSchema.safeParse(value);
  if (!parsed.success) {
    // The check still runs on the answers and the plan; the CRM comparison is what is lost, and it is logged.
    ctx.logger.warn({ accountId }, 'Account.crmFacts is not in the shape this version reads; checking without it');
    return null;
  }
  const { amount, currency, seats, closeDate } = parsed.data;
  return { amount, currency, seats, closeDate };
}

export async function loadHandoffCheck(
  ctx: ServiceContext,
  o: { organizationId: string; accountId: string },
): Promise<HandoffCheck> {
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: {
      id: true,
      name: true,
      organizationId: true,
      arr: true,
      kickoffDate: true,
      goLiveDate: true,
      crmFacts: true,
      contacts: { select: { name: true, email: true } },
      milestones: {
        orderBy: { position: 'asc' },
        select: { id: true, name: true, status: true, plannedEndDate: true },
      },
      actions: { orderBy: { position: 'asc' }, select: { key: true, name: true, type: true, milestoneId: true } },
      handoff: {
        select: {
          id: true,
          submittedAt: true,
          answers: {
            select: { value: true, question: { select: { key: true, label: true, kind: true, position: true } } },
          },
        },
      },
    },
  });
  if (!account) throw new AppError('not_found', 'that account does not exist (any more).');
  const handoff = account.handoff;
  if (!handoff?.submittedAt) {
    throw new AppError('illegal_transition', `${account.name} has no submitted handoff to check yet.`);
  }
  const milestoneName = new Map(account.milestones.map((m) => [m.id, m.name]));
  const answers = [...handoff.answers]
    .sort((a, b) => a.question.position - b.question.position)
    .map((a) => ({ key: a.question.key, label: a.question.label, kind: a.question.kind, value: a.value }));
  const lastEnd = account.milestones.at(-1)?.plannedEndDate ?? null;
  const goLive = account.goLiveDate ?? lastEnd;
  const addable = await listAddableTemplateActions(ctx, o);
  return {
    account: { id: account.id, name: account.name, organizationId: account.organizationId },
    handoffId: handoff.id,
    input: {
      answers,
      deal: dealOf(ctx, account.id, account.crmFacts),
      accountArr: account.arr,
      contacts: account.contacts,
      plan: {
        kickoffDate: formatCalendarDate(account.kickoffDate),
        goLiveDate: goLive ? formatCalendarDate(goLive) : null,
        milestones: account.milestones.map((m) => ({ name: m.name, completed: m.status === 'completed' })),
        actions: account.actions.map((a) => ({
          key: a.key,
          name: a.name,
          type: a.type,
          milestoneName: milestoneName.get(a.milestoneId) ?? '',
        })),
        templateActionsNotInPlan: addable.map((a) => ({
          key: a.key,
          name: a.name,
          type: a.type,
          milestoneName: a.milestoneName,
        })),
      },
    },
    freeText: answers
      .filter((a) => !STRUCTURED_KINDS.has(a.kind) && a.value.trim() !== '')
      .map((a) => ({ question: a.label, answer: a.value })),
  };
}
