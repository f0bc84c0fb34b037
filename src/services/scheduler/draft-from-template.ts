/**
 * The stand-in drafter used when no drafting service is wired: the template's subject and body with the
 * account's placeholders filled in, then the review lint. Never invents text; an unfilled placeholder stays
 * visible and the lint blocks it. Only drafts an action that is ready and has no draft yet, so a real draft
 * written in the meantime is never overwritten.
 */
import { buildPlaceholderVars, renderPlaceholders } from '../../domain/placeholders';
import { lintDraft } from '../../domain/review-lint';
import type { ServiceContext } from '../context';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';
import { toJsonInput } from '../json/stored-json';

export const TEMPLATE_DRAFTER = 'template';

export async function draftFromTemplate(
  ctx: ServiceContext,
  options: { actionId: string },
): Promise<{ drafted: boolean }> {
  const action = await ctx.prisma.action.findUnique({
    where: { id: options.actionId },
    include: {
      milestone: { select: { name: true, position: true } },
      account: {
        include: {
          organization: { select: { timezone: true } },
          csm: { select: { name: true, email: true, replyToEmail: true, title: true } },
          contacts: { orderBy: PRIMARY_CONTACT_FIRST, take: 1 },
        },
      },
    },
  });
  if (!action || action.status !== 'ready' || action.draftBody !== null) return { drafted: false };
  const { account } = action;
  const nextMilestone = await ctx.prisma.milestone.findFirst({
    where: { accountId: account.id, position: { gt: action.milestone.position } },
    orderBy: { position: 'asc' },
    select: { name: true },
  });
  const contact = account.contacts[0];
  const vars = buildPlaceholderVars({
    account,
    contact: contact ?? null,
    csm: account.csm && { ...account.csm, email: account.csm.replyToEmail ?? account.csm.email },
    milestone: { name: action.milestone.name },
    nextMilestone,
    timeZone: account.organization.timezone,
  });
  const subject = renderPlaceholders(action.defaultSubject, vars).text;
  const body = renderPlaceholders(action.defaultBody, vars).text;
  const findings = lintDraft({ type: action.type, subject, body, companyName: account.name });
  const updated = await ctx.prisma.action.updateMany({
    where: { id: action.id, status: 'ready', draftBody: null },
    data: {
      draftSubject: subject,
      draftBody: body,
      draftedBy: TEMPLATE_DRAFTER,
      lintFindings: toJsonInput(findings),
    },
  });
  return { drafted: updated.count === 1 };
}
