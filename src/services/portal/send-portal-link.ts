import { firstName } from '../../domain/first-name';
import { z } from 'zod';
import { AppError, isAppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { Mailer } from '../execution/ports';
import { accountActorSchema, authorizeAccountChange } from '../permissions/authorize-account-change';
import { mintPortalLink, type CreatedPortalLink } from './mint-portal-link';
import { revokePortalLink } from './revoke-portal-link';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  /** Which contact; the account's primary contact (or its first) when unset. */
  contactId: z.string().min(1).optional(),
  actor: accountActorSchema,
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) base URL of Thread' }),
});

export interface SentPortalLink {
  link: CreatedPortalLink & { contactName: string };
  /** Where the link was emailed; null when it was not (see notEmailedBecause): the caller shows it to copy instead. */
  emailedTo: string | null;
  notEmailedBecause: string | null;
  messageId: string | null;
}

const EMAIL_OFF = 'email is off (SMTP_URL and EMAIL_FROM are not set)';

/**
 * "Email portal link": a fresh magic link for one contact, emailed through the Mailer port from the CSM's name
 * (replies go to the CSM). With email off the link is still made and returned, so the CSM can send it themselves.
 * If the mail server refuses the email, the new link is revoked at once: a credential nobody received should not
 * stay live. The send is recorded in the audit trail beside the link's own creation event.
 */
export async function sendPortalLink(
  ctx: ServiceContext,
  deps: { mailer?: Mailer },
  input: z.input<typeof optionsSchema>,
): Promise<SentPortalLink> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: {
      id: true,
      name: true,
      csmId: true,
      organizationId: true,
      organization: { select: { name: true } },
      csm: { select: { name: true, email: true, replyToEmail: true } },
      contacts: {
        orderBy: PRIMARY_CONTACT_FIRST,
        select: { id: true, name: true, email: true },
      },
    },
  });
  if (!account) throw new AppError('not_found', 'that account no longer exists');
  const person = await authorizeAccountChange(ctx.prisma, {
    organizationId: o.organizationId,
    actor: o.actor,
    account,
    doing: 'send portal links',
  });
  const contact = o.contactId ? account.contacts.find((c) => c.id === o.contactId) : account.contacts[0];
  if (o.contactId && !contact)
    throw new AppError('not_found', `that contact is no longer on ${account.name}; pick another one`);
  if (!contact)
    throw new AppError('not_found', `${account.name} has no contacts yet: add one before sending a portal link`);

  const link = await mintPortalLink(ctx, {
    accountId: account.id,
    contactEmail: contact.email,
    actor: person.auditActor,
    publicUrl: o.publicUrl,
  });
  const now = ctx.now();
  let messageId: string | null = null;
  if (deps.mailer) {
    const email = portalLinkEmail({
      contactName: contact.name,
      organizationName: account.organization.name,
      accountName: account.name,
      csmName: account.csm?.name ?? null,
      url: link.url,
      expiresAt: link.expiresAt,
    });
    try {
      const sent = await deps.mailer.send({
        messageId: deps.mailer.messageIdFor(`portal-link:${link.portalAccessId}`),
        fromName: account.csm?.name ?? null,
        replyTo: account.csm?.replyToEmail ?? account.csm?.email ?? null,
        to: { name: contact.name, email: contact.email },
        subject: email.subject,
        text: email.text,
      });
      messageId = sent.messageId;
    } catch (error) {
      await revokePortalLink(ctx, {
        organizationId: o.organizationId,
        portalAccessId: link.portalAccessId,
        actor: o.actor,
      }).catch((revokeError) =>
        ctx.logger.error(
          { err: revokeError, portalAccessId: link.portalAccessId },
          'could not revoke a portal link whose email failed',
        ),
      );
      const message = isAppError(error) ? error.message : error instanceof Error ? error.message : 'the email failed';
      throw new AppError(
        'connector_failed',
        `the portal link email to ${contact.email} was not sent (${message}); the new link was revoked, so try again.`,
        { cause: error },
      );
    }
  }
  const emailedTo = deps.mailer ? contact.email : null;
  await ctx.prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'portal_access',
      entityId: link.portalAccessId,
      actor: person.auditActor,
      reason: emailedTo
        ? `portal link emailed to ${emailedTo}`
        : `portal link for ${contact.email} shown to copy, not emailed (${EMAIL_OFF})`,
      data: { emailedTo, messageId },
      at: now,
    }),
  );
  return {
    link: { ...link, contactName: contact.name },
    emailedTo,
    notEmailedBecause: emailedTo ? null : EMAIL_OFF,
    messageId,
  };
}

/** Plain text; the SMTP connector adds the HTML alternative with the link made clickable. */
function portalLinkEmail(p: {
  contactName: string;
  organizationName: string;
  accountName: string;
  csmName: string | null;
  url: string;
  expiresAt: Date;
}) {
  const until = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(p.expiresAt);
  const we = p.csmName ? 'I' : 'we';
  return {
    subject: `Your ${p.organizationName} onboarding portal`,
    text: [
      `Hi ${firstName(p.contactName)},`,
      '',
      `Here is your personal link to the ${p.organizationName} onboarding portal for ${p.accountName}:`,
      '',
      p.url,
      '',
      'There you can follow the onboarding plan, see what we need from you and by when, answer our questions and upload documents. No password or sign-up is needed.',
      '',
      `The link is personal to you, so please do not forward it. It works until ${until}; if it stops working, reply to this email and ${we} will send you a new one.`,
      '',
      'Best regards,',
      p.csmName ?? `The ${p.organizationName} onboarding team`,
      ...(p.csmName ? [p.organizationName] : []),
    ].join('\n'),
  };
}
