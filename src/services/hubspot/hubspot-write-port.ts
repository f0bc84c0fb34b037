/**
 * What the write-back asks of HubSpot (services/hubspot/write-back), in Thread's own types
 * (domain/hubspot-write-records.ts). Part of HubSpotPort; kept in its own file because only the write-back uses it,
 * and so a test or the write-back job can hand in just this. Failures other than the answers named in the types are
 * AppErrors whose sentence says what HubSpot answered.
 */
import type {
  HubSpotCompanyUpdate,
  HubSpotCreated,
  HubSpotNoteInput,
  HubSpotPropertyDefinition,
  HubSpotPropertyGroup,
  HubSpotPropertySummary,
} from '../../domain/hubspot-write-records';

export type {
  HubSpotCompanyUpdate,
  HubSpotCreated,
  HubSpotNoteInput,
  HubSpotPropertyDefinition,
  HubSpotPropertyGroup,
  HubSpotPropertySummary,
};

/** The object types Thread adds properties to. */
export type HubSpotPropertyObjectType = 'companies';

export interface HubSpotWritePort {
  propertyGroups(objectType: HubSpotPropertyObjectType): Promise<HubSpotPropertyGroup[]>;
  createPropertyGroup(objectType: HubSpotPropertyObjectType, group: HubSpotPropertyGroup): Promise<HubSpotCreated>;
  /** Every property of the object type, HubSpot's own and custom ones. */
  properties(objectType: HubSpotPropertyObjectType): Promise<HubSpotPropertySummary[]>;
  createProperty(objectType: HubSpotPropertyObjectType, definition: HubSpotPropertyDefinition): Promise<HubSpotCreated>;
  updateCompany(companyId: string, properties: Record<string, string>): Promise<HubSpotCompanyUpdate>;
  /** Adds a note associated with the company (v4 default association); answers the note's id. */
  createCompanyNote(note: HubSpotNoteInput): Promise<{ id: string }>;
}
