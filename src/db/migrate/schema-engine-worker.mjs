// Runs Prisma's schema engine (WebAssembly build) in a worker thread.
//
// Why a worker and plain ESM: @prisma/schema-engine-wasm ships as an ES module built for bundlers, which
// CommonJS code (and jest's module sandbox) cannot load directly. A worker is a real Node isolate that can
// `import` it, whatever started it. The engine talks to PostgreSQL through @prisma/adapter-pg, the same
// driver Thread's queries use, so `_prisma_migrations` is written exactly as `prisma migrate deploy` writes it.
//
// Input (workerData): { command: 'apply' | 'diff', connection: pg.PoolConfig, migrationsDir, schemaPath?,
//   shadowConnection?: pg.PoolConfig }. Output: one message { ok: true, result } or { ok: false, error }.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

async function loadEngineModule() {
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
    'schema_engine_bg.wasm',
  );
  const module = new WebAssembly.Module(await readFile(wasmPath));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  // The engine reports panics through this registry (the Prisma CLI installs the same global).
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => {
      globalThis.__threadSchemaEnginePanic = message;
    },
  };
  return bg;
}

/** The migrations folder as the engine wants it: every subfolder's migration.sql, sorted by name. */
async function listMigrations(baseDir, shadowDbInitScript = '') {
  const lockPath = 'migration_lock.toml';
  const lockContent = await readFile(path.join(baseDir, lockPath), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(baseDir, entry.name, 'migration.sql'), 'utf8')
      .then((value) => ({ tag: 'ok', value }))
      .catch((error) => ({ tag: 'error', value: error.message }));
    migrationDirectories.push({ path: entry.name, migrationFile: { path: 'migration.sql', content } });
  }
  return { baseDir, lockfile: { path: lockPath, content: lockContent }, migrationDirectories, shadowDbInitScript };
}

// The engine reads PostgreSQL's catalogs, whose `"char"` columns (pg_constraint.contype, pg_class.relkind…) the pg
// adapter has no column type for and rejects. The engine expects them as its Character type, so this worker
// (only) reads them as text and reports them as Character.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
function readCatalogCharAsCharacter(adapter) {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (queryable.__threadCharAsCharacter) return;
  const { ColumnTypeEnum } = require('@prisma/driver-adapter-utils');
  const performIO = queryable.performIO;
  queryable.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const charColumns = [];
    (result?.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    query.__charColumns = charColumns;
    return result;
  };
  const queryRaw = queryable.queryRaw;
  queryable.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const index of query.__charColumns ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  queryable.__threadCharAsCharacter = true;
}

async function adapterFactory({ connection, shadowConnection }) {
  const { PrismaPg } = require('@prisma/adapter-pg');
  const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
  const main = new PrismaPg({ ...connection, max: 1 });
  const connect = main.connect.bind(main);
  main.connect = async () => {
    const adapter = await connect();
    readCatalogCharAsCharacter(adapter);
    return adapter;
  };
  if (shadowConnection) {
    // A shadow database chosen by the caller (a throwaway embedded one) instead of CREATE DATABASE on the main server.
    const shadow = new PrismaPg({ ...shadowConnection, max: 1 });
    main.connectToShadowDb = async () => {
      const adapter = await shadow.connect();
      readCatalogCharAsCharacter(adapter);
      return adapter;
    };
  }
  return bindMigrationAwareSqlAdapterFactory(main);
}

async function run() {
  const { command, migrationsDir, schemaPath } = workerData;
  const bg = await loadEngineModule();
  const adapter = await adapterFactory(workerData);
  const datamodels = schemaPath ? [[schemaPath, await readFile(schemaPath, 'utf8')]] : undefined;
  const engine = await bg.SchemaEngine.new({ datamodels }, () => {}, adapter);
  try {
    const migrationsList = await listMigrations(migrationsDir);
    if (command === 'apply') {
      const filters = { externalTables: [], externalEnums: [] };
      return await engine.applyMigrations({ migrationsList, filters });
    }
    if (command === 'diff') {
      const schemaContent = await readFile(schemaPath, 'utf8');
      return await engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaContent }] },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
    }
    throw new Error(`unknown schema engine command: ${command}`);
  } finally {
    engine.free();
  }
}

function describe(error) {
  if (error && typeof error === 'object') {
    const message = error.message ?? String(error);
    const panic = globalThis.__threadSchemaEnginePanic;
    return { message: panic ? `${message}: ${panic}` : message, code: error.code ?? error.cause?.kind ?? null };
  }
  return { message: String(error), code: null };
}

run().then(
  (result) => parentPort.postMessage({ ok: true, result: result ?? null }),
  (error) => parentPort.postMessage({ ok: false, error: describe(error) }),
);

// A Rust panic inside the engine surfaces as a WebAssembly trap ("unreachable") outside the promise chain;
// the panic message was handed to the registry just before, so report that instead of a bare trap.
process.on('uncaughtException', (error) => {
  parentPort.postMessage({ ok: false, error: describe(error) });
});
