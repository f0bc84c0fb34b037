import type { ActionsBlock } from '@slack/types';
import { ACTIONS } from '../ids';
import { button } from './text';

/** Every card about a submission (the answer itself, a reminder, an escalation) carries its buttons under this id; reviewed, the block is replaced. */
export function submissionButtonsBlockId(submissionId: string): string {
  return `portal_submission:${submissionId}`;
}

/** Acknowledge and Follow up; both carry the submission id, and either one stops the review clock. */
export function submissionReviewButtons(submissionId: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: submissionButtonsBlockId(submissionId),
    elements: [
      button('Acknowledge', ACTIONS.submissionAcknowledge, submissionId, 'primary'),
      button('Follow up', ACTIONS.submissionFollowUp, submissionId),
    ],
  };
}
