import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatEncryptionKey, generateEncryptionKey, parseEncryptionKey } from '../lib/secret-box';

export const KEY_FILE = 'encryption.key';

/**
 * The key for secrets stored in the database: THREAD_ENCRYPTION_KEY when set; otherwise a key generated once
 * into the data directory (readable by its owner only) and reused from then on. That is right for the embedded
 * default, where the data directory holds the database too. Several processes on one PostgreSQL must share the
 * key (secrets they store, portal CSRF tokens and download links), so a deployment on PostgreSQL sets the variable.
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
  const key = generateEncryptionKey();
  // 'wx' fails if another process created it first; then use theirs.
  try {
    await writeFile(file, `${formatEncryptionKey(key)}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: parseEncryptionKey((await readFile(file, 'utf8')).trim()), source: 'data_dir' };
  }
}
