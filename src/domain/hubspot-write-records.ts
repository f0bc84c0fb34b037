/**
 * What Thread writes to HubSpot (the write-back), in Thread's own types: the connector turns these into SDK calls
 * (src/connectors/hubspot/hubspot-writer.ts) and the services see them through their port
 * (services/hubspot/hubspot-write-port.ts). Plain data, no behaviour.
 */

/** A property group on an object type (companies): where Thread's properties sit in HubSpot's record sidebar. */
export interface HubSpotPropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
}

export interface HubSpotPropertyOption {
  label: string;
  value: string;
  displayOrder: number;
}

/** A custom property, with the type and field type HubSpot needs to make and show it. */
export type HubSpotPropertyDefinition = {
  name: string;
  label: string;
  description: string;
  groupName: string;
  displayOrder: number;
} & (
  | { type: 'string'; fieldType: 'text' }
  | { type: 'number'; fieldType: 'number' }
  | { type: 'date'; fieldType: 'date' }
  | { type: 'enumeration'; fieldType: 'select'; options: HubSpotPropertyOption[] }
);

/** A property HubSpot already has: enough to tell whether Thread's is there. */
export interface HubSpotPropertySummary {
  name: string;
  groupName: string;
}

/** Whether HubSpot made the record or already had one by that name (409): both leave it there. */
export type HubSpotCreated = 'created' | 'exists';

/**
 * What a PATCH of a company's properties came to. Unknown properties (400) and a missing company (404) are answers
 * the write-back acts on (create the properties, tell the admin), so they are told apart from other failures, which
 * are thrown in words.
 */
export type HubSpotCompanyUpdate =
  { outcome: 'updated' } | { outcome: 'unknown_properties'; message: string } | { outcome: 'company_not_found' };

/** A note on one company's timeline. */
export interface HubSpotNoteInput {
  companyId: string;
  /** HTML, every value already escaped (HubSpot's rich-text note body). */
  body: string;
  /** Where the note sits on the timeline: when the thing it tells happened. */
  timestamp: Date;
}
