/**
 * What the handoff contradiction check reads and what it says. The check compares the AE's handoff answers with
 * what the CRM said about the deal and with the account's plan; each finding carries a fix the CSM can accept.
 * Plain data only: the services read it from the database and store what comes out.
 */

/** One answer of the submitted handoff, with its question as the organisation wrote it. */
export interface HandoffAnswerInput {
  /** The question's key; the well-known ones (promised_go_live, arr, seats, …) are found by it first. */
  key: string;
  label: string;
  /** text, long_text, single_choice, multiple_choice, yes_no, date or number (read leniently). */
  kind: string;
  value: string;
}

/** The deal as the CRM described it; every figure may be missing. */
export interface DealFacts {
  amount: number | null;
  currency: string | null;
  seats: number | null;
  /** YYYY-MM-DD. */
  closeDate: string | null;
}

export interface ContactInput {
  name: string;
  email: string;
}

export interface PlanActionInput {
  key: string;
  name: string;
  type: string;
  /** The milestone it belongs to (the plan's own for plan actions, the template's for template actions). */
  milestoneName: string;
}

export interface PlanInput {
  /** YYYY-MM-DD. */
  kickoffDate: string;
  /** The planned go-live, YYYY-MM-DD; null when the plan has none. */
  goLiveDate: string | null;
  /** In plan order; `completed` ones take no new actions. */
  milestones: { name: string; completed: boolean }[];
  actions: PlanActionInput[];
  /** The account's template actions that the plan does not hold: what a missing requirement can be covered with. */
  templateActionsNotInPlan: PlanActionInput[];
}

export interface HandoffCheckInput {
  answers: HandoffAnswerInput[];
  /** Null when the account did not come from the CRM. */
  deal: DealFacts | null;
  /** The account's ARR now, in whole currency units. */
  accountArr: number;
  contacts: ContactInput[];
  plan: PlanInput;
}

export const HANDOFF_RULES = [
  'go_live_too_early',
  'arr_differs',
  'seats_differ',
  'requirement_not_in_plan',
  'stakeholder_not_contact',
  'closed_after_kickoff',
  'kickoff_differs',
] as const;
export type HandoffRule = (typeof HANDOFF_RULES)[number];

export type FindingSeverity = 'warning' | 'info';

/**
 * The fix a finding suggests, as Thread can apply it when the CSM accepts. `talk` is a conversation Thread cannot
 * have for the CSM: accepting it records that the CSM takes it on.
 */
export type FindingSuggestion =
  | { kind: 'add_template_action'; templateActionKey: string; actionName: string; milestoneName: string }
  | { kind: 'add_internal_task'; name: string; instructions: string; milestoneName: string | null }
  | { kind: 'set_arr'; arr: number; currency: string | null; dealAmount: number }
  | { kind: 'add_contact'; name: string; email: string; title: string | null }
  | { kind: 'move_kickoff'; kickoffDate: string }
  | { kind: 'talk'; text: string };

export interface HandoffCheckFinding {
  rule: HandoffRule;
  severity: FindingSeverity;
  /**
   * Names what was compared, values included, so a re-run recognises a finding the CSM already decided, and a
   * changed answer makes a new one.
   */
  fingerprint: string;
  /** One or two plain sentences (not mrkdwn): what contradicts what. */
  message: string;
  suggestion: FindingSuggestion;
}

/**
 * What Claude is asked to look at (when configured): the free-text answers and the facts they could contradict,
 * and what the offline rules already found, so it is not said twice.
 */
export interface ContradictionQuestion {
  accountName: string;
  answers: { question: string; answer: string }[];
  deal: DealFacts | null;
  accountArr: number;
  contacts: ContactInput[];
  plan: { kickoffDate: string; goLiveDate: string | null; actions: { name: string; milestoneName: string }[] };
  alreadyFound: string[];
}

/** A contradiction Claude suggests: what contradicts what, and what the CSM could do about it, in words. */
export interface SuggestedFinding {
  message: string;
  suggestion: string;
}
