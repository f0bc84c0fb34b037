import type { ServiceContext } from '../context';

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  milestones: number;
  actions: number;
  accounts: number;
  updatedAt: Date;
}

export async function listTemplates(
  ctx: ServiceContext,
  options: { organizationId: string },
): Promise<TemplateSummary[]> {
  const templates = await ctx.prisma.template.findMany({
    where: { organizationId: options.organizationId },
    orderBy: { name: 'asc' },
    include: {
      _count: { select: { accounts: true } },
      milestones: { select: { _count: { select: { actions: true } } } },
    },
  });
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    version: t.version,
    milestones: t.milestones.length,
    actions: t.milestones.reduce((sum, m) => sum + m._count.actions, 0),
    accounts: t._count.accounts,
    updatedAt: t.updatedAt,
  }));
}
