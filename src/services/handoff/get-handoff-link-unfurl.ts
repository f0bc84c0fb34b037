import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import type { LinkUnfurl } from '../portal/get-portal-link-unfurl';
import { resolveHandoffToken } from './resolve-handoff-token';

const optionsSchema = z.object({
  /** The handoff link's token, as it is in the path. */
  token: z.string().max(200),
});

/**
 * The organisation behind a live handoff link, for a link preview (a chat unfurler, a mail scanner): never the
 * account's name or the questions. Reading only. Undefined for an unknown, replaced or expired link, alike.
 */
export async function getHandoffLinkUnfurl(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<LinkUnfurl | undefined> {
  const o = parseOptions(optionsSchema, input);
  const link = await resolveHandoffToken(ctx, { token: o.token });
  if (!link) return undefined;
  const organization = await ctx.prisma.organization.findUniqueOrThrow({
    where: { id: link.organizationId },
    select: { name: true, logoUrl: true, brandColor: true },
  });
  return { organization };
}
