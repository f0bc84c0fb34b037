import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvents } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { generatePortalToken, hashPortalToken, portalUrl } from './portal-token';
import { PRIMARY_CONTACT_FIRST } from '../contacts/primary-contact-first';

const linkSchema = z.object({
  accountId: z.string().min(1),
  /** Which contact the link is for; the account's primary contact (or its first) when unset. */
  contactEmail: z.string().trim().toLowerCase().email('expected an email address').optional(),
  /** Who the audit trail names: the person who asked (already authorized by the caller), or "system". */
  actor: z.string().min(1),
});

const commonSchema = z.object({
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) base URL of Thread' }),
  ttlDays: z
    .number()
    .int()
    .min(1, 'a link lives at least one day')
    .max(365, 'a link lives at most 365 days')
    .default(30),
});

const optionsSchema = linkSchema.extend(commonSchema.shape);
const manySchema = commonSchema.extend({ links: z.array(linkSchema).max(1000, 'at most 1000 links at once') });

export type MintPortalLinkOptions = z.input<typeof optionsSchema>;
export type MintPortalLinksOptions = z.input<typeof manySchema>;

export interface CreatedPortalLink {
  url: string;
  portalAccessId: string;
  contactId: string;
  contactEmail: string;
  expiresAt: Date;
}

/** One link of mintPortalLinks: minted, or why not (that account or contact does not exist). */
export type MintedPortalLink = { ok: true; link: CreatedPortalLink } | { ok: false; error: AppError };

/**
 * A fresh magic link for one contact of an account. Earlier links stay valid until they expire or are revoked
 * (the customer may still have the older email open). The token exists only in the returned URL.
 *
 * This is the step, not the use case: it checks no one's rights. People go through createPortalLink (or
 * sendPortalLink); Thread itself mints here when it sends a portal request or a reminder.
 */
export async function mintPortalLink(ctx: ServiceContext, input: MintPortalLinkOptions): Promise<CreatedPortalLink> {
  const { publicUrl, ttlDays, ...link } = parseOptions(optionsSchema, input);
  const [minted] = await mintLinks(ctx, { publicUrl, ttlDays, links: [link] });
  if (!minted!.ok) throw minted!.error;
  return minted!.link;
}

/**
 * Many links in one transaction of four statements (a batch of sends minting one per email), in the order asked.
 * A link that cannot be minted is reported in its place; the others are minted.
 */
export async function mintPortalLinks(ctx: ServiceContext, input: MintPortalLinksOptions): Promise<MintedPortalLink[]> {
  return mintLinks(ctx, parseOptions(manySchema, input));
}

async function mintLinks(ctx: ServiceContext, o: z.output<typeof manySchema>): Promise<MintedPortalLink[]> {
  if (o.links.length === 0) return [];
  return ctx.prisma.$transaction(async (tx) => {
    const accounts = await tx.account.findMany({
      where: { id: { in: [...new Set(o.links.map((l) => l.accountId))] } },
      select: {
        id: true,
        name: true,
        organizationId: true,
        contacts: { orderBy: PRIMARY_CONTACT_FIRST, select: { id: true, email: true } },
      },
    });
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + o.ttlDays * 86_400_000);
    const planned = o.links.map((l) => {
      const account = byId.get(l.accountId);
      if (!account) return { error: new AppError('not_found', `account ${l.accountId} does not exist`) };
      const contact = l.contactEmail
        ? account.contacts.find((c) => c.email.toLowerCase() === l.contactEmail)
        : account.contacts[0];
      if (!contact) {
        const known = account.contacts.map((c) => c.email).join(', ');
        return {
          error: new AppError(
            'not_found',
            l.contactEmail
              ? `${l.contactEmail} is not a contact of ${account.name}${known ? ` (contacts: ${known})` : ''}`
              : `${account.name} has no contacts yet: add one before sending a portal link`,
          ),
        };
      }
      const token = generatePortalToken();
      return { account, contact, token, tokenHash: hashPortalToken(token), actor: l.actor };
    });
    const minting = planned.flatMap((p) => ('error' in p ? [] : [p]));
    // Plain SQL over arrays: the rows differ only in their values, and a client-built multi-row insert costs more
    // than the insert itself. Ids are the database's UUIDs.
    const created =
      minting.length === 0
        ? []
        : await tx.$queryRaw<{ id: string; tokenHash: string }[]>`
            INSERT INTO "PortalAccess" (id, "accountId", "contactId", "tokenHash", "expiresAt", "createdBy", "createdAt")
            SELECT gen_random_uuid()::text, v.account_id, v.contact_id, v.token_hash, ${expiresAt}::timestamp(3), v.created_by, ${now}::timestamp(3)
            FROM unnest(
              ${minting.map((p) => p.account.id)}::text[],
              ${minting.map((p) => p.contact.id)}::text[],
              ${minting.map((p) => p.tokenHash)}::text[],
              ${minting.map((p) => p.actor)}::text[]
            ) AS v(account_id, contact_id, token_hash, created_by)
            RETURNING id, "tokenHash"`;
    const accessId = new Map(created.map((c) => [c.tokenHash, c.id]));
    await recordAuditEvents(
      tx,
      minting.map((p) => ({
        organizationId: p.account.organizationId,
        accountId: p.account.id,
        entityType: 'portal_access' as const,
        entityId: accessId.get(p.tokenHash)!,
        actor: p.actor,
        to: 'active',
        reason: `portal link for ${p.contact.email}, valid ${o.ttlDays} days`,
        at: now,
      })),
    );
    return planned.map((p): MintedPortalLink => {
      if ('error' in p) return { ok: false, error: p.error! };
      return {
        ok: true,
        link: {
          url: portalUrl(o.publicUrl, p.token),
          portalAccessId: accessId.get(p.tokenHash)!,
          contactId: p.contact.id,
          contactEmail: p.contact.email,
          expiresAt,
        },
      };
    });
  });
}
