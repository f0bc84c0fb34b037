import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { getDefaultOrganization } from './get-default-organization';

const optionsSchema = z.object({
  /** `--org`: the organisation's name (any case) or its Slack team or enterprise id. */
  org: z.string().trim().min(1).optional(),
});

export interface OperatorOrganization {
  id: string;
  name: string;
}

function describe(o: { name: string; slackTeamId: string | null; slackEnterpriseId: string | null }): string {
  const id = o.slackTeamId ?? o.slackEnterpriseId;
  return id ? `"${o.name}" (${id})` : `"${o.name}"`;
}

/**
 * The organisation an operator's command works on: the one named by `--org`, or the only one (made on first use,
 * as every command does on an empty database). With several and no `--org`, or an `--org` that matches none or
 * more than one, it refuses and lists them, so the operator can pick.
 */
export async function findOperatorOrganization(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema> = {},
): Promise<OperatorOrganization> {
  const o = parseOptions(optionsSchema, input);
  const all = await ctx.prisma.organization.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, slackTeamId: true, slackEnterpriseId: true },
  });
  const listing = () => all.map(describe).join(', ');
  if (o.org === undefined) {
    if (all.length > 1) {
      throw new AppError(
        'validation_failed',
        `there are ${all.length} organisations; say which with --org <name or Slack team id>: ${listing()}.`,
        { fields: [{ field: 'org', message: `say which organisation with --org: ${listing()}.` }] },
      );
    }
    const only = all[0] ?? (await getDefaultOrganization(ctx));
    return { id: only.id, name: only.name };
  }
  const wanted = o.org.toLowerCase();
  const matches = all.filter(
    (x) =>
      x.name.toLowerCase() === wanted ||
      x.slackTeamId?.toLowerCase() === wanted ||
      x.slackEnterpriseId?.toLowerCase() === wanted,
  );
  const match = matches[0];
  if (matches.length === 1 && match) return { id: match.id, name: match.name };
  const why =
    matches.length === 0
      ? `no organisation is called or has the Slack id "${o.org}"`
      : `"${o.org}" names ${matches.length} organisations`;
  throw new AppError(
    'not_found',
    `${why}; the organisations are ${listing() || 'none yet'}. Use their Slack team id when two share a name.`,
    {
      fields: [{ field: 'org', message: `${why}.` }],
    },
  );
}
