import { readFile } from 'node:fs/promises';
import { AppError, type ErrorCode } from '../../lib/errors';

/**
 * The text of a file an admin hands the command line (a template, the handoff questions); one that cannot be read is
 * refused naming the file and why, in words ("no such file", "it is a folder, not a file").
 */
export async function readAdminFile(file: string, o: { what: string; code: ErrorCode }): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message;
    throw new AppError(o.code, `${file}: cannot read ${o.what} (${why})`);
  }
}
