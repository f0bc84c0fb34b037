/**
 * The write-back's HubSpot calls (services/hubspot/hubspot-write-port.ts) through the account's shared SDK client
 * (hubspot-client.ts), so writes share the rate limiter and the SDK's retries for 429 and 5xx with every read.
 * Creating what already exists (409) answers 'exists'; a company PATCH that names properties HubSpot does not have
 * (400) or a company that is gone (404) are answered, not thrown, because the write-back acts on them.
 */
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
  type PropertyCreate,
} from '@hubspot/api-client/lib/codegen/crm/properties';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes';
import type {
  HubSpotCompanyUpdate,
  HubSpotCreated,
  HubSpotNoteInput,
  HubSpotPropertyDefinition,
  HubSpotPropertyGroup,
  HubSpotPropertySummary,
} from '../../domain/hubspot-write-records';
import type { HubSpotApis } from './hubspot-client';
import { hubspotError, hubspotStatus } from './hubspot-errors';

/** HubSpot's own association type for a note on a company (notes → companies, HUBSPOT_DEFINED). */
const NOTE_TO_COMPANY_TYPE_ID = 190;

const FIELD_TYPES: Record<HubSpotPropertyDefinition['fieldType'], PropertyCreateFieldTypeEnum> = {
  text: PropertyCreateFieldTypeEnum.Text,
  number: PropertyCreateFieldTypeEnum.Number,
  date: PropertyCreateFieldTypeEnum.Date,
  select: PropertyCreateFieldTypeEnum.Select,
};
const TYPES: Record<HubSpotPropertyDefinition['type'], PropertyCreateTypeEnum> = {
  string: PropertyCreateTypeEnum.String,
  number: PropertyCreateTypeEnum.Number,
  date: PropertyCreateTypeEnum.Date,
  enumeration: PropertyCreateTypeEnum.Enumeration,
};

function failureMessage(error: unknown): string {
  const body = (error as { body?: unknown } | null)?.body;
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : '';
}

async function createOrExists(doing: string, call: () => Promise<unknown>): Promise<HubSpotCreated> {
  try {
    await call();
    return 'created';
  } catch (error) {
    if (hubspotStatus(error) === 409) return 'exists';
    throw hubspotError(error, doing);
  }
}

function toPropertyCreate(d: HubSpotPropertyDefinition): PropertyCreate {
  return {
    name: d.name,
    label: d.label,
    description: d.description,
    groupName: d.groupName,
    displayOrder: d.displayOrder,
    type: TYPES[d.type],
    fieldType: FIELD_TYPES[d.fieldType],
    formField: false,
    hasUniqueValue: false,
    hidden: false,
    ...(d.type === 'enumeration'
      ? {
          options: d.options.map((o) => ({
            label: o.label,
            value: o.value,
            displayOrder: o.displayOrder,
            hidden: false,
          })),
        }
      : {}),
  };
}

export function hubspotWriteMethods(main: HubSpotApis) {
  return {
    async propertyGroups(objectType: 'companies'): Promise<HubSpotPropertyGroup[]> {
      try {
        const answer = await main.propertyGroups.getAll(objectType);
        return answer.results
          .filter((g) => !g.archived)
          .map((g) => ({ name: g.name, label: g.label, displayOrder: g.displayOrder }));
      } catch (error) {
        throw hubspotError(error, `reading the ${objectType} property groups`);
      }
    },

    createPropertyGroup(objectType: 'companies', group: HubSpotPropertyGroup): Promise<HubSpotCreated> {
      return createOrExists(`creating the ${objectType} property group "${group.label}"`, () =>
        main.propertyGroups.create(objectType, group),
      );
    },

    async properties(objectType: 'companies'): Promise<HubSpotPropertySummary[]> {
      try {
        const answer = await main.properties.getAll(objectType, false);
        return answer.results.map((p) => ({ name: p.name, groupName: p.groupName }));
      } catch (error) {
        throw hubspotError(error, `reading the ${objectType} properties`);
      }
    },

    createProperty(objectType: 'companies', definition: HubSpotPropertyDefinition): Promise<HubSpotCreated> {
      return createOrExists(`creating the ${objectType} property "${definition.label}"`, () =>
        main.properties.create(objectType, toPropertyCreate(definition)),
      );
    },

    async updateCompany(companyId: string, properties: Record<string, string>): Promise<HubSpotCompanyUpdate> {
      try {
        await main.companies.update(companyId, { properties });
        return { outcome: 'updated' };
      } catch (error) {
        const status = hubspotStatus(error);
        if (status === 404) return { outcome: 'company_not_found' };
        const said = failureMessage(error);
        // HubSpot names each unknown property: "Property \"x\" does not exist" (error PROPERTY_DOESNT_EXIST).
        if (status === 400 && /does not exist|PROPERTY_DOESNT_EXIST/i.test(said))
          return { outcome: 'unknown_properties', message: said.slice(0, 300) };
        throw hubspotError(error, `updating company ${companyId}`);
      }
    },

    async createCompanyNote(note: HubSpotNoteInput): Promise<{ id: string }> {
      try {
        const created = await main.notes.create({
          properties: { hs_timestamp: note.timestamp.toISOString(), hs_note_body: note.body },
          associations: [
            {
              to: { id: note.companyId },
              types: [
                {
                  associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
                  associationTypeId: NOTE_TO_COMPANY_TYPE_ID,
                },
              ],
            },
          ],
        });
        return { id: created.id };
      } catch (error) {
        throw hubspotError(error, `adding a note on company ${note.companyId}`);
      }
    },
  };
}
