/**
 * What a CLI command works with: the configuration, an open database and a service context. The database is
 * the one Thread uses: DATABASE_URL, or the embedded one under THREAD_DATA_DIR (attached through the running
 * Thread's socket when Thread has it open).
 */
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { serviceContext } from '../composition/compose-thread';
import { createImageProbe } from '../connectors/web/image-probe';
import { silentLogger } from '../lib/logger';
import type { ServiceContext } from '../services/context';
import type { ImageProbe } from '../services/organizations/image-probe-port';

export interface CliSession {
  config: Config;
  db: Database;
  ctx: ServiceContext;
  /** Asks a new logo URL whether it is an image, as the server does (`org set --logo-url`). */
  imageProbe: ImageProbe;
}

export async function withSession<T>(
  work: (session: CliSession) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: options.migrate ?? true,
    poolSize: 2,
  });
  try {
    return await work({
      config,
      db,
      ctx: serviceContext(db, silentLogger),
      imageProbe: createImageProbe() satisfies ImageProbe,
    });
  } finally {
    await db.close();
  }
}
