/**
 * Link checks for the review lint.
 *
 * Malformed: an http(s) URL without exactly "//" after the scheme (`http:/x`, `https:///x`),
 * one the WHATWG URL parser rejects, a host without a dot that is not localhost or an IP
 * (`https://portal`), a missing colon (`https//x`), a misspelt scheme (`htps://`), or an empty
 * Markdown target (`[text]()`). URLs are read up to whitespace and the delimiters of Markdown
 * `[text](url)` and Slack `<url|text>` links; trailing sentence punctuation is not part of them.
 * A bare `www.host` without a scheme is accepted (mail clients and Slack link it).
 *
 * Example domains: RFC 2606/6761 names (example.com/.org/.net and any `example` label,
 * .example, .test, .invalid, .localhost), localhost and loopback addresses, and
 * "yourcompany.com"-style stand-ins, whether in a URL, a bare domain or an email address.
 */

export interface LinkIssue {
  excerpt: string;
  reason: string;
}

const HTTP_CANDIDATE = /\bhttps?:[^\s<>|"'`[\]{}]*/gi;
const MISSING_COLON = /\bhttps?\/\/[^\s<>|"'`[\]{}]*/gi;
const MISSPELT_SCHEME = /\b(?:htp|htps|htttp|htttps|hhtp|hhtps|httpp|httpps|ttp|ttps):\/\/[^\s<>|"'`[\]{}]*/gi;
const EMPTY_MARKDOWN_TARGET = /\[[^\]\n]+\]\(\s*\)/g;
const BARE_HOST = /(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?![\w-])/gi;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/i;
const STAND_IN_LABEL =
  /^(?:your[-_]?(?:company|domain|site|website|org|organi[sz]ation|team|workspace|app|product)|companyname|company-name)$/i;
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);

function trimTrailing(url: string): string {
  let out = url.replace(/[.,;:!?*_~]+$/, '');
  // A ")" closes a Markdown link or a sentence unless the URL itself opened one.
  while (out.endsWith(')') && count(out, '(') < count(out, ')')) {
    out = out.slice(0, -1).replace(/[.,;:!?*_~]+$/, '');
  }
  return out;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** http(s) URLs in the text; one directly followed by a `{{placeholder}}` is left to that check. */
export function findHttpUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of text.matchAll(HTTP_CANDIDATE)) {
    const next = text.charAt((match.index ?? 0) + match[0].length);
    if (next === '{') continue;
    urls.push(trimTrailing(match[0]));
  }
  return urls;
}

function hostProblem(url: URL): string | null {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return 'it has no host';
  if (host === 'localhost' || IPV4.test(host) || host.startsWith('[')) return null;
  const labels = host.split('.');
  if (labels.length < 2) return `"${host}" is not a full domain name`;
  if (!labels.every((label) => LABEL.test(label))) return `"${host}" is not a valid domain name`;
  if (!TLD.test(labels[labels.length - 1] ?? '')) return `"${host}" does not end in a valid top-level domain`;
  return null;
}

export function malformedLinks(text: string): LinkIssue[] {
  const issues: LinkIssue[] = [];
  for (const raw of findHttpUrls(text)) {
    if (!/^https?:\/\/[^/]/i.test(raw)) {
      issues.push({ excerpt: raw, reason: 'the scheme must be followed by exactly "//" and a host' });
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      issues.push({ excerpt: raw, reason: 'it is not a valid URL' });
      continue;
    }
    const problem = hostProblem(url);
    if (problem) issues.push({ excerpt: raw, reason: problem });
  }
  for (const match of text.matchAll(MISSING_COLON)) {
    issues.push({ excerpt: trimTrailing(match[0]), reason: 'the scheme is missing its ":"' });
  }
  for (const match of text.matchAll(MISSPELT_SCHEME)) {
    issues.push({ excerpt: trimTrailing(match[0]), reason: 'the scheme is misspelt (expected http or https)' });
  }
  for (const match of text.matchAll(EMPTY_MARKDOWN_TARGET)) {
    issues.push({ excerpt: match[0], reason: 'the link has no target' });
  }
  return issues;
}

export function isExampleHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0.0.0.0') return true;
  if (IPV4.test(host)) return host.startsWith('127.');
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (RESERVED_TLDS.has(tld)) return true;
  return labels.slice(0, -1).some((label) => label === 'example' || STAND_IN_LABEL.test(label));
}

/** Hosts that point at example or local addresses, each reported once. */
export function exampleHosts(text: string): string[] {
  const hosts = new Set<string>();
  for (const raw of findHttpUrls(text)) {
    try {
      const host = new URL(raw).hostname;
      if (isExampleHost(host)) hosts.add(host.toLowerCase());
    } catch {
      // Malformed URLs are reported by malformedLinks.
    }
  }
  for (const match of text.matchAll(BARE_HOST)) {
    if (isExampleHost(match[0])) hosts.add(match[0].toLowerCase());
  }
  return [...hosts];
}
