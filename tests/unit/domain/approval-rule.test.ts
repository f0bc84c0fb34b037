import { checkApprovalRule, checkApprovalSettings } from '../../../src/domain/approval-rule';

const OFF = { executionNeedsApproval: false, approverMustDiffer: false };
const NEEDED = { executionNeedsApproval: true, approverMustDiffer: false };
const FOUR_EYES = { executionNeedsApproval: true, approverMustDiffer: true };
const unapproved = { name: 'Welcome email', type: 'email', approvedAt: null, approvedById: null };
const approvedBy = (userId: string) => ({
  ...unapproved,
  approvedAt: new Date('2026-11-24T10:00:00Z'),
  approvedById: userId,
});

describe('the approval rule', () => {
  it('off (the default), any draft may be executed, approved or not', () => {
    expect(checkApprovalRule(OFF, unapproved, 'csm')).toEqual({ ok: true });
    expect(checkApprovalRule(OFF, approvedBy('csm'), 'csm')).toEqual({ ok: true });
  });

  it('with approvals needed, an unapproved draft is refused with the sentence to approve it first', () => {
    expect(checkApprovalRule(NEEDED, unapproved, 'csm')).toEqual({
      ok: false,
      refusal: 'needs_approval',
      message: 'executing needs an approval: approve the draft of "Welcome email" first.',
    });
    expect(checkApprovalRule(NEEDED, approvedBy('csm'), 'csm')).toEqual({ ok: true });
  });

  it('with four eyes, the approver cannot be the executor, but anyone else may execute', () => {
    const refused = checkApprovalRule(FOUR_EYES, approvedBy('csm'), 'csm');
    expect(refused).toMatchObject({ ok: false, refusal: 'same_person' });
    expect(!refused.ok && refused.message).toContain('must be approved by someone other than you');
    expect(checkApprovalRule(FOUR_EYES, approvedBy('csm'), 'admin')).toEqual({ ok: true });
    expect(checkApprovalRule(FOUR_EYES, unapproved, 'admin')).toMatchObject({ ok: false, refusal: 'needs_approval' });
  });

  it('never holds back an internal task, which sends nothing', () => {
    expect(checkApprovalRule(FOUR_EYES, { ...unapproved, type: 'internal_task' }, 'csm')).toEqual({ ok: true });
  });
});

describe('the approval settings together', () => {
  it('four eyes needs approvals on', () => {
    expect(checkApprovalSettings(FOUR_EYES).ok).toBe(true);
    expect(checkApprovalSettings(NEEDED).ok).toBe(true);
    expect(checkApprovalSettings(OFF).ok).toBe(true);
    expect(checkApprovalSettings({ executionNeedsApproval: false, approverMustDiffer: true })).toEqual({
      ok: false,
      message: 'Four eyes only applies when executing needs an approval: turn that on too, or turn four eyes off.',
    });
  });
});
