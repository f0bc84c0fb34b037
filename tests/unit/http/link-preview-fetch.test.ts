import { PREVIEW_AGENTS, previewFetch } from '../../../src/http/portal/link-preview-fetch';

const get = (headers: Record<string, string | string[]>) => previewFetch({ method: 'GET', headers });
const agent = (userAgent: string) => get({ 'user-agent': userAgent });

/** Browsers people open links in, as they name themselves; none of them is a preview. */
const PEOPLE: Record<string, string> = {
  'Chrome on Windows':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Safari on an iPhone':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Firefox on Linux': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Edge, where Outlook opens links':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  "Slack's desktop app":
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.41.105 Chrome/130.0.6723.191 Electron/33.2.1 Safari/537.36 Sonic Slack_SSB/4.41.105',
  "Facebook's in-app browser":
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.36.106]',
  "LinkedIn's in-app browser":
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1',
  'a headless Chromium driven by a test or an assistive script':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  'a Cubot phone (a "bot" inside a model name)':
    'Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
};

/** Fetchers as they name themselves, and the sign each one gives. */
const FETCHERS: [string, string, string][] = [
  ['Slack unfurling a link', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'Slackbot'],
  ["Slack's image proxy", 'Slack-ImgProxy (+https://api.slack.com/robots)', 'Slack-ImgProxy'],
  ['Slackbot', 'Slackbot 1.0 (+https://api.slack.com/robots)', 'Slackbot'],
  ['Facebook', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'facebookexternalhit'],
  ['WhatsApp', 'WhatsApp/2.23.20.0 A', 'WhatsApp'],
  ['X', 'Twitterbot/1.0', 'Twitterbot'],
  ['LinkedIn', 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)', 'LinkedInBot'],
  ['Discord', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)', 'Discordbot'],
  ['Telegram', 'TelegramBot (like TwitterBot)', 'TelegramBot'],
  [
    'Microsoft Teams',
    'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
    'SkypeUriPreview',
  ],
  ['Google', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Googlebot'],
  ['Google Docs', 'Google-PageRenderer Google (+https://developers.google.com/+/web/snippet/)', 'Google-PageRenderer'],
  ['Bing', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'bingbot'],
  [
    'Outlook and Teams previews',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b',
    'BingPreview',
  ],
  ['Office checking a link', 'Microsoft Office Existence Discovery', 'Microsoft Office'],
  ['Outlook desktop', 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.12026; Pro)', 'Microsoft Office'],
  ["Office's HTTP client", 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)', 'ms-office'],
  ["Mimecast's URL Protect", 'Mozilla/5.0 Mimecast-URL-Protect/1.0', 'Mimecast'],
  ["Proofpoint's URL Defense", 'Proofpoint-URLDefense/2.0', 'Proofpoint'],
  ["Barracuda's Link Protection", 'Barracuda Sentinel (EE)', 'Barracuda'],
];

describe('previewFetch', () => {
  it.each(Object.entries(PEOPLE))('lets %s through as a person', (_who, userAgent) => {
    expect(agent(userAgent)).toBeUndefined();
  });

  it('lets a request without a User-Agent through: not every client names itself, and a person gets in', () => {
    expect(get({})).toBeUndefined();
  });

  it.each(FETCHERS)('knows %s by its User-Agent', (_who, userAgent, sign) => {
    expect(agent(userAgent)).toEqual({ reason: 'agent', sign });
  });

  it('matches the names whatever their case', () => {
    expect(agent('SLACKBOT-LINKEXPANDING 1.0')).toMatchObject({ reason: 'agent', sign: 'Slackbot' });
  });

  it('knows a crawler it has no name for by the explanation page it links or its Somebot/1.0', () => {
    expect(agent('Mozilla/5.0 (compatible; Newsfetcher; +https://news.example/about)')).toMatchObject({
      reason: 'agent',
    });
    expect(agent('Acmebot/3.2')).toMatchObject({ reason: 'agent' });
    expect(agent('SiteCrawler/1.0')).toMatchObject({ reason: 'agent' });
  });

  it('gives a reason for every agent it lists', () => {
    for (const a of PREVIEW_AGENTS) expect(a.why.length).toBeGreaterThan(10);
  });

  it('takes any HEAD request for a link check, whoever sends it', () => {
    expect(previewFetch({ method: 'HEAD', headers: { 'user-agent': PEOPLE['Chrome on Windows']! } })).toEqual({
      reason: 'head',
      sign: 'HEAD',
    });
  });

  it.each([
    ['Chrome <link rel=prefetch>', 'purpose', 'prefetch', 'Purpose: prefetch'],
    ['speculation rules', 'sec-purpose', 'prefetch', 'Sec-Purpose: prefetch'],
    ['a prerender', 'sec-purpose', 'prefetch;prerender', 'Sec-Purpose: prefetch'],
    ['a prefetch through a private proxy', 'sec-purpose', 'prefetch; anonymous-client-ip', 'Sec-Purpose: prefetch'],
    ['older Firefox', 'x-moz', 'prefetch', 'X-Moz: prefetch'],
    ["Safari's Top Sites", 'x-purpose', 'preview', 'X-Purpose: preview'],
  ])('takes %s for a prefetch', (_what, name, value, sign) => {
    expect(get({ [name]: value, 'user-agent': PEOPLE['Chrome on Windows']! })).toEqual({ reason: 'prefetch', sign });
  });

  it('reads a header given more than once', () => {
    expect(get({ purpose: ['something', 'Prefetch'] })).toEqual({ reason: 'prefetch', sign: 'Purpose: prefetch' });
  });

  it('ignores purposes that are not a prefetch', () => {
    expect(get({ purpose: 'navigate', 'sec-purpose': 'other' })).toBeUndefined();
  });
});
