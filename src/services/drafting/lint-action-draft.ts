import { blockingFindings, lintDraft, type LintFinding } from '../../domain/review-lint';
import { withoutSendTimeFindings } from '../../domain/send-time-placeholders';
import type { ActionType } from '../../domain/template';

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

export function describeBlocking(findings: readonly LintFinding[]): string {
  return blockingFindings(findings)
    .map((f) => f.message)
    .join(' ');
}
