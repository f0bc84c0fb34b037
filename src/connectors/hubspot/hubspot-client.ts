/**
 * One SDK client per HubSpot account, kept for the life of the process, so every call Thread makes to that
 * account goes through the same rate limiter (HubSpot's limits are per account, shared by all its apps).
 *
 * Two quirks of @hubspot/api-client 14 shape this file:
 * - The SDK wraps each API object with the limiter and retry decorators of the *most recently constructed*
 *   Client (a process-wide singleton), at the moment the API object is first built. So every API Thread uses is
 *   built here, right after its own Client, before any other Client can be constructed.
 * - Search has its own, lower limit (about 5 requests a second per account), so searches go through a second
 *   client per account with the SDK's search limiter options.
 *
 * Retries: numberOfApiCallRetries makes the SDK retry 5xx answers and HubSpot's per-second and ten-second rate
 * limit answers (429 with policyName TEN_SECONDLY_ROLLING or the "secondly limit" message) with growing waits; a
 * daily-limit 429 is not retried. The cache is keyed by a hash of the token so no token is kept as a map key.
 */
import { createHash } from 'node:crypto';
import { Client, DEFAULT_LIMITER_OPTIONS, SEARCH_LIMITER_OPTIONS } from '@hubspot/api-client';
import type { HubSpotCredentials } from '../../domain/hubspot-records';

/** Retries after the first attempt fails (the SDK allows 0 to 6; its waits grow with each one). */
const API_CALL_ATTEMPTS = 3;

function bindApis(client: Client) {
  return {
    client,
    deals: client.crm.deals.basicApi,
    dealsSearch: client.crm.deals.searchApi,
    companies: client.crm.companies.basicApi,
    contactsBatch: client.crm.contacts.batchApi,
    associations: client.crm.associations.v4.basicApi,
    owners: client.crm.owners.ownersApi,
    pipelines: client.crm.pipelines.pipelinesApi,
    properties: client.crm.properties.coreApi,
    propertyGroups: client.crm.properties.groupsApi,
    notes: client.crm.objects.notes.basicApi,
  };
}

export type HubSpotApis = ReturnType<typeof bindApis>;

export interface HubSpotClients {
  /** Every call but search. */
  main: HubSpotApis;
  /** Search only: its own limiter. */
  search: HubSpotApis['dealsSearch'];
}

const clients = new Map<string, HubSpotClients>();

function cacheKey(credentials: HubSpotCredentials): string {
  const tokenHash = createHash('sha256').update(credentials.accessToken).digest('hex');
  return `${credentials.baseUrl ?? ''}|${tokenHash}`;
}

function newClient(credentials: HubSpotCredentials, limiter: typeof DEFAULT_LIMITER_OPTIONS, id: string): Client {
  return new Client({
    accessToken: credentials.accessToken,
    basePath: credentials.baseUrl?.replace(/\/+$/, ''),
    numberOfApiCallRetries: API_CALL_ATTEMPTS,
    limiterOptions: { ...limiter, id },
  });
}

/** The SDK clients for one HubSpot account (made on first use, then shared). */
export function hubspotClients(credentials: HubSpotCredentials): HubSpotClients {
  const key = cacheKey(credentials);
  const known = clients.get(key);
  if (known) return known;
  const label = key.slice(-12);
  // Each Client's APIs are bound immediately after it is constructed: see the header.
  const main = bindApis(newClient(credentials, DEFAULT_LIMITER_OPTIONS, `thread-hubspot-${label}`));
  const search = newClient(credentials, SEARCH_LIMITER_OPTIONS, `thread-hubspot-search-${label}`).crm.deals.searchApi;
  const made = { main, search };
  clients.set(key, made);
  return made;
}
