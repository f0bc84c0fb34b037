/**
 * HubSpot through the official SDK, answering in Thread's own records (domain/hubspot-records.ts). The SDK stays
 * in this folder. Reads use the shared per-account clients (hubspot-client.ts), so the rate limiter and the SDK's
 * retries for 429 and 5xx apply to every call; a record that does not exist reads as null, anything else that
 * fails becomes an AppError in words (hubspot-errors.ts).
 */
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/deals';
import type {
  DealSearch,
  HubSpotAccountInfo,
  HubSpotAssociation,
  HubSpotCompany,
  HubSpotContact,
  HubSpotCredentials,
  HubSpotDeal,
  HubSpotObjectType,
  HubSpotOwner,
  HubSpotPipeline,
} from '../../domain/hubspot-records';
import { hubspotClients } from './hubspot-client';
import { hubspotError, hubspotStatus } from './hubspot-errors';
import { hubspotWriteMethods } from './hubspot-writer';

/** Read on every deal, beside whatever the caller asks for. */
export const DEAL_PROPERTIES = [
  'dealname',
  'amount',
  'deal_currency_code',
  'closedate',
  'pipeline',
  'dealstage',
  'hubspot_owner_id',
  'hs_lastmodifieddate',
] as const;
const COMPANY_PROPERTIES = ['name', 'domain', 'industry'] as const;
const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'jobtitle'] as const;

/** HubSpot answers at most 100 records a page (200 for search) and stops a search at 10,000 results. */
const PAGE_SIZE = 100;
const SEARCH_PAGE_SIZE = 200;
const SEARCH_CAP = 10_000;

type RawProperties = Record<string, string | null | undefined>;

function present(properties: RawProperties): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value !== null && value !== undefined && value !== '') kept[name] = value;
  }
  return kept;
}

function withDefaults(defaults: readonly string[], extra: string[] | undefined): string[] {
  return [...new Set([...defaults, ...(extra ?? [])])];
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** HubSpot dates come as ISO timestamps (v3) or as epoch milliseconds (older properties). */
function timestampOf(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const date = /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toDeal(raw: { id: string; properties: RawProperties; updatedAt?: Date }): HubSpotDeal {
  const p = present(raw.properties);
  const modified = timestampOf(p.hs_lastmodifieddate) ?? raw.updatedAt ?? null;
  return {
    id: raw.id,
    name: p.dealname ?? '',
    amount: numberOrNull(p.amount),
    currency: p.deal_currency_code ?? null,
    closeDate: timestampOf(p.closedate)?.toISOString().slice(0, 10) ?? null,
    pipelineId: p.pipeline ?? '',
    stageId: p.dealstage ?? '',
    ownerId: p.hubspot_owner_id ?? null,
    lastModifiedAt: modified ? modified.toISOString() : null,
    properties: p,
  };
}

function toCompany(raw: { id: string; properties: RawProperties }): HubSpotCompany {
  const p = present(raw.properties);
  return { id: raw.id, name: p.name ?? null, domain: p.domain ?? null, industry: p.industry ?? null, properties: p };
}

function toContact(raw: { id: string; properties: RawProperties }): HubSpotContact {
  const p = present(raw.properties);
  return {
    id: raw.id,
    firstName: p.firstname ?? null,
    lastName: p.lastname ?? null,
    email: p.email ?? null,
    jobTitle: p.jobtitle ?? null,
    properties: p,
  };
}

function metadataNumber(metadata: Record<string, string> | undefined, key: string): number | null {
  return numberOrNull(metadata?.[key]);
}

/** A missing record reads as null; every other failure is thrown in words. */
async function orNull<T>(doing: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (hubspotStatus(error) === 404) return null;
    throw hubspotError(error, doing);
  }
}

async function inWords<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw hubspotError(error, doing);
  }
}

