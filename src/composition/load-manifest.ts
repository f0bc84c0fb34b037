import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * manifest.json at the application's root: two levels above this file both in src/composition (tsx) and in
 * dist/composition (the build), so the same path serves both. Undefined when a deployment left it out; the
 * first-run page then points at the repository's copy instead of offering the one-click link.
 */
export function loadSlackManifest(): unknown {
  try {
    return JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
