#!/usr/bin/env node
// The worker-thread entry points are plain ES modules (.mjs) that tsc does not emit; copy them beside the build.
const { cpSync, readdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
for (const dir of ['src/db', 'src/db/migrate']) {
  for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.mjs'))) {
    cpSync(path.join(root, dir, file), path.join(root, dir.replace(/^src/, 'dist'), file));
  }
}
