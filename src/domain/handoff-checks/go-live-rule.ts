import { ANSWERS, findAnswer, readDay } from './read-answers';
import type { HandoffCheckFinding, HandoffCheckInput } from './types';
import { dayInWords, daysBetween, gapInWords } from './words';

/**
 * The AE promised a go-live earlier than the plan reaches it. Thread cannot make the plan shorter by itself, so the
 * fix is the conversation: tell the customer the planned date (or agree on what to drop with them).
 */
export function goLiveTooEarly(input: HandoffCheckInput): HandoffCheckFinding[] {
  const answer = findAnswer(input.answers, ANSWERS.promisedGoLive);
  const planned = input.plan.goLiveDate ? readDay(input.plan.goLiveDate) : null;
  if (!answer || !planned) return [];
  const promised = readDay(answer.value);
  if (!promised || promised >= planned) return [];
  const late = daysBetween(promised, planned);
  return [
    {
      rule: 'go_live_too_early',
      severity: 'warning',
      fingerprint: `go_live_too_early:${promised}:${planned}`,
      message: `The AE promised go-live on ${dayInWords(promised)}; the plan reaches go-live on ${dayInWords(planned)}, ${gapInWords(late)} later.`,
      suggestion: {
        kind: 'talk',
        text: `Tell the customer the plan reaches go-live on ${dayInWords(planned)}, or agree with them what to leave out to get closer to ${dayInWords(promised)}.`,
      },
    },
  ];
}
