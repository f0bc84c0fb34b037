import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HandoffQuestionSpec } from '../../domain/handoff-questions';
import { parseHandoffQuestionsFile, QuestionsFileError } from '../../domain/handoff-questions-file';
import { AppError } from '../../lib/errors';

/**
 * Reads and checks a handoff questions file; a broken one is refused with every problem, each naming the file, the
 * line and the field (`questions.yaml: line 12, questions[1].kind: expected one of …`).
 */
export async function readHandoffQuestionsFile(file: string): Promise<HandoffQuestionSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message;
    throw new AppError('validation_failed', `${file}: cannot read the questions (${why})`);
  }
  try {
    return parseHandoffQuestionsFile(text, path.basename(file));
  } catch (error) {
    if (error instanceof QuestionsFileError) {
      throw new AppError('validation_failed', error.message, { details: error.issues, cause: error });
    }
    throw error;
  }
}
