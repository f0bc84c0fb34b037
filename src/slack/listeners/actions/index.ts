import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { registerApprove } from './approve';
import { registerCopyPortalLink } from './copy-portal-link';
import { registerExecute } from './execute';
import { registerOpenAccountView } from './open-account-view';
import { registerOpenEdit } from './open-edit';
import { registerOpenMilestoneModal } from './open-milestone-modal';
import { registerOpenRequestChanges } from './open-request-changes';
import { registerSendTest } from './send-test';
import { registerSkip } from './skip';

export function registerActionListeners(app: App, deps: SlackDeps): void {
  registerApprove(app, deps);
  registerSkip(app, deps);
  registerExecute(app, deps);
  registerSendTest(app, deps);
  registerOpenEdit(app, deps);
  registerOpenRequestChanges(app, deps);
  registerOpenMilestoneModal(app, deps);
  registerOpenAccountView(app, deps);
  registerCopyPortalLink(app, deps);
}
