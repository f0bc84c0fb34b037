/**
 * The handoff contradiction check: every rule over the AE's answers, the CRM's deal and the plan. Pure: the same
 * input gives the same findings, nothing is read or written, and no input makes a rule throw (a value a rule cannot
 * read is one it says nothing about).
 */
import { closedAfterKickoff, kickoffDiffers } from './dates-rules';
import { arrDiffers, seatsDiffer } from './deal-figures-rule';
import { goLiveTooEarly } from './go-live-rule';
import { requirementsNotInPlan } from './requirements-rule';
import { stakeholdersNotContacts } from './stakeholders-rule';
import type { HandoffCheckFinding, HandoffCheckInput } from './types';

export * from './types';

const RULES: readonly ((input: HandoffCheckInput) => HandoffCheckFinding[])[] = [
  goLiveTooEarly,
  closedAfterKickoff,
  kickoffDiffers,
  arrDiffers,
  seatsDiffer,
  requirementsNotInPlan,
  stakeholdersNotContacts,
];

export function findHandoffContradictions(input: HandoffCheckInput): HandoffCheckFinding[] {
  return RULES.flatMap((rule) => rule(input));
}
