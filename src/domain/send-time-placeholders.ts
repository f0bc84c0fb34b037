/**
 * `{{portal_link}}` is filled when the message is sent, not when it is drafted: a magic link is a credential,
 * so it is minted for the recipient at send time and never stored in a draft. Until then the draft keeps the
 * placeholder, and the review lint must not call it unfilled when the link can be minted.
 */
import type { LintFinding } from './review-lint';

export const SEND_TIME_PLACEHOLDER_NAMES = ['portal_link'] as const;

const PORTAL_LINK = /\{\{\s*portal_link\s*\}\}/g;

export function mentionsPortalLink(text: string): boolean {
  return new RegExp(PORTAL_LINK.source).test(text);
}

export function fillPortalLink(text: string, url: string): string {
  // A function replacement, so "$&" or "$1" in a URL is inserted literally.
  return text.replace(PORTAL_LINK, () => url);
}

/** Drops the unfilled-placeholder findings for placeholders that will be filled at send time. */
export function withoutSendTimeFindings(findings: readonly LintFinding[]): LintFinding[] {
  return findings.filter(
    (f) =>
      !(
        f.code === 'unfilled_placeholder' &&
        f.excerpt !== undefined &&
        new RegExp(`^${PORTAL_LINK.source}$`).test(f.excerpt)
      ),
  );
}
