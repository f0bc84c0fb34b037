/**
 * How people's browsers and the machines that fetch links ask for a page, for the tests of magic links (portal,
 * handoff) against link previews. The detection itself is unit-tested in tests/unit/http/link-preview-fetch.test.ts.
 */

/** A person's browser. */
export const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** Slack unfurling a link posted in a channel. */
export const SLACK_UNFURL = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';

/** Each kind of machine that fetches a link nobody has clicked yet: how it asks, and what it should get. */
export const PREVIEW_FETCHERS: {
  who: string;
  method: 'get' | 'head';
  headers: Record<string, string>;
  status: number;
}[] = [
  { who: 'Slack unfurling', method: 'get', headers: { 'User-Agent': SLACK_UNFURL }, status: 200 },
  {
    who: "Slack's image proxy",
    method: 'get',
    headers: { 'User-Agent': 'Slack-ImgProxy (+https://api.slack.com/robots)' },
    status: 200,
  },
  {
    who: 'Facebook',
    method: 'get',
    headers: { 'User-Agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
    status: 200,
  },
  { who: 'X', method: 'get', headers: { 'User-Agent': 'Twitterbot/1.0' }, status: 200 },
  {
    who: 'LinkedIn',
    method: 'get',
    headers: { 'User-Agent': 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)' },
    status: 200,
  },
  {
    who: 'Google',
    method: 'get',
    headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    status: 200,
  },
  {
    who: 'Bing',
    method: 'get',
    headers: { 'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' },
    status: 200,
  },
  {
    who: 'Outlook',
    method: 'get',
    headers: { 'User-Agent': 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.12026; Pro)' },
    status: 200,
  },
  { who: 'Mimecast', method: 'get', headers: { 'User-Agent': 'Mozilla/5.0 Mimecast-URL-Protect/1.0' }, status: 200 },
  { who: 'Proofpoint', method: 'get', headers: { 'User-Agent': 'Proofpoint-URLDefense/2.0' }, status: 200 },
  { who: 'Barracuda', method: 'get', headers: { 'User-Agent': 'Barracuda Sentinel (EE)' }, status: 200 },
  { who: 'a link check (HEAD)', method: 'head', headers: { 'User-Agent': CHROME }, status: 200 },
  { who: "Chrome's prefetch", method: 'get', headers: { 'User-Agent': CHROME, Purpose: 'prefetch' }, status: 503 },
  {
    who: 'a prerender',
    method: 'get',
    headers: { 'User-Agent': CHROME, 'Sec-Purpose': 'prefetch;prerender' },
    status: 503,
  },
];
