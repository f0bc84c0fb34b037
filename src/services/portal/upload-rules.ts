/**
 * Which files the portal accepts. The extension decides (from the configured list) and fixes the content type
 * Thread stores and serves, whatever the browser claimed; a browser claiming a type that would run in a page
 * (HTML, SVG, script) is refused outright.
 */
import { withoutControlCharacters } from '../../domain/checked';

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
  txt: 'text/plain',
  zip: 'application/zip',
};

const ACTIVE_CONTENT =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/javascript|application\/javascript|application\/ecmascript|text\/xml|application\/xml)\b/i;

export interface UploadRules {
  maxBytes: number;
  /** Lower case, no dot. */
  extensions: string[];
}

/** A name safe to store and show: no directories, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = withoutControlCharacters(base).trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

export type UploadCheck = { ok: true; fileName: string; contentType: string } | { ok: false; message: string };

export function checkUpload(rules: UploadRules, rawName: string, declaredType: string): UploadCheck {
  const fileName = cleanFileName(rawName);
  const allowed = rules.extensions.map((e) => `.${e}`).join(', ');
  if (!fileName) return { ok: false, message: 'Please choose a file to upload.' };
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (!ext || !rules.extensions.includes(ext))
    return { ok: false, message: `That type of file cannot be uploaded here. Allowed types: ${allowed}.` };
  if (ACTIVE_CONTENT.test(declaredType))
    return { ok: false, message: `That type of file cannot be uploaded here. Allowed types: ${allowed}.` };
  return { ok: true, fileName, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' };
}

export function describeLimit(maxBytes: number): string {
  const mb = maxBytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
}
