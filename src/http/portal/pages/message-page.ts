import { html, type SafeHtml } from '../html';
import { layout } from '../layout';

interface MessagePageOptions {
  base: string;
  nonce: string;
  title: string;
  lead: string;
  detail?: string;
  brand?: { name: string; logoUrl: string | null; color: string };
  link?: { href: string; label: string };
}

/** A page that only says something: a dead link, a refused request, an error. */
export function messagePage(o: MessagePageOptions): SafeHtml {
  return layout({
    title: o.title,
    base: o.base,
    nonce: o.nonce,
    brand: o.brand,
    body: html`<section class="card card--message" aria-labelledby="message-title">
  <h1 id="message-title">${o.title}</h1>
  <p class="lead">${o.lead}</p>
  ${o.detail ? html`<p>${o.detail}</p>` : ''}
  ${o.link ? html`<p><a class="button" href="${o.link.href}">${o.link.label}</a></p>` : ''}
</section>`,
  });
}

/** The same page for unknown, expired and revoked links, so it reveals nothing about which it was. */
export function linkProblemPage(o: { base: string; nonce: string }): SafeHtml {
  return messagePage({
    ...o,
    title: 'This link is not working',
    lead: 'The link may have expired or been replaced by a newer one.',
    detail: 'Please ask your customer success manager for a new link. They can send you one straight away.',
  });
}

export function tooManyAttemptsPage(o: { base: string; nonce: string; retryAfterSeconds: number }): SafeHtml {
  const minutes = Math.max(1, Math.ceil(o.retryAfterSeconds / 60));
  return messagePage({
    ...o,
    title: 'Too many attempts',
    lead: `Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try your link again.`,
    detail: 'If it still does not work, ask your customer success manager for a new link.',
  });
}
