/**
 * HubSpot's part of the composition: the connector factory (checked against its port here, so drift between the
 * two fails to compile), the secret box for tokens admins paste, the single-organisation environment, and the
 * Slack lookup the closed-won import names the AE with.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../config';
import { createHubSpotConnector } from '../connectors/hubspot/hubspot-connector';
import { createSecretBox } from '../lib/secret-box';
import type { HubSpotDeps, SlackUserLookup } from '../services/hubspot/hubspot-deps';
import type { HubSpotConnectorFactory } from '../services/hubspot/hubspot-port';
import type { ServiceContext } from '../services/context';
import { loadHubSpotConnection } from '../services/hubspot/hubspot-connection';
import { listHubSpotOrganizations } from '../services/hubspot/list-hubspot-organizations';
import type { ConnectedHubSpot, HubSpotWriteBackDeps } from '../services/hubspot/write-back/write-back-deps';

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
    // onAccountPendingHandoff (the AE is asked for the handoff) joins in compose-thread.ts, once the notifier exists.
  };
}

/**
 * What the write-back job runs with: each organisation with HubSpot connected and the port to its HubSpot account
 * (one SDK client per account, shared with the import), the portal preview links it writes, and this process's name
 * in its claims.
 */
export function createHubSpotWriteBackDeps(
  ctx: ServiceContext,
  hubspot: HubSpotDeps,
  previewLinks: HubSpotWriteBackDeps['previewLinks'],
): HubSpotWriteBackDeps {
  return {
    async connectedOrganizations() {
      const connected: ConnectedHubSpot[] = [];
      for (const organizationId of await listHubSpotOrganizations(ctx, hubspot)) {
        const connection = await loadHubSpotConnection(ctx.prisma, hubspot, organizationId);
        if (connection) connected.push({ organizationId, hubspot: hubspot.connect(connection.credentials) });
      }
      return connected;
    },
    previewLinks,
    holder: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
}
