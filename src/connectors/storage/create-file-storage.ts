import path from 'node:path';
import type { FileStorage } from './file-storage';
import { createLocalDiskStorage } from './local-disk-storage';

/** The storage Thread uses for uploads. Only the local disk for now; object storage would be chosen here. */
export function createFileStorage(options: { dataDir: string }): FileStorage {
  return createLocalDiskStorage(path.join(options.dataDir, 'uploads'));
}