export function createHubSpotConnector(credentials: HubSpotCredentials) {
  const { main, search } = hubspotClients(credentials);

  return {
    // The write-back's calls (hubspot-writer.ts).
    ...hubspotWriteMethods(main),

    async accountInfo(): Promise<HubSpotAccountInfo> {
      const doing = 'reading the HubSpot account details';
      // No generated API covers account-info, so it goes through the client's own request helper, which answers
      // with a fetch Response and does not throw on an error status.
      const response = await inWords(doing, () =>
        main.client.apiRequest({ method: 'GET', path: '/account-info/v3/details' }),
      );
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok) throw hubspotError({ code: response.status, body }, doing);
      const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
      if (typeof body.portalId !== 'number' && typeof body.portalId !== 'string')
        throw hubspotError(new Error('no portalId'), doing);
      return {
        portalId: String(body.portalId),
        timeZone: text(body.timeZone),
        currency: text(body.companyCurrency),
        uiDomain: text(body.uiDomain),
      };
    },

    async getDeal(dealId: string, properties?: string[]): Promise<HubSpotDeal | null> {
      const raw = await orNull(`reading deal ${dealId}`, () =>
        main.deals.getById(dealId, withDefaults(DEAL_PROPERTIES, properties)),
      );
      return raw ? toDeal(raw) : null;
    },

    async getCompany(companyId: string, properties?: string[]): Promise<HubSpotCompany | null> {
      const raw = await orNull(`reading company ${companyId}`, () =>
        main.companies.getById(companyId, withDefaults(COMPANY_PROPERTIES, properties)),
      );
      return raw ? toCompany(raw) : null;
    },

    async getContacts(contactIds: string[], properties?: string[]): Promise<HubSpotContact[]> {
      const ids = [...new Set(contactIds)];
      const found: HubSpotContact[] = [];
      for (let start = 0; start < ids.length; start += PAGE_SIZE) {
        const batch = ids.slice(start, start + PAGE_SIZE);
        const answer = await inWords(`reading ${batch.length} contact(s)`, () =>
          main.contactsBatch.read({
            inputs: batch.map((id) => ({ id })),
            properties: withDefaults(CONTACT_PROPERTIES, properties),
            propertiesWithHistory: [],
          }),
        );
        // Ids HubSpot no longer knows come back as errors beside the results (207): they are simply absent.
        found.push(...answer.results.map(toContact));
      }
      const order = new Map(ids.map((id, i) => [id, i]));
      return found.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    },

    async associations(
      fromType: HubSpotObjectType,
      fromId: string,
      toType: HubSpotObjectType,
    ): Promise<HubSpotAssociation[]> {
      const all: HubSpotAssociation[] = [];
      let after: string | undefined;
      do {
        const page = await orNull(`reading the ${toType} associated with ${fromType} ${fromId}`, () =>
          main.associations.getPage(fromType, fromId, toType, after, PAGE_SIZE),
        );
        if (!page) return all;
        for (const row of page.results) {
          all.push({
            toObjectId: String(row.toObjectId),
            labels: row.associationTypes.map((t) => t.label).filter((l): l is string => !!l),
            typeIds: row.associationTypes.map((t) => t.typeId),
          });
        }
        after = page.paging?.next?.after;
      } while (after);
      return all;
    },

    async getOwner(ownerId: string): Promise<HubSpotOwner | null> {
      const numeric = Number(ownerId);
      if (!Number.isInteger(numeric)) return null;
      const raw = await orNull(`reading owner ${ownerId}`, () => main.owners.getById(numeric, 'id'));
      if (!raw) return null;
      return {
        id: String(raw.id),
        email: raw.email || null,
        firstName: raw.firstName || null,
        lastName: raw.lastName || null,
      };
    },

    async dealPipelines(): Promise<HubSpotPipeline[]> {
      const answer = await inWords('reading the deal pipelines', () => main.pipelines.getAll('deals'));
      return answer.results
        .filter((pipeline) => !pipeline.archived)
        .map((pipeline) => ({
          id: pipeline.id,
          label: pipeline.label,
          displayOrder: pipeline.displayOrder,
          stages: pipeline.stages
            .filter((stage) => !stage.archived)
            .sort((a, b) => a.displayOrder - b.displayOrder)
            .map((stage) => ({
              id: stage.id,
              label: stage.label,
              displayOrder: stage.displayOrder,
              isClosed: stage.metadata?.isClosed === 'true',
              probability: metadataNumber(stage.metadata, 'probability'),
            })),
        }))
        .sort((a, b) => a.displayOrder - b.displayOrder);
    },

    async searchDeals(query: DealSearch): Promise<HubSpotDeal[]> {
      if (query.stageIds.length === 0) return [];
      const found: HubSpotDeal[] = [];
      let after: string | undefined;
      do {
        const page = await inWords('searching deals', () =>
          search.doSearch({
            filterGroups: [
              {
                filters: [
                  { propertyName: 'dealstage', operator: FilterOperatorEnum.In, values: query.stageIds },
                  {
                    propertyName: 'hs_lastmodifieddate',
                    operator: FilterOperatorEnum.Gte,
                    value: String(query.modifiedSince.getTime()),
                  },
                ],
              },
            ],
            properties: withDefaults(DEAL_PROPERTIES, query.properties),
            limit: SEARCH_PAGE_SIZE,
            after,
          }),
        );
        found.push(...page.results.map(toDeal));
        after = page.paging?.next?.after;
      } while (after && found.length < SEARCH_CAP);
      return found.sort((a, b) => (a.lastModifiedAt ?? '').localeCompare(b.lastModifiedAt ?? ''));
    },
  };
}

export type HubSpotConnector = ReturnType<typeof createHubSpotConnector>;
