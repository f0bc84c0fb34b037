/**
 * HubSpot's part of the composition: the connector factory (checked against its port here, so drift between the
 * two fails to compile), the secret box for tokens admins paste, the single-organisation environment, and the
 * Slack lookup the closed-won import names the AE with.
 */
import type { Config } from '../config';
import { createHubSpotConnector } from '../connectors/hubspot/hubspot-connector';
import { createSecretBox } from '../lib/secret-box';
import type { HubSpotDeps, SlackUserLookup } from '../services/hubspot/hubspot-deps';
import type { HubSpotConnectorFactory } from '../services/hubspot/hubspot-port';

export function createHubSpotDeps(options: {
  config: Config;
  encryptionKey: Buffer;
  lookupSlackUserByEmail?: SlackUserLookup;
}): HubSpotDeps {
  const hubspot = options.config.hubspot;
  return {
    connect: createHubSpotConnector satisfies HubSpotConnectorFactory,
    secrets: createSecretBox(options.encryptionKey),
    baseUrl: hubspot?.baseUrl,
    environment: hubspot?.accessToken
      ? { accessToken: hubspot.accessToken, clientSecret: hubspot.clientSecret }
      : undefined,
    lookupSlackUserByEmail: options.lookupSlackUserByEmail,
    // The handoff (openHandoff) is wired here by the lead once it exists: onAccountPendingHandoff.
  };
}
