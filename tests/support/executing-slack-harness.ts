/**
 * The Slack harness with real execution behind its buttons: email through a real SMTP capture, Slack messages
 * through the fake Web API, and the harness's own notifier, with pacing off so a batch runs at once.
 */
import { createSlackMessenger } from '../../src/connectors/slack-messages/slack-messenger';
import { createSmtpMailer, type SmtpMailer } from '../../src/connectors/email/smtp-mailer';
import { reviewWorkflows } from '../../src/composition/execution-ports';
import type { ExecutionDeps } from '../../src/services/execution/ports';
import { useSmtpCapture } from './smtp-capture';
import { useSlackHarness } from './slack-harness';

export function useExecutingSlackHarness() {
  const smtp = useSmtpCapture();
  let deps: ExecutionDeps | undefined;
  const currentDeps = (): ExecutionDeps => {
    if (!deps) throw new Error('execution is wired in beforeEach: use it inside a test');
    return deps;
  };
  const lazy = () => reviewWorkflows(h.ctx, currentDeps);
  const h = useSlackHarness({
    executeAction: (...a) => lazy().executeAction(...a),
    executeBatch: (...a) => lazy().executeBatch(...a),
    mailer: () => currentDeps().mailer,
  });
  let mailer: SmtpMailer | undefined;

  beforeEach(() => {
    mailer = createSmtpMailer({ url: smtp.url, from: 'Thread <onboarding@vendor.test>', timeoutMs: 5000 });
    deps = {
      mailer,
      slackMessenger: createSlackMessenger({ botToken: 'xoxb-test', apiUrl: h.fake.apiUrl }),
      notifier: h.slack.notifier,
      pacing: { slackPerChannelMs: 0, emailMs: 0 },
    };
  });
  afterEach(() => mailer?.close());

  return { h, smtp };
}
