/**
 * Claude's part in the contradiction check (optional, with ANTHROPIC_API_KEY): it reads the handoff's free-text
 * answers against the facts and suggests contradictions the offline rules cannot see. Built in composition from
 * src/connectors/anthropic/anthropic-contradiction-finder.ts; left undefined, only the offline rules run.
 */
import type { ContradictionQuestion, SuggestedFinding } from '../../domain/handoff-checks';

export interface ContradictionFinder {
  /** Who suggested the findings, e.g. "ai:claude-sonnet-4-5"; recorded on the audit trail. */
  readonly label: string;
  /** Throws an AppError (connector_failed) when Claude does not answer or answers in another shape. */
  find(question: ContradictionQuestion): Promise<SuggestedFinding[]>;
}
