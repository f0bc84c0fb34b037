import { primaryAssociationIndex } from '../../domain/hubspot-rules';
import type { HubSpotCompany, HubSpotContact, HubSpotDeal, HubSpotPort } from './hubspot-port';

/** A deal with what Thread needs around it, as HubSpot says it now. */
export interface DealInHubSpot {
  deal: HubSpotDeal;
  company: HubSpotCompany | null;
  /** The deal's contacts (or, when it has none, its company's), in HubSpot's order. */
  contacts: HubSpotContact[];
  /** Index in `contacts` of the primary one (association label, else the first); -1 when none. */
  primaryIndex: number;
  ownerEmail: string | null;
  /** The owner id the deal names, when HubSpot has no owner by that id (or no email for them). */
  ownerProblem: string | null;
}

async function associatedContacts(
  hubspot: HubSpotPort,
  fromType: 'deals' | 'companies',
  fromId: string,
): Promise<{ contacts: HubSpotContact[]; primaryIndex: number }> {
  const links = await hubspot.associations(fromType, fromId, 'contacts');
  if (links.length === 0) return { contacts: [], primaryIndex: -1 };
  const primaryId = links[primaryAssociationIndex(links)]?.toObjectId;
  const contacts = await hubspot.getContacts(links.map((l) => l.toObjectId));
  const index = contacts.findIndex((c) => c.id === primaryId);
  return { contacts, primaryIndex: contacts.length === 0 ? -1 : Math.max(index, 0) };
}

/**
 * What surrounds a deal just read from HubSpot: its primary company, its contacts (the deal's, else the company's)
 * and its owner's email, all read now.
 */
export async function readDealSurroundings(hubspot: HubSpotPort, deal: HubSpotDeal): Promise<DealInHubSpot> {
  const companyLinks = await hubspot.associations('deals', deal.id, 'companies');
  const companyId = companyLinks[primaryAssociationIndex(companyLinks)]?.toObjectId;
  const company = companyId ? await hubspot.getCompany(companyId) : null;
  let found = await associatedContacts(hubspot, 'deals', deal.id);
  if (found.contacts.length === 0 && company) found = await associatedContacts(hubspot, 'companies', company.id);
  const owner = deal.ownerId ? await hubspot.getOwner(deal.ownerId) : null;
  return {
    deal,
    company,
    contacts: found.contacts,
    primaryIndex: found.primaryIndex,
    ownerEmail: owner?.email?.toLowerCase() ?? null,
    ownerProblem: !deal.ownerId
      ? 'the deal has no owner in HubSpot: no AE'
      : !owner
        ? `the deal's owner (HubSpot owner ${deal.ownerId}) is not in HubSpot any more: no AE`
        : !owner.email
          ? 'the deal owner has no email in HubSpot: no AE'
          : null,
  };
}
