import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({ organizationId: z.string().min(1) });

export interface HubSpotWriteBackStatus {
  /** When Thread's property group and properties were last found or created in HubSpot; null before the first time. */
  propertiesReadyAt: Date | null;
  /** The last company write that succeeded. */
  lastWriteBackAt: Date | null;
  /** The last failure in words, kept until no account is waiting to retry. */
  lastWriteBackError: { message: string; at: Date } | null;
  /** Accounts whose company is due a write now or after a failure. */
  accountsWaiting: number;
  /** Of those, the ones waiting to retry after a failure. */
  accountsRetrying: number;
}

/**
 * The write-back's part of the HubSpot connector status (Settings → Connectors, `thread hubspot status`): read only,
 * so it takes no actor; the status service that shows it checks who may see connectors.
 */
export async function getHubSpotWriteBackStatus(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<HubSpotWriteBackStatus> {
  const o = parseOptions(optionsSchema, input);
  const [row, waiting, retrying] = await Promise.all([
    ctx.prisma.hubSpotWriteBack.findUnique({ where: { organizationId: o.organizationId } }),
    ctx.prisma.hubSpotCompanyWrite.count({ where: { organizationId: o.organizationId } }),
    ctx.prisma.hubSpotCompanyWrite.count({ where: { organizationId: o.organizationId, attempts: { gt: 0 } } }),
  ]);
  return {
    propertiesReadyAt: row?.propertiesReadyAt ?? null,
    lastWriteBackAt: row?.lastWriteBackAt ?? null,
    lastWriteBackError:
      row?.lastWriteBackError && row.lastWriteBackErrorAt
        ? { message: row.lastWriteBackError, at: row.lastWriteBackErrorAt }
        : null,
    accountsWaiting: waiting,
    accountsRetrying: retrying,
  };
}
