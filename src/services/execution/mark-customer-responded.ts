import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema } from '../permissions/authorize-account-change';
import { recordCustomerAnswer } from './record-customer-answer';
import type { ExecutionDeps } from './ports';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actionId: z.string().min(1),
  /** Who clicked "Customer responded": the account's CSM or an admin. */
  actor: accountActorSchema,
  contactId: z.string().min(1).optional(),
});

/**
 * The CSM saw the customer answer an email (or a Slack message) and says so: executed → completed, an engagement
 * event for the metrics, and the actions waiting on it are scheduled. Portal actions complete on submission
 * (services/portal); a reply in the Slack thread completes by itself (complete-on-slack-reply.ts).
 */
export async function markCustomerResponded(
  ctx: ServiceContext,
  deps: Pick<ExecutionDeps, 'notifier'>,
  options: z.input<typeof optionsSchema>,
): Promise<{ actionId: string; status: 'completed' }> {
  const o = parseOptions(optionsSchema, options);
  return recordCustomerAnswer(ctx, deps, {
    organizationId: o.organizationId,
    actionId: o.actionId,
    by: { person: o.actor, doing: 'mark customer responses' },
    via: 'email_reply',
    contactId: o.contactId,
  });
}
