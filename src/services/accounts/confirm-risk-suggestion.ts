import { z } from 'zod';
import { parseOptions } from '../errors/parse-options';
import type { ServiceContext } from '../context';
import { actingPersonSchema } from '../people/acting-person';
import { settleRiskSuggestion } from './settle-risk-suggestion';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: actingPersonSchema,
});

/**
 * The account's CSM (or an admin) agrees with Thread's at-risk suggestion: the account becomes at_risk, with the
 * suggested reasons kept on the audit trail. Refused when there is no suggestion to confirm (already confirmed,
 * dismissed or withdrawn meanwhile), so a second click changes nothing.
 */
export async function confirmRiskSuggestion(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ accountId: string; status: 'at_risk' }> {
  const options = parseOptions(optionsSchema, input);
  await settleRiskSuggestion(ctx, {
    organizationId: options.organizationId,
    accountId: options.accountId,
    actor: options.actor,
    at: ctx.now(),
    answer: 'confirm',
    whileStatus: 'active',
    data: { status: 'at_risk' },
    audit: { from: 'active', to: 'at_risk', reason: 'at-risk suggestion confirmed' },
  });
  return { accountId: options.accountId, status: 'at_risk' };
}
