import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../lib/errors';
import { diffMigrationsAgainstSchema, MIGRATIONS_DIR, SCHEMA_PATH } from './index';

/** Prisma's folder naming: a UTC timestamp to the second, then the name. */
function migrationFolderName(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}_${name}`;
}

/**
 * Writes the next migration: the SQL that takes a database built from the history to the current schema.
 * Returns undefined when the schema and the history already agree.
 */
export async function writeNextMigration(options: {
  name: string;
  now: Date;
  migrationsDir?: string;
  schemaPath?: string;
}): Promise<{ folder: string; sql: string } | undefined> {
  if (!/^[a-z0-9_]+$/.test(options.name)) {
    throw new AppError(
      'validation_failed',
      `migration name "${options.name}" must be lowercase letters, digits and underscores, e.g. add_account_notes`,
    );
  }
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const sql = await diffMigrationsAgainstSchema(migrationsDir, options.schemaPath ?? SCHEMA_PATH);
  if (sql === '') return undefined;
  const folder = path.join(migrationsDir, migrationFolderName(options.name, options.now));
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), `${sql}\n`);
  return { folder, sql };
}
