import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema } from '../permissions/authorize-account-change';
import { applyFindingFix } from './apply-finding-fix';
import { decideHandoffFinding, type FindingDecision } from './decide-handoff-finding';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: accountActorSchema,
  findingId: z.string().min(1),
});

/**
 * The account's CSM (or an admin) accepts a contradiction finding: its suggested fix is applied (a plan action from
 * the template or an internal task, the ARR, a contact, the kickoff; a conversation is only recorded) and the
 * finding is marked accepted with what was done, in one transaction. A fix the plan refuses leaves the finding open
 * and says why. Audited.
 */
export async function acceptHandoffFinding(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<FindingDecision> {
  const o = parseOptions(optionsSchema, input);
  return decideHandoffFinding(ctx, {
    organizationId: o.organizationId,
    actor: o.actor,
    findingId: o.findingId,
    decision: 'accepted',
    apply: (inTx, { accountId, suggestion }) =>
      applyFindingFix(inTx, { organizationId: o.organizationId, actor: o.actor, accountId, suggestion }),
  });
}
