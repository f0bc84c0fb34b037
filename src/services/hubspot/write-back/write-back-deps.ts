/**
 * What the HubSpot write-back needs from outside, handed in by the composition root (the server's job) or a test.
 */
import type { HubSpotWritePort } from '../hubspot-write-port';

/** One organisation whose HubSpot is connected, with the port to its HubSpot account. */
export interface ConnectedHubSpot {
  organizationId: string;
  hubspot: HubSpotWritePort;
}

export interface HubSpotWriteBackDeps {
  /**
   * The organisations with HubSpot connected (a token in Settings, or the environment's for the only one). The one
   * query a run makes when nobody has connected HubSpot: organisations missing from it cost nothing.
   */
  connectedOrganizations(): Promise<ConnectedHubSpot[]>;
  /** For the portal preview link written to each company (services/portal/preview-link.ts). */
  previewLinks: { publicUrl: string; secret: Buffer };
  /** This process, in the claims it takes on accounts (host, pid, a random suffix). */
  holder: string;
}
