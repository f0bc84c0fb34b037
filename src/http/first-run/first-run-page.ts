import { html, type SafeHtml } from '../portal/html';
import type { FirstRunStatus } from './first-run-status';

interface Part {
  name: string;
  on: boolean;
  state: string;
  next?: SafeHtml;
}

function parts(s: FirstRunStatus, slackAppLink: string | undefined): Part[] {
  return [
    {
      name: 'Database',
      on: true,
      state:
        s.database === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'Embedded PostgreSQL (PGlite) in THREAD_DATA_DIR',
      next:
        s.database === 'embedded'
          ? html`Right for one machine. For a managed or replicated database, set <code>DATABASE_URL</code>; to run
              several processes on it, also set <code>THREAD_ENCRYPTION_KEY</code>.`
          : undefined,
    },
    {
      name: 'Slack',
      on: s.slack !== 'off',
      state:
        s.slack === 'http'
          ? 'On (HTTP, POST /slack/events)'
          : s.slack === 'socket'
            ? 'On (Socket Mode)'
            : s.slack === 'oauth'
              ? 'On (OAuth installs, POST /slack/events)'
              : 'Off',
      next:
        s.slack === 'oauth'
          ? html`Workspaces install Thread at <a href="/slack/install">${s.publicUrl}/slack/install</a>.`
          : s.slack === 'off'
            ? html`${
                slackAppLink
                  ? html`<a href="${slackAppLink}">Create the Slack app</a> from Thread's manifest (its URLs already point
                    at ${s.publicUrl})`
                  : html`Create a Slack app from <code>manifest.json</code> in Thread's repository, with its URLs changed
                    to ${s.publicUrl}`
              }, install it to your workspace, then set <code>SLACK_BOT_TOKEN</code> and
              <code>SLACK_SIGNING_SECRET</code> and restart.`
            : undefined,
    },
    {
      name: 'Email',
      on: s.email,
      state: s.email ? 'On (SMTP)' : 'Off',
      next: s.email
        ? undefined
        : html`Set <code>SMTP_URL</code> and <code>EMAIL_FROM</code>. Until then email actions and emailed portal
            links cannot be sent, and Thread says so on their cards.`,
    },
    {
      name: 'AI drafting',
      on: s.ai,
      state: s.ai ? 'On (Anthropic)' : 'Off: drafts come from the templates',
      next: s.ai ? undefined : html`Set <code>ANTHROPIC_API_KEY</code> to draft with Claude.`,
    },
    {
      name: 'HubSpot',
      on: s.hubspot.environment,
      state: s.hubspot.environment
        ? `On for the one organisation (HUBSPOT_ACCESS_TOKEN)${s.hubspot.webhooks ? ', webhooks verified' : ', no webhooks'}`
        : 'Off until an admin connects it',
      next: s.hubspot.environment
        ? s.hubspot.webhooks
          ? html`Subscribe the private app's webhooks (deal creation, deal property change on dealstage) to
              ${s.publicUrl}/webhooks/hubspot. Rules and status: Slack, <code>/thread settings</code> → Connectors.`
          : html`Set <code>HUBSPOT_CLIENT_SECRET</code> to take webhooks at ${s.publicUrl}/webhooks/hubspot; until then
              closed deals are found by the sync every 15 minutes.`
        : html`An admin pastes a HubSpot private app token in Slack (<code>/thread settings</code> → Connectors), or
            set <code>HUBSPOT_ACCESS_TOKEN</code> and <code>HUBSPOT_CLIENT_SECRET</code> for a single organisation.`,
    },
  ];
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;max-width:44rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.6rem;border-bottom:1px solid #e5e7eb}
.on{color:#166534}.off{color:#92400e}code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}a{color:#3730a3}`;

export const FIRST_RUN_STYLE = STYLE;

export function firstRunPage(status: FirstRunStatus, slackAppLink: string | undefined): SafeHtml {
  const rows = parts(status, slackAppLink).map(
    (p) => html`<tr>
      <th scope="row">${p.name}</th>
      <td class="${p.on ? 'on' : 'off'}">${p.state}</td>
      <td>${p.next ?? ''}</td>
    </tr>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thread is running</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Thread is running</h1>
<p>What this deployment runs with, and what to set next. Settings live in the environment (see README and
<code>.env.example</code>); restart Thread after changing them.</p>
<table>
<thead><tr><th scope="col">Part</th><th scope="col">Now</th><th scope="col">Next</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</main>
</body>
</html>`;
}
