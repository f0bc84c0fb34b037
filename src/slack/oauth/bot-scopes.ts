/**
 * The bot scopes an install asks for: the same list as manifest.json's oauth_config.scopes.bot (a test keeps the two
 * equal), so an app created from the manifest and an Add to Slack install agree on what Thread may do.
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'channels:history',
  'groups:history',
  'channels:read',
  'groups:read',
  'users:read',
  'users:read.email',
  'team:read',
] as const;
