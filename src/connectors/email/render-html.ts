/**
 * The simple HTML alternative of a plain-text email: escaped, paragraphs on blank lines, line breaks kept,
 * http(s) links made clickable. Pure, so the escaping is tested without a mail server.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

function linkify(escapedLine: string): string {
  // Runs on escaped text: "&amp;" inside a URL stays escaped in both the href and the label, which is valid HTML.
  return escapedLine.replace(URL_PATTERN, (url) => `<a href="${url}">${url}</a>`);
}

export function renderEmailHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(
      (p) =>
        `<p>${p
          .split('\n')
          .map((line) => linkify(escapeHtml(line)))
          .join('<br>\n')}</p>`,
    );
  return [
    '<!doctype html>',
    '<html><body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2937;">',
    ...paragraphs,
    '</body></html>',
  ].join('\n');
}
