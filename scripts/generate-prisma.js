#!/usr/bin/env node
// Runs `prisma generate` after install. Prisma's CLI looks for its native schema engine even though
// generating the client does not use it; that engine is a download Thread never needs (migrations run
// on the WebAssembly build, src/db/migrate), so a placeholder path keeps the CLI from fetching it.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'no-native-schema-engine');
env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
env.CHECKPOINT_DISABLE ??= '1';
execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  stdio: 'inherit',
  env,
  cwd: path.join(__dirname, '..'),
});
