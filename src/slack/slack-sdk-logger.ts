import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../lib/logger';

/** Thread's logger in the shape the Slack SDKs (Bolt, the Web API client) log through, so they never print on their own. */
export function slackSdkLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(' ')),
    info: (...m: unknown[]) => child.info(m.map(String).join(' ')),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => child.error(m.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
