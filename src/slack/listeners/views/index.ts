import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { registerEditDraftSubmit } from './edit-draft-submit';
import { registerEmailPortalLinkSubmit } from './email-portal-link-submit';
import { registerRevokePortalLinksSubmit } from './revoke-portal-links-submit';
import { registerMilestoneSubmit } from './milestone-submit';
import { registerNewAccountSubmit } from './new-account-submit';
import { registerRequestChangesSubmit } from './request-changes-submit';
import { registerSubmissionFollowUpSubmit } from './submission-follow-up-submit';
import { registerSettingsSubmit } from './settings-submit';
import { registerPeopleSubmit } from './people-submit';
import { registerAccountChannelsSubmit } from './account-channels-submit';
import { registerContactSubmit } from './contact-submit';
import { registerReplyToEmailSubmit } from './reply-to-email-submit';
import { registerReopenAccountSubmit } from './reopen-account-submit';
import { registerMarkChurnedSubmit } from './mark-churned-submit';

export function registerViewListeners(app: App, deps: SlackDeps): void {
  registerEditDraftSubmit(app, deps);
  registerRequestChangesSubmit(app, deps);
  registerSubmissionFollowUpSubmit(app, deps);
  registerMilestoneSubmit(app, deps);
  registerNewAccountSubmit(app, deps);
  registerEmailPortalLinkSubmit(app, deps);
  registerRevokePortalLinksSubmit(app, deps);
  registerSettingsSubmit(app, deps);
  registerPeopleSubmit(app, deps);
  registerAccountChannelsSubmit(app, deps);
  registerContactSubmit(app, deps);
  registerReplyToEmailSubmit(app, deps);
  registerReopenAccountSubmit(app, deps);
  registerMarkChurnedSubmit(app, deps);
}
