/**
 * Finds a workspace member by email (users.lookupByEmail, scope users:read.email), for the HubSpot import to name
 * the AE from the deal owner's email. Nobody with that email is null; any other Slack failure is thrown.
 */
import { WebClient } from '@slack/web-api';
import type { SlackUserLookup } from '../services/hubspot/hubspot-deps';
import type { SlackClients } from './slack-clients';

function slackError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function slackUserLookup(clients: SlackClients | WebClient): SlackUserLookup {
  return async (email, organizationId) => {
    const client = clients instanceof WebClient ? clients : await clients.forOrganization(organizationId);
    if (!client) return null;
    try {
      const answer = await client.users.lookupByEmail({ email });
      const user = answer.user;
      if (!user?.id || user.deleted || user.is_bot) return null;
      return user.id;
    } catch (error) {
      if (slackError(error) === 'users_not_found') return null;
      throw error;
    }
  };
}
