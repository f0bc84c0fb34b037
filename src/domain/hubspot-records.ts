/**
 * What HubSpot records look like to Thread: the HubSpot connector (src/connectors/hubspot) returns these, and
 * the services read them through their port (services/hubspot/hubspot-port.ts). Plain data, no behaviour.
 */

/** A HubSpot account (a "portal"), reached with one private-app token. */
export interface HubSpotCredentials {
  accessToken: string;
  /** HUBSPOT_BASE_URL: another API host (the fake in tests); unset means https://api.hubapi.com. */
  baseUrl?: string;
}

export interface HubSpotAccountInfo {
  portalId: string;
  timeZone: string | null;
  currency: string | null;
  /** The web app's host for this account's data centre, e.g. app.hubspot.com or app-eu1.hubspot.com. */
  uiDomain: string | null;
}

export interface HubSpotDeal {
  id: string;
  name: string;
  /** The `amount` property as a number; null when empty or not a number. */
  amount: number | null;
  currency: string | null;
  /** The close date as a calendar day (YYYY-MM-DD, UTC), or null. */
  closeDate: string | null;
  pipelineId: string;
  stageId: string;
  ownerId: string | null;
  /** When HubSpot last changed the deal (ISO), so a stale copy can be told from a fresh one. */
  lastModifiedAt: string | null;
  /** Every property HubSpot returned, as text (empty properties are left out). */
  properties: Record<string, string>;
}

export interface HubSpotCompany {
  id: string;
  name: string | null;
  domain: string | null;
  industry: string | null;
  properties: Record<string, string>;
}

export interface HubSpotContact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  jobTitle: string | null;
  properties: Record<string, string>;
}

/** One associated record, with the labels of every association type between the two (v4 associations). */
export interface HubSpotAssociation {
  toObjectId: string;
  labels: string[];
  typeIds: number[];
}

export interface HubSpotOwner {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface HubSpotStage {
  id: string;
  label: string;
  displayOrder: number;
  /** From the stage's metadata: closed (won or lost). */
  isClosed: boolean;
  /** From the stage's metadata: the win probability from 0 to 1 (1 for closed won), null when absent. */
  probability: number | null;
}

export interface HubSpotPipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: HubSpotStage[];
}

export type HubSpotObjectType = 'deals' | 'companies' | 'contacts';

export interface DealSearch {
  /** Deals in any of these stages. */
  stageIds: string[];
  /** Changed at or after this time (hs_lastmodifieddate). */
  modifiedSince: Date;
  /** Extra deal properties to return beside the ones every deal read returns. */
  properties?: string[];
}
