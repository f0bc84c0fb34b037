/**
 * Where customer uploads live. Content-addressed (the key derives from the SHA-256 of the bytes), so the same
 * document uploaded twice is stored once and a key can never be made to point at other bytes. The local-disk
 * implementation is the default; object storage can be added behind the same interface.
 */
import type { Readable } from 'node:stream';

export interface StoredObject {
  /** Opaque key to keep on the Submission row and hand back to `open`. */
  key: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
}

export interface FileStorage {
  /** Reads the stream to the end and stores it; rejects with FileTooLargeError past `maxBytes` (nothing is kept). */
  put(input: Readable, options: { maxBytes: number }): Promise<StoredObject>;
  /** The stored bytes, or undefined when there is no object under that key. */
  open(key: string): Promise<{ stream: Readable; size: number } | undefined>;
}

export class FileTooLargeError extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
    this.maxBytes = maxBytes;
  }
}
