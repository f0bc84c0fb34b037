import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema } from '../permissions/authorize-account-change';
import { decideHandoffFinding, type FindingDecision } from './decide-handoff-finding';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: accountActorSchema,
  findingId: z.string().min(1),
  /** Why, for the audit trail. */
  note: z.string().trim().max(500).optional(),
});

/**
 * The account's CSM (or an admin) dismisses a contradiction finding: nothing changes but the finding, which stays
 * dismissed even when the check runs again and finds the same thing. Audited.
 */
export async function dismissHandoffFinding(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<FindingDecision> {
  const o = parseOptions(optionsSchema, input);
  return decideHandoffFinding(ctx, {
    organizationId: o.organizationId,
    actor: o.actor,
    findingId: o.findingId,
    decision: 'dismissed',
    note: o.note,
  });
}
