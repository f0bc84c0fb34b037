/**
 * The review lint run on every draft before it reaches the CSM's review card. Error findings
 * block execution unless the CSM overrides them; warnings are shown and do not block. The
 * codes are stored with the action, so they must not be renamed.
 */
import { z } from 'zod';
import { exampleHosts, malformedLinks } from './lint-links';
import { findStandIns } from './lint-stand-ins';
import { CUSTOMER_FACING_TYPES, type ActionType } from './template';

export const LINT_CODES = [
  'unfilled_placeholder',
  'stand_in_text',
  'empty_subject',
  'malformed_link',
  'example_domain_link',
  'missing_company_name',
] as const;
export type LintCode = (typeof LINT_CODES)[number];
export const LINT_SEVERITIES = ['error', 'warning'] as const;
export type LintSeverity = (typeof LINT_SEVERITIES)[number];

export const LINT_SEVERITY: Readonly<Record<LintCode, LintSeverity>> = {
  unfilled_placeholder: 'error',
  stand_in_text: 'error',
  empty_subject: 'error',
  malformed_link: 'warning',
  example_domain_link: 'warning',
  missing_company_name: 'warning',
};

/** One finding as stored with the action (Action.lintFindings) and read back: the type is this schema's. */
export const lintFindingSchema = z.object({
  code: z.enum(LINT_CODES),
  severity: z.enum(LINT_SEVERITIES),
  message: z.string(),
  excerpt: z.string().optional(),
});
export type LintFinding = z.infer<typeof lintFindingSchema>;

export interface DraftToLint {
  type: ActionType;
  subject: string;
  body: string;
  companyName: string;
}

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const LEGAL_SUFFIX =
  /[\s,]+(?:inc\.?|llc|ltd\.?|limited|gmbh|corp\.?|corporation|co\.?|plc|ag|s\.a\.?|b\.v\.?|bv|pty\.? ltd\.?|srl|sas)$/i;

export function lintDraft(draft: DraftToLint): LintFinding[] {
  const text = `${draft.subject}\n${draft.body}`;
  const findings: LintFinding[] = [];
  const add = (code: LintCode, message: string, excerpt?: string): void => {
    if (findings.some((f) => f.code === code && f.excerpt === excerpt)) return;
    findings.push({ code, severity: LINT_SEVERITY[code], message, ...(excerpt === undefined ? {} : { excerpt }) });
  };

  for (const match of text.matchAll(PLACEHOLDER)) {
    add('unfilled_placeholder', `The placeholder ${match[0]} has no value; fill it in or remove it.`, match[0]);
  }
  for (const excerpt of findStandIns(text)) {
    add('stand_in_text', `"${excerpt}" looks like stand-in text; replace it before sending.`, excerpt);
  }
  if (draft.type === 'email' && draft.subject.trim() === '') {
    add('empty_subject', 'The email has no subject.');
  }
  for (const issue of malformedLinks(text)) {
    add('malformed_link', `The link ${issue.excerpt} looks broken: ${issue.reason}.`, issue.excerpt);
  }
  for (const host of exampleHosts(text)) {
    add('example_domain_link', `${host} is an example or local address, not a real link for the customer.`, host);
  }
  if (CUSTOMER_FACING_TYPES.includes(draft.type) && !mentionsCompany(text, draft.companyName)) {
    add(
      'missing_company_name',
      `The draft never mentions ${draft.companyName.trim()}; customers notice generic messages.`,
    );
  }
  return findings;
}

export function blockingFindings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** "Acme Corp, Inc." is mentioned by "Acme Corp" too: drafts rarely repeat the legal suffix. */
function mentionsCompany(text: string, companyName: string): boolean {
  const normalise = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const full = normalise(companyName);
  if (full === '') return true;
  const haystack = normalise(text);
  const short = full.replace(LEGAL_SUFFIX, '').trim();
  return haystack.includes(full) || (short !== '' && haystack.includes(short));
}
