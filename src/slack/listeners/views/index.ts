import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { registerEditDraftSubmit } from './edit-draft-submit';
import { registerEmailPortalLinkSubmit } from './email-portal-link-submit';
import { registerRevokePortalLinksSubmit } from './revoke-portal-links-submit';
import { registerMilestoneSubmit } from './milestone-submit';
import { registerNewAccountSubmit } from './new-account-submit';
import { registerRequestChangesSubmit } from './request-changes-submit';
import { registerSubmissionFollowUpSubmit } from './submission-follow-up-submit';
import { registerReplyToEmailSubmit } from './reply-to-email-submit';

export function registerViewListeners(app: App, deps: SlackDeps): void {
  registerEditDraftSubmit(app, deps);
  registerRequestChangesSubmit(app, deps);
  registerSubmissionFollowUpSubmit(app, deps);
  registerMilestoneSubmit(app, deps);
  registerNewAccountSubmit(app, deps);
  registerEmailPortalLinkSubmit(app, deps);
  registerRevokePortalLinksSubmit(app, deps);
  registerReplyToEmailSubmit(app, deps);
}
