/**
 * What a link preview gets instead of the page behind a magic link (see link-preview-fetch.ts): whose link it is and
 * what kind, so an unfurl in Slack or a mail client reads "Your onboarding portal · Acme Cloud", and nothing of the
 * customer's (not their company's name, not their plan). A person who lands here (an in-app browser taken for a
 * fetcher) is told how to get in.
 */
import { HANDOFF_SITE } from '../../handoff/pages/handoff-pages';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';

export type PreviewedLink = 'portal' | 'handoff' | 'other';

const KINDS: Record<PreviewedLink, { title: string; lead: (org?: string) => string; detail: string }> = {
  portal: {
    title: 'Your onboarding portal',
    lead: (org) =>
      org ? `A private link to your onboarding plan with ${org}.` : 'A private link to an onboarding plan.',
    detail: 'Open the link in your web browser to see your plan and what is asked of you.',
  },
  handoff: {
    title: 'Sales handoff form',
    lead: (org) => (org ? `A private link to a handoff form from ${org}.` : 'A private link to a handoff form.'),
    detail: 'Open the link in your web browser to fill it in.',
  },
  other: {
    title: 'A private link',
    lead: () => 'This link is private to the person it was sent to.',
    detail: 'Open the link in your web browser.',
  },
};

export function linkPreviewPage(o: {
  base: string;
  nonce: string;
  kind: PreviewedLink;
  /** The organisation behind a live link; unset for a link not looked up, so the page says only what kind it is. */
  organization?: { name: string; logoUrl: string | null; brandColor: string };
}): SafeHtml {
  const kind = KINDS[o.kind];
  const org = o.organization;
  const lead = kind.lead(org?.name);
  return layout({
    title: kind.title,
    base: o.base,
    nonce: o.nonce,
    brand: org ? { name: org.name, logoUrl: org.logoUrl, color: org.brandColor } : undefined,
    site: o.kind === 'handoff' ? HANDOFF_SITE : undefined,
    unfurl: { title: kind.title, description: lead, siteName: org?.name ?? 'Thread' },
    body: html`<section class="card card--message" aria-labelledby="message-title">
  <h1 id="message-title">${kind.title}</h1>
  <p class="lead">${lead}</p>
  <p>${kind.detail}</p>
</section>`,
  });
}
