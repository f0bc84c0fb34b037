/**
 * The one seam through which Thread talks to Slack on its own (not in answer to a request, where Bolt hands the
 * listener a client with the request's token): `forOrganization(id)`. Single-workspace mode has one bot token and
 * one client for everything. With OAuth installs each organisation's client carries its own installation's token,
 * read from the installation store every time so an uninstall silences it at once; null means "not installed (any
 * more)", and the caller sends nothing.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { ServiceContext } from '../services/context';
import { findOrganizationBotToken } from '../services/slack-installations/find-organization-bot-token';
import type { SlackInstallationDeps } from '../services/slack-installations/slack-installation-deps';

export interface SlackClients {
  /** The single workspace's client; undefined with OAuth installs. */
  readonly single?: WebClient;
  forOrganization(organizationId: string): Promise<WebClient | null>;
  /** The client for a token Thread holds already (a new installation's welcome). */
  forToken(token: string): WebClient;
}

export function singleWorkspaceClients(client: WebClient): SlackClients {
  return { single: client, forOrganization: async () => client, forToken: () => client };
}

export function installedWorkspaceClients(options: {
  ctx: ServiceContext;
  installations: SlackInstallationDeps;
  clientOptions: WebClientOptions;
}): SlackClients {
  // One client per organisation while its token stays the same (a WebClient keeps its own queue and retry state);
  // a rotated or reinstalled token replaces it, so clients of dead tokens are not kept.
  const byOrganization = new Map<string, { token: string; client: WebClient }>();
  return {
    forToken: (token) => new WebClient(token, options.clientOptions),
    async forOrganization(organizationId) {
      const token = await findOrganizationBotToken(options.ctx, options.installations, { organizationId });
      if (!token) {
        byOrganization.delete(organizationId);
        return null;
      }
      const cached = byOrganization.get(organizationId);
      if (cached?.token === token) return cached.client;
      const client = new WebClient(token, options.clientOptions);
      byOrganization.set(organizationId, { token, client });
      return client;
    },
  };
}
