/** HubSpot's service dependencies as the composition root builds them, pointed at the fake HubSpot. */
import { createHubSpotConnector } from '../../src/connectors/hubspot/hubspot-connector';
import { createSecretBox } from '../../src/lib/secret-box';
import type { HubSpotDeps } from '../../src/services/hubspot/hubspot-deps';
import type { FakeHubSpot } from './fake-hubspot';

/** A fixed key, so what one part of a test seals another part opens. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7);

export function hubspotDeps(fake: FakeHubSpot, overrides: Partial<HubSpotDeps> = {}): HubSpotDeps {
  return {
    connect: createHubSpotConnector,
    secrets: createSecretBox(TEST_ENCRYPTION_KEY),
    baseUrl: fake.url,
    ...overrides,
  };
}
