import { checkApprovalRule, type DraftApproval } from '../../domain/approval-rule';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';

/**
 * Refuses, before anything is claimed, to execute a draft the organisation's approval rule holds back: unapproved
 * while executing needs an approval, or approved by the executor themselves under four eyes. The claim is
 * conditional on the draft that was read (updatedAt), so an approval withdrawn meanwhile (an edit) loses the claim.
 */
export async function assertApprovalRule(
  ctx: ServiceContext,
  o: { organizationId: string; draft: DraftApproval; executorUserId: string | null },
): Promise<void> {
  const rule = await ctx.prisma.organization.findUnique({
    where: { id: o.organizationId },
    select: { executionNeedsApproval: true, approverMustDiffer: true },
  });
  if (!rule) throw new AppError('not_found', 'that organisation does not exist in Thread.');
  const checked = checkApprovalRule(rule, o.draft, o.executorUserId);
  if (checked.ok) return;
  throw new AppError(checked.refusal === 'same_person' ? 'forbidden' : 'illegal_transition', checked.message, {
    details: { approvalRule: checked.refusal },
  });
}
