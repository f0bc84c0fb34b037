import path from 'node:path';
import type { HandoffQuestionSpec } from '../../domain/handoff-questions';
import { parseHandoffQuestionsFile, QuestionsFileError } from '../../domain/handoff-questions-file';
import { AppError } from '../../lib/errors';
import { readAdminFile } from '../files/read-admin-file';

/**
 * Reads and checks a handoff questions file; a broken one is refused with every problem, each naming the file, the
 * line and the field (`questions.yaml: line 12, questions[1].kind: expected one of …`).
 */
export async function readHandoffQuestionsFile(file: string): Promise<HandoffQuestionSpec[]> {
  const text = await readAdminFile(file, { what: 'the questions', code: 'validation_failed' });
  try {
    return parseHandoffQuestionsFile(text, path.basename(file));
  } catch (error) {
    if (error instanceof QuestionsFileError) {
      throw new AppError('validation_failed', error.message, { details: error.issues, cause: error });
    }
    throw error;
  }
}
