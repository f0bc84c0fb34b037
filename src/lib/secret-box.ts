/**
 * Thread's one encryption key (THREAD_ENCRYPTION_KEY, or the key generated into the data directory: see
 * db/encryption-key.ts) and what is built on it. It encrypts connector credentials before they are stored
 * (AES-256-GCM, a fresh nonce per value; the stored form is `v1:<nonce>:<tag>:<ciphertext>` in base64url, so the
 * format can change later without guessing), and other keys derive from it by purpose (the portal's signing key).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from './errors';

const VERSION = 'v1';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

function decodeKey(key: string): Buffer {
  return HEX_KEY.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
}

/** Whether `key` is 32 bytes, as 64 hex characters or base64 (config.ts checks THREAD_ENCRYPTION_KEY with it). */
export function isEncryptionKey(key: string): boolean {
  return decodeKey(key).length === 32;
}

/** `key` is 32 bytes, as 64 hex characters or base64. */
export function parseEncryptionKey(key: string): Buffer {
  const bytes = decodeKey(key);
  if (bytes.length !== 32)
    throw new AppError('config_invalid', 'THREAD_ENCRYPTION_KEY: expected 32 bytes as 64 hex characters or base64');
  return bytes;
}

export function generateEncryptionKey(): Buffer {
  return randomBytes(32);
}

/** How a generated key is written down (the data directory's key file); parseEncryptionKey reads it back. */
export function formatEncryptionKey(key: Buffer): string {
  return key.toString('hex');
}

/**
 * A key for one purpose, derived from the encryption key (HMAC-SHA256 keyed by it, over a purpose label). Every
 * process holding the same encryption key derives the same key, and a key for one purpose says nothing about the
 * encryption key or about a key for another purpose.
 */
export function deriveKey(key: Buffer, purpose: string): Buffer {
  return createHmac('sha256', key).update(purpose).digest();
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
