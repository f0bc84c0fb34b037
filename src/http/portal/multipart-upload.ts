import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';

export interface MultipartFile {
  name: string;
  declaredType: string;
  stream: Readable;
}

export type MultipartOutcome =
  | { kind: 'done'; fields: Record<string, string>; result: unknown }
  | { kind: 'failed'; fields: Record<string, string>; error: unknown }
  | { kind: 'no_file'; fields: Record<string, string> }
  | { kind: 'csrf_failed' }
  | { kind: 'malformed' };

/**
 * Reads one multipart upload: small fields first, then a single file part handed to `onFile` as a stream (nothing
 * is buffered in memory). The CSRF field must come before the file (the form puts it first), so a forged post is
 * refused before a byte is stored. Every other part is drained and ignored.
 */
export function readMultipartUpload(
  req: Request,
  options: {
    maxFileBytes: number;
    fileField: string;
    checkFields: (fields: Record<string, string>) => boolean;
    onFile: (file: MultipartFile, fields: Record<string, string>) => Promise<unknown>;
  },
): Promise<MultipartOutcome> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // One byte over the limit, so storage sees the overflow and refuses the file instead of keeping it cut short.
        limits: {
          files: 1,
          fileSize: options.maxFileBytes + 1,
          fields: 10,
          fieldSize: 4096,
          parts: 12,
          headerPairs: 50,
        },
      });
    } catch {
      req.resume();
      resolve({ kind: 'malformed' });
      return;
    }
    const fields: Record<string, string> = {};
    let work: Promise<MultipartOutcome> | undefined;
    let refused = false;

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== options.fileField || work || refused) {
        stream.resume();
        return;
      }
      if (!options.checkFields(fields)) {
        refused = true;
        stream.resume();
        return;
      }
      work = options
        .onFile({ name: info.filename ?? '', declaredType: info.mimeType ?? '', stream }, { ...fields })
        .then(
          (result): MultipartOutcome => ({ kind: 'done', fields, result }),
          (error): MultipartOutcome => {
            // The consumer gave up early (a bad name, an unknown request): drain so the parser can finish.
            stream.resume();
            return { kind: 'failed', fields, error };
          },
        );
    });
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      resolve({ kind: 'malformed' });
    });
    parser.on('close', () => {
      if (refused) return resolve({ kind: 'csrf_failed' });
      if (!work) return resolve(options.checkFields(fields) ? { kind: 'no_file', fields } : { kind: 'csrf_failed' });
      void work.then(resolve);
    });
    req.pipe(parser);
  });
}
