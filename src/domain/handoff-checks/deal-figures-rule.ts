import { ANSWERS, findAnswer, readAmount } from './read-answers';
import type { HandoffCheckFinding, HandoffCheckInput } from './types';
import { amountInWords } from './words';

/**
 * The ARR the AE gives differs from the deal's amount. Accepting sets the account's ARR to the AE's figure; dismissing
 * keeps the deal's. When the account already holds the AE's figure only the deal is wrong, which is a word with the AE.
 */
export function arrDiffers(input: HandoffCheckInput): HandoffCheckFinding[] {
  const deal = input.deal;
  const answer = findAnswer(input.answers, ANSWERS.arr);
  if (!deal || deal.amount === null || !Number.isFinite(deal.amount) || !answer) return [];
  const given = readAmount(answer.value);
  const dealAmount = Math.round(deal.amount);
  if (given === null || given === dealAmount) return [];
  const money = (n: number) => amountInWords(n, deal.currency);
  return [
    {
      rule: 'arr_differs',
      severity: 'warning',
      fingerprint: `arr_differs:${given}:${dealAmount}`,
      message: `The AE gives the ARR as ${money(given)}; the deal in the CRM says ${money(dealAmount)}.`,
      suggestion:
        input.accountArr === given
          ? {
              kind: 'talk',
              text: `The account already has the AE's ${money(given)}: ask the AE to correct the deal's amount in the CRM.`,
            }
          : { kind: 'set_arr', arr: given, currency: deal.currency, dealAmount },
    },
  ];
}

/** The seats the AE sold differ from the deal's. Thread keeps no seat count, so the fix is a word with the AE. */
export function seatsDiffer(input: HandoffCheckInput): HandoffCheckFinding[] {
  const deal = input.deal;
  const answer = findAnswer(input.answers, ANSWERS.seats);
  if (!deal || deal.seats === null || !Number.isFinite(deal.seats) || !answer) return [];
  const given = readAmount(answer.value);
  const dealSeats = Math.round(deal.seats);
  if (given === null || given === dealSeats) return [];
  return [
    {
      rule: 'seats_differ',
      severity: 'warning',
      fingerprint: `seats_differ:${given}:${dealSeats}`,
      message: `The AE says ${given.toLocaleString('en-US')} seats were sold; the deal in the CRM says ${dealSeats.toLocaleString('en-US')}.`,
      suggestion: {
        kind: 'talk',
        text: 'Confirm the seat count with the AE, have the deal corrected in the CRM, and plan the rollout for the right number of people.',
      },
    },
  ];
}
