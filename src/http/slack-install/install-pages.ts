/**
 * The pages a person sees around a Slack install: the Add to Slack page at GET /slack/install, and what
 * GET /slack/oauth_redirect answers once Slack sends them back (installed, or why not). No data of any
 * organisation beyond the name of the workspace the visitor just installed into.
 */
import { html, type SafeHtml } from '../portal/html';

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}
a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}</style>
</head><body>${body}</body></html>`.toString();
}

/** GET /slack/install: one button to Slack's authorize page, with the state Bolt set in a cookie alongside. */
export function renderInstallPage(authorizeUrl: string): string {
  return page(
    'Add Thread to Slack',
    html`<h1>Add Thread to Slack</h1>
<p>Thread runs customer onboarding from Slack. Installing it lets it post review cards, answer <code>/thread</code> and
read the profiles of your workspace’s members. The person who installs it becomes its admin.</p>
<p><a class="button" href="${authorizeUrl}">Add to Slack</a></p>`,
  );
}

export function renderInstalledPage(o: { workspaceName: string; slackUrl: string; restored: boolean }): string {
  return page(
    'Thread is installed',
    html`<h1>${o.restored ? 'Thread is back' : 'Thread is installed'} in ${o.workspaceName}</h1>
<p>${o.restored ? 'Everything Thread knew was kept and is there again.' : 'Look for a message from Thread in Slack: it lists the first steps.'}</p>
<p><a class="button" href="${o.slackUrl}">Open Slack</a></p>`,
  );
}

/** The install did not happen: a link that expired or was not started here, a cancel, or Slack refusing the code. */
export function renderInstallFailedPage(reason: 'state' | 'cancelled' | 'failed'): string {
  const why =
    reason === 'state'
      ? 'This install link has expired or was not started from this browser.'
      : reason === 'cancelled'
        ? 'The install was cancelled in Slack.'
        : 'Slack did not complete the install.';
  return page(
    'Thread was not installed',
    html`<h1>Thread was not installed</h1><p>${why} Nothing was changed.</p>
<p><a class="button" href="/slack/install">Start again</a></p>`,
  );
}
