/**
 * Tells a person opening a link from a machine looking at it. Chat apps unfurl every link posted, mail gateways
 * fetch every link in a message before (and after) it is delivered, and browsers prefetch links a page hints at.
 * None of these is the customer or the AE opening their link, so the portal and the handoff form answer them without
 * spending the secret in the path: no visit counted, no cookie set, no failure counted against the address.
 *
 * Pure: it reads the method and the headers it is given, and nothing else. A scanner that dresses as an ordinary
 * browser cannot be told apart here; that is why links stay reusable until they expire, so a person still gets in
 * after such a scan, and only its visit is counted once more than it should be.
 */

export type PreviewFetchReason = 'head' | 'prefetch' | 'agent';

export interface PreviewFetch {
  reason: PreviewFetchReason;
  /** What gave it away (the header, or the agent's name), for the log. */
  sign: string;
}

export interface FetchFacts {
  method: string;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/**
 * Names in the User-Agent of the fetchers met in practice, matched case-insensitively anywhere in the header. Each
 * is specific enough not to appear in a person's browser (an in-app browser names its app differently: Facebook's is
 * FBAN/FBAV, LinkedIn's LinkedInApp, X's "Twitter for iPhone", Slack's desktop app "Slack/4.x").
 * HeadlessChrome is deliberately absent: the sandboxes that render links that way mostly pass for a desktop browser
 * anyway, and browser automation that stands in for a person (Thread's own portal tests among it) says HeadlessChrome.
 */
export const PREVIEW_AGENTS: readonly { name: string; why: string }[] = [
  { name: 'Slackbot', why: "Slack's unfurler (Slackbot-LinkExpanding) and its other fetches (Slackbot 1.0)" },
  { name: 'Slack-ImgProxy', why: "Slack's image proxy, which fetches what an unfurl points at" },
  { name: 'facebookexternalhit', why: "Facebook's and Messenger's link previews" },
  { name: 'Facebot', why: "Facebook's other preview crawler" },
  { name: 'WhatsApp', why: "WhatsApp's link preview (the app opens links in the phone's browser)" },
  { name: 'LinkedInBot', why: "LinkedIn's link previews, posts and messages" },
  { name: 'Discordbot', why: "Discord's embeds" },
  { name: 'TelegramBot', why: "Telegram's link previews (it says it is like TwitterBot, so it is named first)" },
  { name: 'Twitterbot', why: 'X (Twitter) cards' },
  { name: 'SkypeUriPreview', why: "Microsoft Teams' and Skype's link previews" },
  { name: 'Googlebot', why: "Google's crawler, and the fetcher behind Gmail's and Google Chat's previews" },
  { name: 'Google-PageRenderer', why: "Google Docs' and Chat's link previews" },
  { name: 'bingbot', why: "Bing's crawler, which Microsoft's mail and chat products also send" },
  { name: 'BingPreview', why: 'the previews in Outlook, Teams and Bing' },
  {
    name: 'Microsoft Office',
    why: 'Office and Outlook checking a link before opening it (Existence/Protocol Discovery) and Outlook link previews',
  },
  { name: 'ms-office', why: "Office's own HTTP client, as Word, Excel and Outlook name it" },
  { name: 'MSOffice', why: 'older Office versions' },
  { name: 'Microsoft Outlook', why: "Outlook's own fetches (previews, Safe Links checks on the desktop)" },
  { name: 'Mimecast', why: "Mimecast's URL Protect, rewriting and scanning links in mail" },
  { name: 'Proofpoint', why: "Proofpoint's URL Defense, scanning links in mail" },
  { name: 'urldefense', why: 'Proofpoint URL Defense under its product name' },
  { name: 'Barracuda', why: "Barracuda's Link Protection, scanning links in mail" },
  { name: 'Iframely', why: 'an embed service behind previews in Notion, Medium and others' },
  { name: 'embedly', why: 'an embed service behind previews in many apps' },
];

/**
 * Shapes every polite crawler uses and no person's browser does: a "+http(s)://" page explaining the agent, or a
 * name ending in "bot", "crawler" or "spider" followed by a version (Somebot/2.1).
 */
const GENERIC_AGENT_PATTERNS: readonly RegExp[] = [/\+https?:\/\//i, /[a-z](?:bot|crawler|spider)\/\d/i];

function header(facts: FetchFacts, name: string): string {
  const value = facts.headers[name.toLowerCase()];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.join(', ');
}

/** Each of the comma-separated tokens of a header, lower-cased (Sec-Purpose may say "prefetch;prerender"). */
function tokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

const lowerAgents = PREVIEW_AGENTS.map((a) => ({ ...a, lower: a.name.toLowerCase() }));

/** Why this request is a preview rather than a person, or undefined for a person (or anything not recognised). */
export function previewFetch(facts: FetchFacts): PreviewFetch | undefined {
  // A browser never navigates with HEAD; link checkers (Outlook, Slack, gateways) ask for the headers only.
  if (facts.method.toUpperCase() === 'HEAD') return { reason: 'head', sign: 'HEAD' };
  // Chrome's <link rel=prefetch> sends Purpose; speculation rules and Firefox send Sec-Purpose (Firefox before 115,
  // X-Moz); Safari's Top Sites thumbnails X-Purpose: preview. The person has not clicked yet.
  for (const name of ['Sec-Purpose', 'Purpose', 'X-Purpose', 'X-Moz']) {
    const found = tokens(header(facts, name)).find((t) => t === 'prefetch' || t === 'prerender' || t === 'preview');
    if (found) return { reason: 'prefetch', sign: `${name}: ${found}` };
  }
  const agent = header(facts, 'User-Agent');
  if (!agent) return undefined;
  const lower = agent.toLowerCase();
  const named = lowerAgents.find((a) => lower.includes(a.lower));
  if (named) return { reason: 'agent', sign: named.name };
  const generic = GENERIC_AGENT_PATTERNS.find((p) => p.test(agent));
  if (generic) return { reason: 'agent', sign: agent.slice(0, 120) };
  return undefined;
}
