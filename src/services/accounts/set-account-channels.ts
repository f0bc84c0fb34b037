import { z } from 'zod';
import { accountRefusal, canManageAccount } from '../../domain/roles';
import { SLACK_CHANNEL_ID } from '../../domain/slack-ids';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, loadActingPerson } from '../people/acting-person';

const channelSchema = z.string().regex(SLACK_CHANNEL_ID, 'pick a channel from the list (an id such as C012ABCDEF)');

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  accountId: z.string().min(1),
  /** Where the account's review cards go; null falls back to the organisation's default. Unset: unchanged. */
  csmChannelId: channelSchema.nullable().optional(),
  /** The Slack Connect or shared channel with the customer; null removes it. Unset: unchanged. */
  customerChannelId: channelSchema.nullable().optional(),
});

export interface AccountChannels {
  csmChannelId: string | null;
  customerChannelId: string | null;
}

/**
 * Chooses an account's Slack places (its CSM or an admin). Whether Thread is a member of the channel is the Slack
 * layer's check before calling this; the service stores the ids and audits each change from → to.
 */
export async function setAccountChannels(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<AccountChannels> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; name: string; csmId: string | null; csm: string | null; customer: string | null }[]
    >`SELECT "id", "name", "csmId", "slackCsmChannelId" AS "csm", "slackCustomerChannelId" AS "customer"
      FROM "Account" WHERE "id" = ${o.accountId} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
    const account = rows[0];
    if (!account) throw new AppError('not_found', 'that account does not exist.');
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    const acting = { userId: person.userId ?? '', role: person.role };
    if (!canManageAccount(acting, account)) {
      throw new AppError('forbidden', accountRefusal(acting, account, "choose the account's channels"));
    }
    const before: AccountChannels = { csmChannelId: account.csm, customerChannelId: account.customer };
    const after: AccountChannels = {
      csmChannelId: o.csmChannelId === undefined ? before.csmChannelId : o.csmChannelId,
      customerChannelId: o.customerChannelId === undefined ? before.customerChannelId : o.customerChannelId,
    };
    const changed = (['csmChannelId', 'customerChannelId'] as const).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return after;
    await tx.account.update({
      where: { id: account.id },
      data: { slackCsmChannelId: after.csmChannelId, slackCustomerChannelId: after.customerChannelId },
    });
    for (const key of changed) {
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        accountId: account.id,
        entityType: 'account',
        entityId: account.id,
        actor: person.auditActor,
        from: before[key],
        to: after[key],
        reason: key === 'csmChannelId' ? 'CSM channel changed' : 'customer channel changed',
        data: { setting: key },
        at: now,
      });
    }
    return after;
  });
}
