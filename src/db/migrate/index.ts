/**
 * Migrations: prisma/migrations in Prisma's own format, applied by Prisma's schema engine (WebAssembly) in a
 * worker thread, and recorded in `_prisma_migrations` exactly as `prisma migrate deploy` records them.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolConfig } from 'pg';
import { AppError } from '../../lib/errors';
import { openEmbeddedDatabase } from '../embedded';

export const PRISMA_DIR = path.resolve(__dirname, '../../../prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
const WORKER_PATH = path.join(__dirname, 'schema-engine-worker.mjs');

interface WorkerInput {
  command: 'apply' | 'diff';
  connection: PoolConfig;
  shadowConnection?: PoolConfig;
  migrationsDir: string;
  schemaPath?: string;
}

function runEngine<T>(input: WorkerInput): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_PATH, { workerData: input });
    let settled = false;
    worker.once('message', (message: { ok: boolean; result?: T; error?: { message: string; code: string | null } }) => {
      settled = true;
      // The engine's connection pool would keep the worker alive; its answer is all we need from it.
      void worker.terminate();
      if (message.ok) resolve(message.result as T);
      else
        reject(
          new AppError('internal', `migration engine: ${message.error?.message ?? 'unknown error'}`, {
            details: message.error,
          }),
        );
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new AppError('internal', `migration engine crashed: ${error.message}`, { cause: error }));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new AppError('internal', `migration engine exited with code ${code} before answering`));
    });
  });
}

/** Applies every pending migration; returns the names applied now (empty when the database was up to date). */
export async function applyMigrations(connection: PoolConfig, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const result = await runEngine<{ appliedMigrationNames: string[] }>({ command: 'apply', connection, migrationsDir });
  return result.appliedMigrationNames;
}

/**
 * The SQL that would bring a database built from the migration history up to the schema; empty when they agree.
 * Migrations are replayed on a throwaway embedded database, never on the configured one.
 */
export async function diffMigrationsAgainstSchema(
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
): Promise<string> {
  const scratch = await openEmbeddedDatabase('memory://');
  const shadow = await openEmbeddedDatabase('memory://');
  try {
    const result = await runEngine<{ exitCode: number; stdout: string | null }>({
      command: 'diff',
      connection: scratch.connection,
      shadowConnection: shadow.connection,
      migrationsDir,
      schemaPath,
    });
    const script = (result.stdout ?? '').trim();
    return script === '-- This is an empty migration.' ? '' : script;
  } finally {
    await Promise.all([scratch.stop(), shadow.stop()]);
  }
}
