import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { accountActorSchema, authorizeAccountChange } from '../permissions/authorize-account-change';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: accountActorSchema,
  accountId: z.string().min(1),
  /** HubSpot's record id of the customer's company (digits); null unlinks it. */
  companyId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'expected a HubSpot company id (digits only), as in the company’s address in HubSpot')
    .nullable(),
});

/**
 * Links an account to its HubSpot company (its CSM or an admin), for an account typed into Thread rather than made
 * from a closed-won deal: from then on the write-back keeps the company's Thread properties and notes current. The
 * audit row is what makes the write-back write the company's current state. HubSpot is not asked here (nothing in
 * Thread waits for it): a company id HubSpot does not know shows as the write-back's error in the connector status.
 */
export async function linkHubSpotCompany(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ accountId: string; companyId: string | null }> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; name: string; csmId: string | null; companyId: string | null }[]>`
      SELECT "id", "name", "csmId", "hubspotCompanyId" AS "companyId"
      FROM "Account" WHERE "id" = ${o.accountId} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
    const account = rows[0];
    if (!account) throw new AppError('not_found', 'that account does not exist.');
    const person = await authorizeAccountChange(tx, {
      organizationId: o.organizationId,
      actor: o.actor,
      account,
      doing: 'link the account to its HubSpot company',
    });
    if (account.companyId === o.companyId) return { accountId: account.id, companyId: o.companyId };
    await tx.account.update({ where: { id: account.id }, data: { hubspotCompanyId: o.companyId } });
    await recordAuditEvent(tx, {
      organizationId: o.organizationId,
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      actor: person.auditActor,
      from: account.companyId,
      to: o.companyId,
      reason: o.companyId ? `linked to HubSpot company ${o.companyId}` : 'unlinked from its HubSpot company',
      data: { setting: 'hubspotCompanyId' },
      at: now,
    });
    return { accountId: account.id, companyId: o.companyId };
  });
}
