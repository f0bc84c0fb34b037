/**
 * A real headless Chromium for end-to-end tests, driven by playwright-core (which bundles no browser). The browser
 * is found in this order: CHROMIUM_PATH; a `chromium` or `google-chrome` on PATH; the `@sparticuz/chromium`
 * devDependency, whose binary ships inside the npm package, so `npm install` alone is enough. With none of them
 * the suite fails with one line saying how to get a browser: it is never skipped. Nothing reaches the internet:
 * the browser's background networking is off and tests only open 127.0.0.1.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import type PackagedChromium from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface FoundChromium {
  executablePath: string;
  /** Where it came from, for the failure line and for people reading test logs. */
  source: 'CHROMIUM_PATH' | 'PATH' | '@sparticuz/chromium';
  args: string[];
}

/** What the lookup reads from the machine; tests hand in their own. */
export interface ChromiumLookup {
  chromiumPath?: string;
  pathEnv?: string;
  isExecutable(file: string): boolean;
  /** The npm package's browser, unpacked; undefined when the package is not installed. */
  sparticuz(): Promise<{ executablePath: string; args: string[] } | undefined>;
}

export const SYSTEM_BROWSER_NAMES = ['chromium', 'google-chrome'];

const HOW_TO_GET_ONE =
  'run `npm install` (it brings @sparticuz/chromium), install chromium or google-chrome on PATH, or set CHROMIUM_PATH to a Chromium binary';

const BASE_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * @sparticuz/chromium's flags are for one page per Lambda. `--single-process` ends the browser when a test closes
 * its context, and the web-security switches would let a page do what a customer's browser refuses.
 */
const PACKAGED_ARGS_LEFT_OUT = [
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
];

/** The browser tests cannot run: the message is the one line a person reads. */
export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
    // Jest prints the stack under a failed test; this failure is about the machine, so the line is all there is.
    this.stack = `${this.name}: ${message}`;
  }
}

export async function findChromium(lookup: ChromiumLookup = machineLookup()): Promise<FoundChromium> {
  if (lookup.chromiumPath) {
    // Set on purpose: a wrong value is a mistake to report, not a reason to quietly use another browser.
    if (!lookup.isExecutable(lookup.chromiumPath))
      throw new NoBrowserError(`CHROMIUM_PATH=${lookup.chromiumPath} is not an executable file: fix it or unset it`);
    return { executablePath: lookup.chromiumPath, source: 'CHROMIUM_PATH', args: BASE_ARGS };
  }
  for (const dir of (lookup.pathEnv ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of SYSTEM_BROWSER_NAMES) {
      const file = path.join(dir, name);
      if (lookup.isExecutable(file)) return { executablePath: file, source: 'PATH', args: BASE_ARGS };
    }
  }
  let packaged: { executablePath: string; args: string[] } | undefined;
  try {
    packaged = await lookup.sparticuz();
  } catch (error) {
    throw new NoBrowserError(
      `@sparticuz/chromium could not unpack its browser (${error instanceof Error ? error.message : String(error)}): ${HOW_TO_GET_ONE}`,
    );
  }
  if (packaged) return { ...packaged, source: '@sparticuz/chromium' };
  throw new NoBrowserError(`No Chromium for the browser tests: ${HOW_TO_GET_ONE}`);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function machineLookup(): ChromiumLookup {
  return {
    chromiumPath: process.env.CHROMIUM_PATH || undefined,
    pathEnv: process.env.PATH,
    isExecutable,
    sparticuz: async () => {
      let packaged: typeof PackagedChromium;
      try {
        packaged = (await import('@sparticuz/chromium')).default;
      } catch {
        return undefined;
      }
      // Its own flags (headless shell, no sandbox, software GL) minus the ones that would change what is tested,
      // plus ours for a quiet, offline browser.
      const own = packaged.args.filter((a) => !PACKAGED_ARGS_LEFT_OUT.includes(a));
      const args = [...own, ...BASE_ARGS.filter((a) => a !== '--headless' && !own.includes(a))];
      return { executablePath: await packaged.executablePath(), args };
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const found = await findChromium();
  return chromium.launch({ executablePath: found.executablePath, args: found.args });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

let axeSource: string | undefined;

// Globals inside the page, where page.evaluate callbacks run (the project compiles without the DOM library).
declare const document: unknown;
declare const axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };

/**
 * Runs axe-core on the page as it is now. It is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy (no scripts at all) does not apply to, so the page is checked exactly as served.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
  return result;
}

/** The violations that fail a page: serious and critical ones. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
