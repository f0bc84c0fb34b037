import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { mintPortalLink } from './mint-portal-link';
import { channelRequestSchema, resolveChannelRespondent } from './resolve-channel-respondent';

const optionsSchema = channelRequestSchema.extend({
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected the http(s) base URL of Thread' }),
});

export type ChannelPortalOpening =
  /** A fresh magic link for the clicker's own contact, straight to the request's page. */
  | { kind: 'link'; url: string; expiresAt: Date; title: string }
  /** Someone of the customer's workspace Thread has no contact for: a link is a contact's credential, so none. */
  | { kind: 'no_contact'; title: string; accountName: string }
  | { kind: 'vendor_side'; accountName: string; organizationName: string };

/**
 * Open the portal, from a document request posted in the account's shared channel (uploads stay in the portal). A
 * contact mapped to the clicker's Slack user gets a fresh magic link of their own to the request's page; anyone else
 * of the customer's side is sent to the link their contact was emailed; the vendor's own people get no link at all.
 */
export async function openPortalFromChannel(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ChannelPortalOpening> {
  const o = parseOptions(optionsSchema, input);
  const check = await resolveChannelRespondent(ctx.prisma, o);
  if (!check.allowed)
    return { kind: 'vendor_side', accountName: check.accountName, organizationName: check.organizationName };
  if (!check.contact) return { kind: 'no_contact', title: check.action.name, accountName: check.accountName };
  const link = await mintPortalLink(ctx, {
    accountId: check.respondent.accountId,
    contactEmail: check.contact.email,
    actor: `customer:${check.contact.id}`,
    publicUrl: o.publicUrl,
  });
  return {
    kind: 'link',
    url: `${link.url}/requests/${encodeURIComponent(check.action.id)}`,
    expiresAt: link.expiresAt,
    title: check.action.name,
  };
}
