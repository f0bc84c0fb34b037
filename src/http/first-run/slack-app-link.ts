/**
 * Slack's "create an app from a manifest" link, carrying manifest.json with this deployment's request URLs, so
 * the person setting Thread up creates the app in two clicks instead of editing URLs by hand.
 */
const CREATE_FROM_MANIFEST = 'https://api.slack.com/apps?new_app=1&manifest_json=';

/** The placeholder host manifest.json ships with; every URL on it is rewritten to PUBLIC_URL. */
const PLACEHOLDER_ORIGIN = 'https://thread.example.org';

export function manifestForDeployment(manifest: unknown, publicUrl: string): unknown {
  return JSON.parse(JSON.stringify(manifest).split(PLACEHOLDER_ORIGIN).join(publicUrl));
}

export function createSlackAppLink(manifest: unknown, publicUrl: string): string {
  return CREATE_FROM_MANIFEST + encodeURIComponent(JSON.stringify(manifestForDeployment(manifest, publicUrl)));
}
