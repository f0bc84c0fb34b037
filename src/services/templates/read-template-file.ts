import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TemplateFileError, parseTemplateFile } from '../../domain/template-file';
import type { TemplateSpec } from '../../domain/template';
import { AppError } from '../../lib/errors';

/** Reads and validates a template file; every problem comes back naming the file and the path inside it. */
export async function readTemplateFile(file: string): Promise<TemplateSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message;
    throw new AppError('template_invalid', `${file}: cannot read the template (${why})`);
  }
  try {
    return parseTemplateFile(text, path.basename(file));
  } catch (error) {
    if (error instanceof TemplateFileError) {
      throw new AppError('template_invalid', error.message, { details: error.issues, cause: error });
    }
    throw error;
  }
}
