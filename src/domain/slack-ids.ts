/** The shapes of the Slack ids Thread stores, so a stray name or mention is refused before it is saved. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** Public (C) and private or shared (G) channels; DMs are not places to send account work. */
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
export const SLACK_TEAM_ID = /^T[A-Z0-9]{2,}$/;
export const SLACK_ENTERPRISE_ID = /^E[A-Z0-9]{2,}$/;
