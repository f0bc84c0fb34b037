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
import { registerExecuteAnyway } from './execute-anyway';
import { registerCustomerResponded } from './customer-responded';
import { registerTaskDone } from './task-done';
import { registerBatchSelect } from './batch-select';
import { registerExecuteSelected } from './execute-selected';
import { registerBatchRetry } from './batch-retry';
import { registerAcknowledgeSubmission } from './acknowledge-submission';
import { registerOpenSubmissionFollowUp } from './open-submission-follow-up';

export function registerActionListeners(app: App, deps: SlackDeps): void {
  registerApprove(app, deps);
  registerSkip(app, deps);
  registerExecute(app, deps);
  registerExecuteAnyway(app, deps);
  registerCustomerResponded(app, deps);
  registerTaskDone(app, deps);
  registerBatchSelect(app, deps);
  registerExecuteSelected(app, deps);
  registerBatchRetry(app, deps);
  registerAcknowledgeSubmission(app, deps);
  registerOpenSubmissionFollowUp(app, deps);
  registerSendTest(app, deps);
  registerOpenEdit(app, deps);
  registerOpenRequestChanges(app, deps);
  registerOpenMilestoneModal(app, deps);
  registerOpenAccountView(app, deps);
  registerCopyPortalLink(app, deps);
}
