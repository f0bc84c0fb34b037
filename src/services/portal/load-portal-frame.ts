import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { PortalSession } from './resolve-portal-token';

/** What every portal page shows around its content: whose portal it is and who to ask. */
export interface PortalFrame {
  brand: { name: string; logoUrl: string | null; color: string };
  account: { id: string; name: string; domain: string | null; kickoffDate: Date; goLiveDate: Date | null; status: string };
  contact: { id: string; name: string; email: string };
  csm: { name: string; email: string | null } | null;
  timeZone: string;
}

/** Loads the frame in one query; a session whose account or contact has since been deleted is not found. */
export async function loadPortalFrame(ctx: ServiceContext, session: PortalSession): Promise<PortalFrame> {
  const contact = await ctx.prisma.contact.findUnique({
    where: { id: session.contactId },
    select: {
      id: true,
      name: true,
      email: true,
      accountId: true,
      account: {
        select: {
          id: true,
          name: true,
          domain: true,
          kickoffDate: true,
          goLiveDate: true,
          status: true,
          csm: { select: { name: true, email: true } },
          organization: { select: { name: true, logoUrl: true, brandColor: true, timezone: true } },
        },
      },
    },
  });
  if (!contact || contact.accountId !== session.accountId) throw new AppError('not_found', 'this portal is no longer available');
  const { account } = contact;
  return {
    brand: { name: account.organization.name, logoUrl: account.organization.logoUrl, color: account.organization.brandColor },
    account: { id: account.id, name: account.name, domain: account.domain, kickoffDate: account.kickoffDate, goLiveDate: account.goLiveDate, status: account.status },
    contact: { id: contact.id, name: contact.name, email: contact.email },
    csm: account.csm ? { name: account.csm.name, email: account.csm.email } : null,
    timeZone: account.organization.timezone,
  };
}
