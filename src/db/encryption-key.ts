import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEncryptionKey } from '../lib/secret-box';

export const KEY_FILE = 'encryption.key';

/**
 * The key for secrets stored in the database: THREAD_ENCRYPTION_KEY when set; otherwise a key generated once
 * into the data directory (readable by its owner only) and reused from then on. That is right for the embedded
 * default, where the data directory holds the database too; a deployment on PostgreSQL should set the variable.
 */
export async function resolveEncryptionKey(options: {
  configured?: string;
  dataDir: string;
}): Promise<{ key: Buffer; source: 'environment' | 'generated' | 'data_dir' }> {
  if (options.configured) return { key: parseEncryptionKey(options.configured), source: 'environment' };
  const file = path.join(options.dataDir, KEY_FILE);
  try {
    return { key: parseEncryptionKey((await readFile(file, 'utf8')).trim()), source: 'data_dir' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created it first; then use theirs.
  try {
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: parseEncryptionKey((await readFile(file, 'utf8')).trim()), source: 'data_dir' };
  }
}
