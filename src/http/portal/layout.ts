import { brandPalette } from './brand';
import { html, type SafeHtml } from './html';

export interface LayoutOptions {
  title: string;
  /** Where the router is mounted (req.baseUrl), for the stylesheet link. */
  base: string;
  /** Per-response CSP nonce for the one inline <style> carrying the brand colour. */
  nonce: string;
  /** Unset on pages that must not reveal whose portal a link belonged to. */
  brand?: { name: string; logoUrl: string | null; color: string };
  body: SafeHtml;
  /** What the site is, for pages that are not the customer portal (the AE's handoff form). */
  site?: { label: string; footer: string };
  /** Open Graph tags, only on the page a link preview gets (see link-preview-page.ts): never on a customer's page. */
  unfurl?: { title: string; description: string; siteName: string };
}

function safeLogoUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function unfurlTags(u: NonNullable<LayoutOptions['unfurl']>, logo: string | null): SafeHtml {
  const tags = [
    html`<meta property="og:type" content="website">`,
    html`<meta property="og:title" content="${u.title}">`,
    html`<meta property="og:site_name" content="${u.siteName}">`,
    html`<meta property="og:description" content="${u.description}">`,
    logo ? html`<meta property="og:image" content="${logo}">` : undefined,
    html`<meta name="twitter:card" content="summary">`,
  ];
  return html`${tags.filter((t) => t !== undefined).map((t) => html`${t}\n`)}`;
}

export function layout(o: LayoutOptions): SafeHtml {
  const palette = brandPalette(o.brand?.color);
  const logo = safeLogoUrl(o.brand?.logoUrl ?? null);
  const cssVars = `:root{--brand:${palette.brand};--brand-ink:${palette.brandInk};--on-brand:${palette.onBrand};--brand-tint:${palette.brandTint}}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${o.title}${o.brand ? ` · ${o.brand.name}` : ''}</title>
${o.unfurl ? unfurlTags(o.unfurl, logo) : ''}
<link rel="stylesheet" href="${o.base}/assets/portal.css">
<style nonce="${o.nonce}">${cssVars}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap site-header__inner">
    ${
      o.brand
        ? html`<span class="brand">${logo ? html`<img class="brand__logo" src="${logo}" alt="" height="32">` : html`<span class="brand__mark" aria-hidden="true">${o.brand.name.slice(0, 1)}</span>`}<span class="brand__name">${o.brand.name}</span></span>`
        : html`<span class="brand"><span class="brand__name">${o.site?.label ?? 'Customer portal'}</span></span>`
    }
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${o.body}
</main>
<footer class="site-footer"><div class="wrap">${o.site ? o.site.footer : o.brand ? html`${o.brand.name} onboarding portal. This page is private to you: please do not forward its link.` : 'Customer onboarding portal.'}</div></footer>
</body>
</html>`;
}
