/**
 * What an approval means, per organisation: off by default (Approve is advice), or "executing needs an approval",
 * optionally with four eyes (the approver is someone other than the person who executes). The rule is about what
 * leaves the house, so an internal task, which sends nothing, is never held by it.
 */
import { accepted, refused, type Checked } from './checked';

export interface ApprovalRule {
  executionNeedsApproval: boolean;
  approverMustDiffer: boolean;
}

export interface DraftApproval {
  name: string;
  type: string;
  approvedAt: Date | null;
  approvedById: string | null;
}

export type ApprovalRefusal = 'needs_approval' | 'same_person';

/**
 * Whether this person may execute the draft under the rule; the refusal says which part of the rule holds it
 * back, with the sentence to show. `executorUserId` is null for the operator's command line, never an approver.
 */
export function checkApprovalRule(
  rule: ApprovalRule,
  draft: DraftApproval,
  executorUserId: string | null,
): { ok: true } | { ok: false; refusal: ApprovalRefusal; message: string } {
  if (!rule.executionNeedsApproval || draft.type === 'internal_task') return { ok: true };
  if (draft.approvedAt === null) {
    return {
      ok: false,
      refusal: 'needs_approval',
      message: `executing needs an approval: approve the draft of "${draft.name}" first.`,
    };
  }
  if (rule.approverMustDiffer && executorUserId !== null && draft.approvedById === executorUserId) {
    return {
      ok: false,
      refusal: 'same_person',
      message: `"${draft.name}" must be approved by someone other than you, because you execute it (four eyes); ask a colleague to approve it, or to execute it.`,
    };
  }
  return { ok: true };
}

/** Four eyes refines the approval rule, so it cannot be on while approvals are not needed at all. */
export function checkApprovalSettings(rule: ApprovalRule): Checked<ApprovalRule> {
  if (rule.approverMustDiffer && !rule.executionNeedsApproval) {
    return refused('Four eyes only applies when executing needs an approval: turn that on too, or turn four eyes off.');
  }
  return accepted(rule);
}
