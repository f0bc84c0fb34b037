/**
 * Stand-in text: words a drafter leaves for a human to replace, which must never reach a
 * customer. All matches are case-insensitive and word-bounded ("xxxl" and "to-do" are fine).
 *
 * A bracketed phrase is a stand-in when it starts with an instruction ([insert date],
 * [Your name]), is a CONSTANT_NAME ([FIRST_NAME]), or is one to four words naming a detail
 * ([Name], [Company], [first name], [Link to portal]). Not stand-ins: Markdown links
 * [text](url) and [text][ref], checkboxes [ ] [x], footnotes [1], [sic], and subject tags
 * such as [Reminder] or [ACTION REQUIRED].
 */

const WORDS: readonly RegExp[] = [
  /\bTODO\b/gi,
  /\bTBD\b/gi,
  /\bFIXME\b/gi,
  /\blorem\s+ipsum\b/gi,
  /\bx{3,}\b/gi,
  // Merge fields from other tools: {first_name}, %FIRST_NAME%, *|FNAME|*
  /(?<!\{)\{\s*[a-z_][\w.]*\s*\}(?!\})/gi,
  /%[A-Z][A-Z_]+%/g,
  /\*\|[A-Z_]+\|\*/g,
];

const BRACKETED = /(?<!\])\[([^[\]\n]{1,60})\](?![([:])/g;
const INSTRUCTION = /^(?:insert|add|enter|your|placeholder|fill in|replace)\b/i;
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const DETAIL_WORDS = new Set([
  'name',
  'names',
  'first',
  'last',
  'surname',
  'company',
  'customer',
  'client',
  'contact',
  'date',
  'day',
  'time',
  'link',
  'url',
  'email',
  'e-mail',
  'phone',
  'number',
  'address',
  'title',
  'role',
  'product',
  'team',
  'org',
  'organisation',
  'organization',
  'account',
  'domain',
  'amount',
  'price',
  'value',
  'details',
  'here',
  'recipient',
  'sender',
  'signature',
  'logo',
  'csm',
  'manager',
  'location',
  'city',
  'deadline',
]);

function isBracketStandIn(inner: string): boolean {
  const content = inner.trim();
  if (INSTRUCTION.test(content) || CONSTANT_NAME.test(content)) return true;
  const words = content.split(/\s+/);
  return words.length <= 4 && words.some((word) => DETAIL_WORDS.has(word.toLowerCase().replace(/[^a-z-]/g, '')));
}

export function findStandIns(text: string): string[] {
  const found: { index: number; excerpt: string }[] = [];
  for (const pattern of WORDS) {
    for (const match of text.matchAll(pattern)) found.push({ index: match.index ?? 0, excerpt: match[0] });
  }
  for (const match of text.matchAll(BRACKETED)) {
    if (isBracketStandIn(match[1] ?? '')) found.push({ index: match.index ?? 0, excerpt: match[0] });
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.excerpt);
}
