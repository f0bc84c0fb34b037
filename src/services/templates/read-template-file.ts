import path from 'node:path';
import { TemplateFileError, parseTemplateFile } from '../../domain/template-file';
import type { TemplateSpec } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { readAdminFile } from '../files/read-admin-file';

/** Reads and validates a template file; every problem comes back naming the file and the path inside it. */
export async function readTemplateFile(file: string): Promise<TemplateSpec> {
  const text = await readAdminFile(file, { what: 'the template', code: 'template_invalid' });
  try {
    return parseTemplateFile(text, path.basename(file));
  } catch (error) {
    if (error instanceof TemplateFileError) {
      throw new AppError('template_invalid', error.message, { details: error.issues, cause: error });
    }
    throw error;
  }
}
