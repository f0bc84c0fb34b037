/**
 * What the HubSpot services need from outside, handed in by the composition root (the server, the command line) or
 * by a test: the connector factory, the key that seals stored tokens, the single-organisation environment, and the
 * Slack lookup and handoff hook the closed-won import calls.
 */
import type { SecretBox } from '../../lib/secret-box';
import type { HubSpotConnectorFactory } from './hubspot-port';

/**
 * Finds a member of the organisation's Slack workspace by email (users.lookupByEmail): their Slack user id, or null
 * when nobody has it (or the organisation's Slack is uninstalled).
 */
export type SlackUserLookup = (email: string, organizationId: string) => Promise<string | null>;

export interface HubSpotDeps {
  connect: HubSpotConnectorFactory;
  /** Seals the tokens an admin enters, and opens them again (THREAD_ENCRYPTION_KEY). */
  secrets: SecretBox;
  /** HUBSPOT_BASE_URL: where every HubSpot client points (the fake in tests). */
  baseUrl?: string;
  /** HUBSPOT_ACCESS_TOKEN and HUBSPOT_CLIENT_SECRET: HubSpot for the one organisation, set by the operator. */
  environment?: { accessToken?: string; clientSecret?: string };
  /** The AE from the deal owner's email; without Slack the account is created without an AE. */
  lookupSlackUserByEmail?: SlackUserLookup;
  /** Called once an account made from a deal is committed, pending its handoff (the lead wires it to openHandoff). */
  onAccountPendingHandoff?: (o: { organizationId: string; accountId: string }) => Promise<void>;
}
