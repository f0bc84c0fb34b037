import { blockingFindings, lintDraft, type LintFinding } from '../../domain/review-lint';
import { withoutSendTimeFindings } from '../../domain/send-time-placeholders';
import type { ActionType } from '../../domain/template';
import { recipientOf, type ActionForDrafting } from './build-draft-context';

export interface ActionDraftToLint {
  type: ActionType;
  subject: string;
  body: string;
  companyName: string;
  /** True when a magic link can be minted for the recipient at send time, so {{portal_link}} is not "unfilled". */
  portalLinkAtSend: boolean;
}

/** The review lint as drafting and execution both apply it; execution re-runs it on the exact text it sends. */
export function lintActionDraft(draft: ActionDraftToLint): LintFinding[] {
  const findings = lintDraft({
    type: draft.type,
    subject: draft.subject,
    body: draft.body,
    companyName: draft.companyName,
  });
  return draft.portalLinkAtSend ? withoutSendTimeFindings(findings) : findings;
}

/**
 * The same lint for a text drafted for an action as loaded for drafting: {{portal_link}} counts as filled when Thread
 * mints portal links and the account has a contact to send the action to.
 */
export function lintDraftOfAction(
  action: ActionForDrafting,
  text: { subject: string; body: string },
  mintsPortalLinks: boolean,
): LintFinding[] {
  return lintActionDraft({
    type: action.type as ActionType,
    subject: text.subject,
    body: text.body,
    companyName: action.account.name,
    portalLinkAtSend: mintsPortalLinks && recipientOf(action) !== null,
  });
}

export function describeBlocking(findings: readonly LintFinding[]): string {
  return blockingFindings(findings)
    .map((f) => f.message)
    .join(' ');
}
