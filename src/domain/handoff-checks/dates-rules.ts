import { ANSWERS, findAnswer, readDay } from './read-answers';
import type { HandoffCheckFinding, HandoffCheckInput } from './types';
import { dayInWords } from './words';

/** The kickoff the AE agreed with the customer, when given and readable; else the plan's. */
function kickoffOf(input: HandoffCheckInput): { day: string; agreed: boolean } | null {
  const answer = findAnswer(input.answers, ANSWERS.kickoffDate);
  const agreed = answer ? readDay(answer.value) : null;
  if (agreed) return { day: agreed, agreed: true };
  const planned = readDay(input.plan.kickoffDate);
  return planned ? { day: planned, agreed: false } : null;
}

/**
 * The deal closes after the kickoff: the onboarding would start before the contract is signed, or the CRM's close
 * date is wrong. The fix moves the kickoff (and the plan with it) to the close date.
 */
export function closedAfterKickoff(input: HandoffCheckInput): HandoffCheckFinding[] {
  const close = input.deal?.closeDate ? readDay(input.deal.closeDate) : null;
  if (!close) return [];
  const kickoff = kickoffOf(input);
  if (!kickoff || close <= kickoff.day) return [];
  const which = kickoff.agreed ? 'the kickoff agreed with the customer' : "the plan's kickoff";
  return [
    {
      rule: 'closed_after_kickoff',
      severity: 'warning',
      fingerprint: `closed_after_kickoff:${close}:${kickoff.day}`,
      message: `The deal closes on ${dayInWords(close)} in the CRM, after ${which} on ${dayInWords(kickoff.day)}.`,
      suggestion: { kind: 'move_kickoff', kickoffDate: close },
    },
  ];
}

/**
 * The AE agreed a kickoff with the customer on another day than the plan's. The fix moves the plan's kickoff (and
 * the plan with it) to the agreed day.
 */
export function kickoffDiffers(input: HandoffCheckInput): HandoffCheckFinding[] {
  const kickoff = kickoffOf(input);
  const planned = readDay(input.plan.kickoffDate);
  if (!kickoff?.agreed || !planned || kickoff.day === planned) return [];
  return [
    {
      rule: 'kickoff_differs',
      severity: 'info',
      fingerprint: `kickoff_differs:${kickoff.day}:${planned}`,
      message: `The AE agreed the kickoff with the customer for ${dayInWords(kickoff.day)}; the plan's kickoff is ${dayInWords(planned)}.`,
      suggestion: { kind: 'move_kickoff', kickoffDate: kickoff.day },
    },
  ];
}
