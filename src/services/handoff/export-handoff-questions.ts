import { z } from 'zod';
import { serializeHandoffQuestions } from '../../domain/handoff-questions-file';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { loadActiveQuestions } from './handoff-question-view';

const optionsSchema = z.object({ organizationId: z.string().min(1) });

/** The organisation's questions as a file in the import format (YAML): exporting then importing changes nothing. */
export async function exportHandoffQuestions(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<string> {
  const o = parseOptions(optionsSchema, input);
  return serializeHandoffQuestions(await loadActiveQuestions(ctx.prisma, o.organizationId));
}
