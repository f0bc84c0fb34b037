/** `--org`, which every command that works inside an organisation takes (needed once there are several). */
export const ORG_FLAG = '--org <name or Slack team id>';
export const ORG_FLAG_HELP = 'which organisation, when there are several';
