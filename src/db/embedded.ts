/**
 * The embedded database: PostgreSQL compiled to WebAssembly (PGlite), persisted under THREAD_DATA_DIR.
 *
 * PGlite runs in a worker thread (embedded-server-worker.mjs) and is served on a Unix socket beside the data,
 * so Thread always talks to it through the ordinary PostgreSQL driver: the embedded default and a real
 * PostgreSQL share one driver, one query path and one migration path. Only one process may open the files;
 * the admin command line finds the lock file of a running Thread and connects to its socket instead.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolConfig } from 'pg';
import { AppError } from '../lib/errors';

export interface EmbeddedDatabase {
  /** How to reach it with `pg`. */
  connection: PoolConfig;
  /** True when this process opened the files; false when it attached to another process's server. */
  owner: boolean;
  /** Writes a tarball of the whole database to `file` (owner only): test snapshots. */
  dumpTo(file: string): Promise<void>;
  stop(): Promise<void>;
}

export interface OpenEmbeddedOptions {
  /** Start from this dump (a file written by dumpTo) instead of an empty database. */
  loadDataDirPath?: string;
}

interface LockInfo {
  pid: number;
  socketDir: string;
}

// Connections the socket server accepts: Thread's own pool, the CLI, the migration engine.
const MAX_CONNECTIONS = 8;
// A Unix socket path is limited to about 107 bytes; deep data directories fall back to the temp directory.
const MAX_SOCKET_PATH = 100;
const SOCKET_NAME = '.s.PGSQL.5432';
const WORKER_PATH = path.join(__dirname, 'embedded-server-worker.mjs');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(lockPath: string): Promise<LockInfo | undefined> {
  try {
    const lock = JSON.parse(await readFile(lockPath, 'utf8')) as LockInfo;
    if (typeof lock.pid === 'number' && typeof lock.socketDir === 'string') return lock;
  } catch {
    // No lock, or a torn one: treat as absent.
  }
  return undefined;
}

function connectionFor(socketDir: string): PoolConfig {
  // pg treats a host starting with "/" as the directory holding the socket; PGlite accepts any user/database.
  return { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' };
}

/** Sends one request to the worker and waits for the named answer (or its error). */
function request(worker: Worker, message: object | null, expect: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type !== expect && m.type !== 'error') return;
      cleanup();
      if (m.type === 'error') reject(new AppError('internal', `embedded database: ${m.message}`));
      else resolve();
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new AppError('internal', `embedded database stopped unexpectedly (exit code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    if (message) worker.postMessage(message);
  });
}

/**
 * Opens the embedded database in `dataDir`, or attaches to the process that already has it open.
 * `dataDir` may be `memory://` for a throwaway database (tests, the migration shadow).
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: OpenEmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const inMemory = dataDir === 'memory://';
  const dbDir = inMemory ? await mkdtemp(path.join(os.tmpdir(), 'thread-mem-')) : path.join(dataDir, 'db');
  await mkdir(dbDir, { recursive: true });
  const lockPath = path.join(dbDir, 'thread.lock.json');

  const existing = inMemory ? undefined : await readLock(lockPath);
  if (
    existing &&
    existing.pid !== process.pid &&
    processAlive(existing.pid) &&
    existsSync(path.join(existing.socketDir, SOCKET_NAME))
  ) {
    return {
      connection: connectionFor(existing.socketDir),
      owner: false,
      dumpTo: async () => {
        throw new AppError(
          'conflict',
          `the embedded database is open in process ${existing.pid}; stop it to take a dump`,
        );
      },
      stop: async () => {},
    };
  }

  const socketDir =
    path.join(dbDir, SOCKET_NAME).length <= MAX_SOCKET_PATH
      ? dbDir
      : await mkdtemp(path.join(os.tmpdir(), 'thread-db-'));
  const socketPath = path.join(socketDir, SOCKET_NAME);
  await rm(socketPath, { force: true });
  const worker = new Worker(WORKER_PATH, {
    workerData: {
      pgdataDir: inMemory ? null : path.join(dbDir, 'pgdata'),
      loadDataDirPath: options.loadDataDirPath,
      socketPath,
      maxConnections: MAX_CONNECTIONS,
    },
  });
  try {
    await request(worker, null, 'ready');
  } catch (error) {
    await worker.terminate();
    throw new AppError('internal', `could not open the embedded database in ${dbDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!inMemory)
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, socketDir } satisfies LockInfo), { mode: 0o600 });

  let stopped: Promise<void> | undefined;
  return {
    connection: connectionFor(socketDir),
    owner: true,
    dumpTo: (file) => request(worker, { type: 'dump', path: file }, 'dumped'),
    stop() {
      stopped ??= (async () => {
        await request(worker, { type: 'stop' }, 'stopped').catch(() => {});
        await worker.terminate();
        await rm(socketPath, { force: true });
        if (!inMemory) await rm(lockPath, { force: true });
        if (inMemory) await rm(dbDir, { recursive: true, force: true });
        else if (socketDir !== dbDir) await rm(socketDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
