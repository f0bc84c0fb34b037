/**
 * What the first-run page may say about this deployment: which parts are on, never a value. Built by the
 * composition root from the configuration, so the page cannot reach a secret even by mistake.
 */
export interface FirstRunStatus {
  database: 'embedded' | 'postgres';
  /** oauth: any workspace installs Thread through Add to Slack (SLACK_CLIENT_ID…). */
  slack: 'http' | 'socket' | 'oauth' | 'off';
  email: boolean;
  ai: boolean;
  /** HubSpot from the environment (single organisation): the token is set; webhooks: the client secret is set too. */
  hubspot: { environment: boolean; webhooks: boolean };
  /** PUBLIC_URL: where Slack, customers and this page reach Thread. Not a secret: every portal link carries it. */
  publicUrl: string;
}
