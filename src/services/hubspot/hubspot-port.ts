/**
 * What Thread asks of HubSpot, in Thread's own types (domain/hubspot-records.ts). The connector in src/connectors/hubspot implements it with
 * the official SDK (the composition root checks it `satisfies` this port, so drift fails to compile); services only ever see this port. Reads that
 * find nothing answer null or leave the record out; every other failure is an AppError whose sentence says what
 * HubSpot answered (a refused token, a missing scope, a rate limit that outlasted the retries, an outage).
 */

import type {
  HubSpotCredentials,
  HubSpotAccountInfo,
  HubSpotDeal,
  HubSpotCompany,
  HubSpotContact,
  HubSpotAssociation,
  HubSpotOwner,
  HubSpotStage,
  HubSpotPipeline,
  HubSpotObjectType,
  DealSearch,
} from '../../domain/hubspot-records';
import type { HubSpotWritePort } from './hubspot-write-port';

export type {
  HubSpotCredentials,
  HubSpotAccountInfo,
  HubSpotDeal,
  HubSpotCompany,
  HubSpotContact,
  HubSpotAssociation,
  HubSpotOwner,
  HubSpotStage,
  HubSpotPipeline,
  HubSpotObjectType,
  DealSearch,
};

/** Reads (below) and the write-back's writes (hubspot-write-port.ts). */
export interface HubSpotPort extends HubSpotWritePort {
  /** One harmless call: which HubSpot account the token belongs to. */
  accountInfo(): Promise<HubSpotAccountInfo>;
  getDeal(dealId: string, properties?: string[]): Promise<HubSpotDeal | null>;
  getCompany(companyId: string, properties?: string[]): Promise<HubSpotCompany | null>;
  /** Contacts by id in one batch; ids HubSpot does not know (deleted, merged away) are left out. */
  getContacts(contactIds: string[], properties?: string[]): Promise<HubSpotContact[]>;
  /** Records of `toType` associated with one record, every page, labels included. */
  associations(fromType: HubSpotObjectType, fromId: string, toType: HubSpotObjectType): Promise<HubSpotAssociation[]>;
  getOwner(ownerId: string): Promise<HubSpotOwner | null>;
  dealPipelines(): Promise<HubSpotPipeline[]>;
  /** Every matching deal (all pages, oldest change first), up to HubSpot's search cap of 10,000. */
  searchDeals(search: DealSearch): Promise<HubSpotDeal[]>;
}

/** Builds the port for one HubSpot account; the connector keeps one SDK client per token behind it. */
export type HubSpotConnectorFactory = (credentials: HubSpotCredentials) => HubSpotPort;
