import type { UserRole } from '../../db/generated/client';

/**
 * The person behind a Slack request, as every Slack listener uses it. The Slack layer resolves it per request from
 * the workspace the request came from (resolveOrganizationForSlack) and the person's membership there
 * (resolveSlackMember): see src/slack/workspace.ts.
 */
export interface SlackActor {
  organizationId: string;
  userId: string;
  slackUserId: string;
  name: string;
  role: UserRole;
  /** The organisation's timezone: "today" for this person is today there. */
  timeZone: string;
}
