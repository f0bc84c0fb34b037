/**
 * A contradiction finding as every surface shows it (the handoff card's findings, the Accept / Dismiss replies):
 * what contradicts what, the fix it suggests, and, once decided, who decided what and what accepting did.
 */
import { z } from 'zod';
import type { FindingSeverity, FindingSuggestion } from '../../domain/handoff-checks';
import { readStoredJson } from '../json/stored-json';

export interface HandoffFindingView {
  id: string;
  accountId: string;
  /** The rule that found it, or "claude". */
  rule: string;
  /** "ai": suggested by Claude from the free-text answers, and shown as such. */
  source: 'rules' | 'ai';
  severity: FindingSeverity;
  message: string;
  suggestion: FindingSuggestion;
  status: 'open' | 'accepted' | 'dismissed';
  /** Who accepted or dismissed it; null while open, or when the command line decided. */
  decidedBy: { name: string; slackUserId: string | null } | null;
  decidedAt: Date | null;
  /** What accepting did, in words ("added Configure single sign-on to Technical Setup"). */
  outcome: string | null;
  createdAt: Date;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** HandoffFinding.suggestion as stored; the domain's FindingSuggestion. */
export const findingSuggestionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('add_template_action'),
    templateActionKey: z.string().min(1),
    actionName: z.string(),
    milestoneName: z.string(),
  }),
  z.object({
    kind: z.literal('add_internal_task'),
    name: z.string().min(1),
    instructions: z.string(),
    milestoneName: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('set_arr'),
    arr: z.number().int(),
    currency: z.string().nullable(),
    dealAmount: z.number(),
  }),
  z.object({
    kind: z.literal('add_contact'),
    name: z.string().min(1),
    email: z.string().min(1),
    title: z.string().nullable(),
  }),
  z.object({ kind: z.literal('move_kickoff'), kickoffDate: day }),
  z.object({ kind: z.literal('talk'), text: z.string().min(1) }),
]) satisfies z.ZodType<FindingSuggestion>;

export const HANDOFF_FINDING_SELECT = {
  id: true,
  accountId: true,
  rule: true,
  source: true,
  severity: true,
  message: true,
  suggestion: true,
  status: true,
  decidedAt: true,
  outcome: true,
  createdAt: true,
  decidedBy: { select: { name: true, slackUserId: true } },
} as const;

interface FindingRow {
  id: string;
  accountId: string;
  rule: string;
  source: 'rules' | 'ai';
  severity: string;
  message: string;
  suggestion: unknown;
  status: 'open' | 'accepted' | 'dismissed';
  decidedAt: Date | null;
  outcome: string | null;
  createdAt: Date;
  decidedBy: { name: string; slackUserId: string | null } | null;
}

export function readFindingSuggestion(value: unknown, findingId: string): FindingSuggestion {
  return readStoredJson(findingSuggestionSchema, value, {
    column: 'HandoffFinding.suggestion',
    row: `finding ${findingId}`,
  });
}

export function toHandoffFindingView(row: FindingRow): HandoffFindingView {
  return {
    id: row.id,
    accountId: row.accountId,
    rule: row.rule,
    source: row.source,
    severity: row.severity === 'info' ? 'info' : 'warning',
    message: row.message,
    suggestion: readFindingSuggestion(row.suggestion, row.id),
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    outcome: row.outcome,
    createdAt: row.createdAt,
  };
}

const STATUS_ORDER = { open: 0, accepted: 1, dismissed: 1 } as const;

/** Open ones first (warnings before information), then decided ones in the order they were decided. */
export function inShowingOrder(findings: HandoffFindingView[]): HandoffFindingView[] {
  return [...findings].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.status === 'open'
        ? (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1) ||
          a.createdAt.getTime() - b.createdAt.getTime()
        : (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0)) ||
      a.id.localeCompare(b.id),
  );
}
