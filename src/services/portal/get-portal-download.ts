import type { Readable } from 'node:stream';
import type { FileStorage } from '../../connectors/storage/file-storage';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { isValidDownloadSignature } from './download-link';

export interface PortalDownload {
  fileName: string;
  contentType: string;
  size: number;
  stream: Readable;
}

/** An uploaded document behind a signed link; a bad or expired signature looks the same as a missing file. */
export async function getPortalDownload(
  ctx: ServiceContext,
  options: { submissionId: string; expires: string; sig: string; secret: Buffer; storage: FileStorage },
): Promise<PortalDownload> {
  const gone = new AppError('not_found', 'this download link is invalid or has expired (links last 24 hours)');
  if (
    !isValidDownloadSignature({
      secret: options.secret,
      submissionId: options.submissionId,
      expires: options.expires,
      sig: options.sig,
      now: ctx.now(),
    })
  )
    throw gone;
  const submission = await ctx.prisma.submission.findUnique({
    where: { id: options.submissionId },
    select: { kind: true, fileName: true, contentType: true, storageKey: true },
  });
  if (!submission || submission.kind !== 'document' || !submission.storageKey) throw gone;
  const object = await options.storage.open(submission.storageKey);
  if (!object) throw gone;
  return {
    fileName: submission.fileName ?? 'document',
    contentType: submission.contentType ?? 'application/octet-stream',
    size: object.size,
    stream: object.stream,
  };
}
