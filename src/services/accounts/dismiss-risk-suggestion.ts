import { z } from 'zod';
import { parseOptions } from '../errors/parse-options';
import type { ServiceContext } from '../context';
import { actingPersonSchema } from '../people/acting-person';
import { settleRiskSuggestion } from './settle-risk-suggestion';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  accountId: z.string().min(1),
  actor: actingPersonSchema,
  note: z.string().trim().max(500).optional(),
});

/**
 * The account's CSM (or an admin) disagrees with Thread's at-risk suggestion: it is removed, the status stays, and
 * its reason codes are remembered so the scheduler does not suggest it again until the signals change, that is
 * until the set of reason codes differs (services/scheduler/suggest-at-risk.ts). The reasons and the CSM's note are
 * kept on the audit trail.
 */
export async function dismissRiskSuggestion(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ accountId: string }> {
  const options = parseOptions(optionsSchema, input);
  const now = ctx.now();
  await settleRiskSuggestion(ctx, {
    organizationId: options.organizationId,
    accountId: options.accountId,
    actor: options.actor,
    at: now,
    answer: 'dismiss',
    // The codes dismissed keep the scheduler from suggesting the same thing again until the signals change.
    data: (reasonCodes) => ({ riskDismissedAt: now, riskDismissedCodes: reasonCodes }),
    audit: { reason: options.note ? `at-risk suggestion dismissed: ${options.note}` : 'at-risk suggestion dismissed' },
  });
  return { accountId: options.accountId };
}
