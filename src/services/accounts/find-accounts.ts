import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  query: z.string().trim().min(1, 'name the account (or part of its name)').max(200),
  limit: z.number().int().min(1).max(50).default(10),
});

export interface FoundAccount {
  id: string;
  name: string;
  status: string;
}

/** Accounts whose name contains the query (case-insensitive); an exact name match wins alone. */
export async function findAccounts(ctx: ServiceContext, input: z.input<typeof optionsSchema>): Promise<FoundAccount[]> {
  const o = parseOptions(optionsSchema, input);
  const rows = await ctx.prisma.account.findMany({
    where: { organizationId: o.organizationId, name: { contains: o.query, mode: 'insensitive' } },
    orderBy: { name: 'asc' },
    take: o.limit,
    select: { id: true, name: true, status: true },
  });
  const exact = rows.filter((r) => r.name.toLowerCase() === o.query.toLowerCase());
  return exact.length === 1 ? exact : rows;
}
