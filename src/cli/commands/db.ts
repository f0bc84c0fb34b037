import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/client';
import { diffMigrationsAgainstSchema } from '../../db/migrate';
import { writeNextMigration } from '../../db/migrate/write-migration';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database: migrations');

  db.command('migrate')
    .description('apply pending migrations to the configured database')
    .action(async () => {
      const config = loadConfig();
      const opened = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        migrate: true,
        poolSize: 1,
      });
      await opened.close();
      const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
      console.log(
        opened.appliedMigrations.length === 0
          ? `${where} is up to date.`
          : `Applied to ${where}: ${opened.appliedMigrations.join(', ')}.`,
      );
    });

  db.command('migration <name>')
    .description('write the next migration: the difference between the migration history and prisma/schema.prisma')
    .action(async (name: string) => {
      const written = await writeNextMigration({ name, now: new Date() });
      console.log(
        written
          ? `Wrote ${written.folder}/migration.sql`
          : 'The schema and the migrations already agree; nothing to write.',
      );
    });

  db.command('check')
    .description('exit 1 when prisma/schema.prisma and the migration history disagree')
    .action(async () => {
      const sql = await diffMigrationsAgainstSchema();
      if (sql) {
        console.error(`The schema has changes no migration covers. Run: npm run db:migration -- <name>\n\n${sql}`);
        process.exitCode = 1;
      } else console.log('The schema and the migrations agree.');
    });
}
