/**
 * The customer's home page, kept rendered per magic link between visits. An entry holds what the page was read from
 * (services/portal/get-portal-page.ts PortalPageSource) and its HTML; it is used only while the page version read
 * with the link on every request (services/portal/portal-page-version.ts, derived from the rows in the database)
 * is the version the entry was read at. So any change to what the page shows, made by any process sharing the
 * database, is on the very next request; time, the page's other input, is recomputed on every request
 * (portalPageAt) and re-renders the page when it moves the schedule on.
 *
 * The HTML is kept in two halves around the CSP nonce, so every response still carries a nonce of its own. Its
 * ETag digests the link and the HTML (nonce aside): a repeat visit can be answered 304, and never with another
 * link's page.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PortalPage, PortalPageSource } from '../../services/portal/get-portal-page';

/** A home page rendered once, served many times: `before + nonce + after`. */
export interface RenderedPage {
  before: string;
  after: string;
  /** A weak validator (the same for every Content-Encoding of the page). */
  etag: string;
}

interface Entry {
  source: PortalPageSource;
  /** The page the HTML shows: the source's, or one with the schedule moved on since. */
  page: PortalPage;
  rendered: RenderedPage;
  storedAt: number;
}

/** Rendered into the page in place of a nonce, then cut out. Random per process: page text cannot forge it. */
export const NONCE_SLOT = randomBytes(18).toString('base64url');
const SLOT_ATTRIBUTE = `nonce="${NONCE_SLOT}"`;

/** The page rendered with NONCE_SLOT, in halves around it; undefined if the slot is not there exactly once. */
export function renderedPage(portalAccessId: string, html: string): RenderedPage | undefined {
  const at = html.indexOf(SLOT_ATTRIBUTE);
  if (at < 0 || html.includes(SLOT_ATTRIBUTE, at + 1)) return undefined;
  const before = `${html.slice(0, at)}nonce="`;
  const after = `"${html.slice(at + SLOT_ATTRIBUTE.length)}`;
  const digest = createHash('sha256').update(portalAccessId).update('\0').update(before).update(after).digest();
  return { before, after, etag: `W/"${digest.toString('base64url').slice(0, 32)}"` };
}

export interface HomePageCacheOptions {
  /** Links kept; the least recently viewed go first. 0 keeps nothing. */
  maxEntries: number;
  /**
   * Longest an entry is kept even while its version holds. Versions are transaction ids (32 bits), so a version
   * could only ever come back after billions of transactions: an hour rules that out and bounds memory.
   */
  maxAgeMs?: number;
  /** The clock for entry ages (real time; the services' clock is for what pages say). */
  clock?: () => number;
}

export class HomePageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxAgeMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: HomePageCacheOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
    this.clock = options.clock ?? Date.now;
  }

  /** The entry for this link and mount point, only when it was read at `version`. */
  get(key: string, version: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.source.version !== version || this.clock() - entry.storedAt > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, value: Omit<Entry, 'storedAt'>): void {
    if (this.options.maxEntries <= 0) return;
    const previous = this.entries.get(key);
    // Re-rendered from the same read (time moved the schedule on): the read is as old as it was.
    const storedAt = previous?.source === value.source ? previous.storedAt : this.clock();
    this.entries.delete(key);
    this.entries.set(key, { ...value, storedAt });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
