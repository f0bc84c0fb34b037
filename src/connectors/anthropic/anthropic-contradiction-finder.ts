/**
 * Claude's reading of a handoff's free-text answers, through the official SDK: structured output by a forced tool
 * call whose input is { findings: [{ message, suggestion }] }, validated with zod. A malformed answer is refused
 * whole (the rules' findings stand on their own). The SDK retries 429, 529 and other 5xx; nothing from the customer
 * is logged.
 */
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { hasControlCharacters } from '../../domain/checked';
import type { ContradictionQuestion, SuggestedFinding } from '../../domain/handoff-checks';
import { AppError } from '../../lib/errors';
import { CONTRADICTION_INSTRUCTIONS, FINDINGS_TOOL_NAME, questionText } from './contradiction-prompt';

export interface AnthropicContradictionFinderOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  maxRetries?: number;
}

export interface AnthropicContradictionFinder {
  readonly label: string;
  find(question: ContradictionQuestion): Promise<SuggestedFinding[]>;
}

const sentence = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(max)
    // Control characters and bidi overrides have no place in a sentence shown in Slack.
    .refine((s) => !hasControlCharacters(s, { allowLineBreaks: true }), 'holds control characters');

const findingsSchema = z.object({
  findings: z.array(z.object({ message: sentence(600), suggestion: sentence(400) })).max(10),
});

export function createAnthropicContradictionFinder(
  options: AnthropicContradictionFinderOptions,
): AnthropicContradictionFinder {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? null,
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    logLevel: 'off',
  });
  return {
    label: `ai:${options.model}`,
    async find(question) {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create({
          model: options.model,
          max_tokens: 1500,
          system: CONTRADICTION_INSTRUCTIONS,
          tools: [
            {
              name: FINDINGS_TOOL_NAME,
              description: 'Report the contradictions found in the handoff (an empty list when there are none).',
              input_schema: {
                type: 'object',
                properties: {
                  findings: {
                    type: 'array',
                    maxItems: 10,
                    items: {
                      type: 'object',
                      properties: {
                        message: { type: 'string', description: 'What contradicts what, in one or two sentences.' },
                        suggestion: { type: 'string', description: 'What the CSM could do about it, in one sentence.' },
                      },
                      required: ['message', 'suggestion'],
                    },
                  },
                },
                required: ['findings'],
              },
            },
          ],
          tool_choice: { type: 'tool', name: FINDINGS_TOOL_NAME },
          messages: [{ role: 'user', content: questionText(question) }],
        });
      } catch (error) {
        throw new AppError('connector_failed', `Claude did not answer: ${describeApiError(error)}`, { cause: error });
      }
      const call = message.content.find(
        (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use' && block.name === FINDINGS_TOOL_NAME,
      );
      if (!call)
        throw new AppError('connector_failed', `Claude answered without findings (no ${FINDINGS_TOOL_NAME} call)`);
      const parsed = findingsSchema.safeParse(call.input);
      if (!parsed.success) {
        const problems = parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
          .join('; ');
        throw new AppError('connector_failed', `Claude returned malformed findings (${problems})`);
      }
      return parsed.data.findings;
    },
  };
}

/** Status and error type only: API error messages can quote the request, which holds customer data. */
function describeApiError(error: unknown): string {
  if (error instanceof Anthropic.APIConnectionTimeoutError) return 'timed out';
  if (error instanceof Anthropic.APIConnectionError) return 'could not connect';
  if (error instanceof Anthropic.APIError) {
    const kind = (error.error as { error?: { type?: unknown } } | undefined)?.error?.type;
    return `HTTP ${error.status ?? 'error'}${typeof kind === 'string' ? ` (${kind})` : ''}`;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
