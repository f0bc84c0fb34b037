/**
 * The key that signs CSRF tokens and download links. Derived from THREAD_ENCRYPTION_KEY when it is set (so every
 * process sharing a database agrees); otherwise generated once into the data directory, like the embedded
 * database itself.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

function keyBytes(encryptionKey: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(encryptionKey)
    ? Buffer.from(encryptionKey, 'hex')
    : Buffer.from(encryptionKey, 'base64');
}

export async function loadPortalSecret(options: { encryptionKey?: string; dataDir: string }): Promise<Buffer> {
  if (options.encryptionKey)
    return createHmac('sha256', keyBytes(options.encryptionKey)).update('thread portal signing v1').digest();
  const file = path.join(options.dataDir, 'portal-secret.key');
  await mkdir(options.dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep the first one's key.
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const hex = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`${file} is damaged: delete it and restart (open portal pages will need a reload)`);
  return Buffer.from(hex, 'hex');
}
