/** Parses `/thread` text: the subcommand, the rest, and `key:value` / `key:"two words"` filters. Pure. */
export interface ParsedCommand {
  sub: string;
  rest: string;
}

export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space === -1) return { sub: trimmed.toLowerCase(), rest: '' };
  return { sub: trimmed.slice(0, space).toLowerCase(), rest: trimmed.slice(space).trim() };
}

export interface AccountsFilters {
  status?: string;
  milestone?: string;
  csm?: string;
  sort?: string;
  limit?: number;
}

const KNOWN = ['status', 'milestone', 'csm', 'sort', 'limit'] as const;

/** `status:at_risk milestone:"Technical setup" csm:@me sort:arr limit:10`; unknown keys and stray words are errors. */
export function parseAccountsFilters(text: string): { filters: AccountsFilters; problems: string[] } {
  const filters: AccountsFilters = {};
  const problems: string[] = [];
  const pattern = /(\w+):(?:"([^"]*)"|“([^”]*)”|(\S+))|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[5] !== undefined) {
      problems.push(`"${m[5]}" is not a filter (expected key:value, e.g. status:at_risk)`);
      continue;
    }
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (!(KNOWN as readonly string[]).includes(key)) {
      problems.push(`unknown filter "${key}" (use ${KNOWN.join(', ')})`);
      continue;
    }
    if (key === 'limit') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 200) problems.push('limit: expected a whole number from 1 to 200');
      else filters.limit = n;
    } else {
      filters[key as 'status' | 'milestone' | 'csm' | 'sort'] = value;
    }
  }
  return { filters, problems };
}

/** A Slack user mention as the command text carries it: `<@U123|name>` or `<@U123>`. */
export function mentionedUserId(value: string): string | null {
  return /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value)?.[1] ?? null;
}
