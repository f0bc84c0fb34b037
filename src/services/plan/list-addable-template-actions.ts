import { z } from 'zod';
import type { ActionType } from '../../domain/template';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ organizationId: z.string().min(1), accountId: z.string().min(1) });

export interface AddableTemplateAction {
  key: string;
  name: string;
  type: ActionType;
  /** The template milestone it belongs to, to help the CSM place it. */
  milestoneName: string;
}

/**
 * The actions of the account's template (as it is now) that its plan does not hold: removed earlier, added to the
 * template since, or never in this account's version. What "Add an action" offers besides an action made by hand.
 */
export async function listAddableTemplateActions(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<AddableTemplateAction[]> {
  const o = parseOptions(optionsSchema, input);
  const account = await ctx.prisma.account.findFirst({
    where: { id: o.accountId, organizationId: o.organizationId },
    select: { templateId: true, actions: { select: { key: true } } },
  });
  if (!account?.templateId) return [];
  const inPlan = new Set(account.actions.map((a) => a.key));
  const rows = await ctx.prisma.templateAction.findMany({
    where: { milestone: { templateId: account.templateId } },
    orderBy: [{ milestone: { position: 'asc' } }, { position: 'asc' }],
    select: { key: true, name: true, type: true, milestone: { select: { name: true } } },
  });
  return rows
    .filter((r) => !inPlan.has(r.key))
    .map((r) => ({ key: r.key, name: r.name, type: r.type, milestoneName: r.milestone.name }));
}
