import type { Readable } from 'node:stream';
import { FileTooLargeError, type FileStorage } from '../../connectors/storage/file-storage';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { Notifier } from '../notifications/notifier-port';
import { completePortalAction, findPortalActionToAnswer, portalRespondent } from './complete-portal-action';
import { signDownloadUrl } from './download-link';
import { notifyPortalAnswer } from './notify-portal-answer';
import type { PortalSession } from './resolve-portal-token';
import { checkUpload, describeLimit, type UploadRules } from './upload-rules';

export interface UploadPortalDocumentOptions {
  session: PortalSession;
  actionId: string;
  file: { name: string; declaredType: string; stream: Readable };
  rules: UploadRules;
  storage: FileStorage;
  notifier: Notifier;
  /** For the CSM's signed download link. */
  publicUrl: string;
  secret: Buffer;
}

/**
 * A customer uploads the document a request asks for. The request is checked before a byte is stored; the file is
 * streamed to storage (hashed, size-limited), then the Submission, the action's completion, its audit record and
 * the engagement event are written together, and the CSM is told, with a signed download link.
 * Rejections are validation_failed / file_too_large / not_found / conflict AppErrors whose message is written for the
 * customer.
 */
export async function uploadPortalDocument(
  ctx: ServiceContext,
  options: UploadPortalDocumentOptions,
): Promise<{ submissionId: string }> {
  const { session, file } = options;
  await findPortalActionToAnswer(ctx.prisma, session, options.actionId, 'portal_document');
  const check = checkUpload(options.rules, file.name, file.declaredType);
  if (!check.ok) throw new AppError('validation_failed', check.message);

  let stored;
  try {
    stored = await options.storage.put(file.stream, { maxBytes: options.rules.maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new AppError(
        'file_too_large',
        `That file is too large. The limit is ${describeLimit(options.rules.maxBytes)}.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  if (stored.size === 0)
    throw new AppError('validation_failed', 'That file is empty. Please choose the document again.');

  const now = ctx.now();
  const result = await ctx.prisma.$transaction(async (tx) => {
    const action = await findPortalActionToAnswer(tx, session, options.actionId, 'portal_document');
    const { submissionId } = await completePortalAction(tx, {
      respondent: portalRespondent(session),
      action,
      submission: {
        kind: 'document',
        fileName: check.fileName,
        fileSize: stored.size,
        contentType: check.contentType,
        contentHash: stored.sha256,
        storageKey: stored.key,
      },
      engagement: 'document_uploaded',
      now,
    });
    const people = await tx.contact.findUniqueOrThrow({
      where: { id: session.contactId },
      select: { name: true, account: { select: { name: true } } },
    });
    return { submissionId, actionName: action.name, contactName: people.name, accountName: people.account.name };
  });

  const downloadUrl = signDownloadUrl({
    publicUrl: options.publicUrl,
    secret: options.secret,
    submissionId: result.submissionId,
    now,
  });
  await notifyPortalAnswer(ctx, options.notifier, {
    submissionId: result.submissionId,
    accountId: session.accountId,
    accountName: result.accountName,
    actionId: options.actionId,
    actionName: result.actionName,
    contactName: result.contactName,
    answer: { kind: 'document', fileName: check.fileName, fileSize: stored.size, downloadUrl },
  });
  return { submissionId: result.submissionId };
}
