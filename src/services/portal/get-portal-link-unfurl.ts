import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { resolvePortalToken } from './resolve-portal-token';

const optionsSchema = z.object({
  /** The magic link's token, as it is in the path. */
  token: z.string().max(200),
});

/** What an unfurl of a portal link may show: whose portal it is, never the customer's name or anything of theirs. */
export interface LinkUnfurl {
  organization: { name: string; logoUrl: string | null; brandColor: string };
}

/**
 * The organisation behind a live portal link, for a link preview (a chat unfurler, a mail scanner). Reading only:
 * unlike opening the portal, it records no visit and does not stamp the link's last use, so a preview leaves no
 * trace in engagement. Undefined for an unknown, expired or revoked link, alike.
 */
export async function getPortalLinkUnfurl(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<LinkUnfurl | undefined> {
  const o = parseOptions(optionsSchema, input);
  const session = await resolvePortalToken(ctx, { token: o.token });
  if (!session) return undefined;
  const organization = await ctx.prisma.organization.findUniqueOrThrow({
    where: { id: session.organizationId },
    select: { name: true, logoUrl: true, brandColor: true },
  });
  return { organization };
}
