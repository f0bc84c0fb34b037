/**
 * The review clock on the customer's side: a portal request sent to the customer (executed) and not answered
 * within the organisation's portalReminderDays business days gets a polite reminder email to the contact; at
 * most the organisation's portalReminderMaxCount, each a full interval after the previous one. Every reminder is
 * logged on the account's audit trail.
 * The reminder is claimed (reminderCount) before sending and given back if the send fails, so several
 * processes never email twice and a failed send is retried on a later tick.
 */
import { Prisma } from '../../db/generated/client';
import { RUNNING_ACCOUNT_STATUSES } from '../../domain/account-state';
import { firstName } from '../../domain/first-name';
import { addBusinessDays, businessCalendar } from '../../domain/business-days';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import type { Mailer, PortalLinks } from '../execution/ports';
import { PORTAL_TYPES } from './portal-throttle';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

/** A live or churned customer is not reminded of anything. */
const runningAccounts = Prisma.join(RUNNING_ACCOUNT_STATUSES.map((s) => Prisma.sql`${s}::"AccountStatus"`));

export interface PortalRemindersResult {
  sent: { actionId: string; to: string; reminder: number }[];
  failed: { actionId: string; message: string }[];
  /** Due, but nobody to write to. */
  noContact: string[];
}

export async function remindUnansweredPortalRequests(
  ctx: ServiceContext,
  deps: { mailer: Mailer; portalLinks?: PortalLinks },
  options: { limit?: number } = {},
): Promise<PortalRemindersResult> {
  const now = ctx.now();
  const result: PortalRemindersResult = { sent: [], failed: [], noContact: [] };
  // Each organisation sets its own maximum, so the requests that may still be reminded are picked in SQL, where
  // the action can be compared with its organisation; those that have had all theirs never crowd the window.
  const candidates = await ctx.prisma.$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "Action" a
    JOIN "Account" acc ON acc."id" = a."accountId"
    JOIN "Organization" o ON o."id" = acc."organizationId"
    WHERE a."type" IN ('portal_form', 'portal_document') AND a."status" = 'executed'
      AND acc."status" IN (${runningAccounts})
      AND a."executedAt" IS NOT NULL AND a."reminderCount" < o."portalReminderMaxCount"
    ORDER BY a."executedAt" ASC
    LIMIT ${options.limit ?? 500}`;
  const waiting = await ctx.prisma.action.findMany({
    where: { id: { in: candidates.map((c) => c.id) }, type: { in: [...PORTAL_TYPES] } },
    orderBy: { executedAt: 'asc' },
    include: {
      account: {
        select: {
          id: true,
          name: true,
          organizationId: true,
          organization: {
            select: {
              name: true,
              timezone: true,
              workingDays: true,
              portalReminderDays: true,
              portalReminderMaxCount: true,
            },
          },
          csm: { select: { name: true, email: true, replyToEmail: true } },
          contacts: {
            orderBy: PRIMARY_CONTACT_FIRST,
            take: 1,
            select: { id: true, name: true, email: true },
          },
        },
      },
    },
  });

  for (const action of waiting) {
    const { account } = action;
    const since = action.lastReminderAt ?? action.executedAt!;
    const calendar = businessCalendar(account.organization.timezone, account.organization.workingDays);
    if (now < addBusinessDays(since, account.organization.portalReminderDays, calendar)) continue;
    const contact = account.contacts[0];
    if (!contact) {
      result.noContact.push(action.id);
      continue;
    }
    const reminder = action.reminderCount + 1;
    const claim = await ctx.prisma.action.updateMany({
      where: { id: action.id, status: 'executed', reminderCount: action.reminderCount },
      data: { reminderCount: reminder, lastReminderAt: now },
    });
    if (claim.count === 0) continue;

    try {
      const link = deps.portalLinks
        ? (await deps.portalLinks.create({ accountId: account.id, contactEmail: contact.email, actor: 'system' })).url
        : null;
      const signOff = account.csm?.name ?? account.organization.name;
      const sent = await deps.mailer.send({
        messageId: deps.mailer.messageIdFor(`portal-reminder:${action.id}:${reminder}`),
        fromName: account.csm?.name ?? null,
        replyTo: account.csm?.replyToEmail ?? account.csm?.email ?? null,
        to: { name: contact.name, email: contact.email },
        subject: `Reminder: ${action.name} for ${account.name}`,
        text: [
          `Hi ${firstName(contact.name)},`,
          '',
          `A quick, friendly reminder: we are still waiting for "${action.name}" in your onboarding portal.${action.purpose ? ` ${action.purpose}` : ''}`,
          link
            ? `You can pick it up here: ${link}`
            : 'You will find it in your onboarding portal, through the link in our earlier email.',
          '',
          'If anything is unclear, or you would rather talk it through, just reply to this email.',
          '',
          'Thank you,',
          signOff,
        ].join('\n'),
      });
      await ctx.prisma.$transaction((tx) =>
        recordAuditEvent(tx, {
          organizationId: account.organizationId,
          accountId: account.id,
          entityType: 'action',
          entityId: action.id,
          actor: 'system',
          reason: `portal request reminder ${reminder} of ${account.organization.portalReminderMaxCount} emailed to ${contact.email}`,
          data: { reminder, to: contact.email, messageId: sent.messageId },
          at: now,
        }),
      );
      result.sent.push({ actionId: action.id, to: contact.email, reminder });
    } catch (error) {
      // Give the claim back so a later tick tries again.
      await ctx.prisma.action.updateMany({
        where: { id: action.id, reminderCount: reminder },
        data: { reminderCount: action.reminderCount, lastReminderAt: action.lastReminderAt },
      });
      const message = error instanceof Error ? error.message : String(error);
      ctx.logger.error({ actionId: action.id, err: error }, 'portal reminder email failed');
      result.failed.push({ actionId: action.id, message });
    }
  }
  return result;
}
