import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError, type FileStorage, type StoredObject } from './file-storage';

const KEY_PATTERN = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/**
 * Uploads on the local disk under `<root>` (THREAD_DATA_DIR/uploads): written to a temporary file while hashed
 * and counted, then renamed to `sha256/<first two hex>/<hash>`. A rename is atomic, so a reader never sees half
 * a file, and an upload that fails or overflows leaves nothing behind.
 */
export function createLocalDiskStorage(root: string): FileStorage {
  const tmpDir = path.join(root, 'tmp');

  function objectPath(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('not a storage key');
    return path.join(root, ...key.split('/'));
  }

  return {
    async put(input: Readable, options: { maxBytes: number }): Promise<StoredObject> {
      await mkdir(tmpDir, { recursive: true });
      const tmpFile = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > options.maxBytes) return done(new FileTooLargeError(options.maxBytes));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      // The file is created before the pipeline starts: a stream that opens it itself may still be opening when
      // an overflow destroys it, and would then create the file after the clean-up below has run.
      const handle = await open(tmpFile, 'wx', 0o600);
      try {
        await pipeline(input, meter, handle.createWriteStream());
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(tmpFile, { force: true });
        // Drain what the sender still has, so the HTTP layer can answer instead of hanging on a full socket.
        input.resume();
        throw error;
      }
      const sha256 = hash.digest('hex');
      const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
      const target = objectPath(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmpFile, target);
      return { key, sha256, size };
    },

    async open(key: string) {
      if (!KEY_PATTERN.test(key)) return undefined;
      const file = objectPath(key);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      return { stream: createReadStream(file), size: info.size };
    },
  };
}
