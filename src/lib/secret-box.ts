/**
 * Encrypts connector credentials before they are stored (AES-256-GCM, a fresh nonce per value). The stored form
 * is `v1:<nonce>:<tag>:<ciphertext>` in base64url, so the format can change later without guessing.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from './errors';

const VERSION = 'v1';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** `key` is 32 bytes, as 64 hex characters or base64. */
export function parseEncryptionKey(key: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32)
    throw new AppError('config_invalid', 'THREAD_ENCRYPTION_KEY: expected 32 bytes as 64 hex characters or base64');
  return bytes;
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        VERSION,
        nonce.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        ciphertext.toString('base64url'),
      ].join(':');
    },
    open(sealed) {
      const [version, nonce, tag, ciphertext] = sealed.split(':');
      if (version !== VERSION || !nonce || !tag || ciphertext === undefined) {
        throw new AppError('internal', 'a stored secret is not in a format Thread knows');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new AppError(
          'internal',
          'a stored secret cannot be decrypted: THREAD_ENCRYPTION_KEY is not the key it was sealed with',
        );
      }
    },
  };
}
