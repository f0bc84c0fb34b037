/**
 * The key that signs the portal's CSRF tokens and document download links. It derives from Thread's encryption key
 * (THREAD_ENCRYPTION_KEY, or the one generated into the data directory), so every process that shares the
 * encryption key accepts the others' tokens and links, and there is no second key file to keep in step.
 */
import { deriveKey } from '../../lib/secret-box';

/** The label is part of the key: changing it would void every open portal page's form and every download link. */
const PURPOSE = 'thread portal signing v1';

export function portalSigningKey(encryptionKey: Buffer): Buffer {
  return deriveKey(encryptionKey, PURPOSE);
}
