/**
 * Drafts with Claude through the official SDK. Structured output by a forced tool call whose input is
 * { subject, body }, validated with zod. The instructions and the account's stable context are cached
 * (cache_control on the system blocks). The SDK retries 429, 529 and other 5xx with backoff (honouring
 * Retry-After); after that, or on a malformed answer, the call fails with an AppError the caller can act on.
 * Nothing from the customer is logged: the SDK's own logging is kept to errors without bodies.
 */
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { DraftRequest, DraftedMessage } from '../../domain/draft-context';
import { AppError } from '../../lib/errors';
import { DRAFT_INSTRUCTIONS, DRAFT_TOOL_NAME, stableContextText, taskText } from './draft-prompt';

export interface AnthropicDrafterOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  maxRetries?: number;
  maxTokens?: number;
}

export interface AnthropicDrafter {
  /** What the drafts are labelled with ("ai:<model>"). */
  readonly label: string;
  draft(request: DraftRequest): Promise<DraftedMessage>;
}

const draftSchema = z.object({
  subject: z.string().max(300),
  body: z.string().trim().min(1, 'the body is empty').max(20_000),
});

export function createAnthropicDrafter(options: AnthropicDrafterOptions): AnthropicDrafter {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? null,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 3,
    logLevel: 'off',
  });
  return {
    label: `ai:${options.model}`,
    async draft(request) {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create({
          model: options.model,
          max_tokens: options.maxTokens ?? 2048,
          system: [
            { type: 'text', text: DRAFT_INSTRUCTIONS },
            { type: 'text', text: stableContextText(request.stable), cache_control: { type: 'ephemeral' } },
          ],
          tools: [
            {
              name: DRAFT_TOOL_NAME,
              description: 'Return the draft message: its subject (empty for Slack messages) and its plain-text body.',
              input_schema: {
                type: 'object',
                properties: {
                  subject: { type: 'string', description: 'Email subject line; empty for Slack messages.' },
                  body: { type: 'string', description: 'The message body, plain text.' },
                },
                required: ['subject', 'body'],
              },
            },
          ],
          tool_choice: { type: 'tool', name: DRAFT_TOOL_NAME },
          messages: [{ role: 'user', content: taskText(request.task) }],
        });
      } catch (error) {
        throw new AppError('connector_failed', `the AI drafter did not answer: ${describeApiError(error)}`, {
          cause: error,
        });
      }
      const call = message.content.find(
        (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use' && block.name === DRAFT_TOOL_NAME,
      );
      if (!call)
        throw new AppError('connector_failed', 'the AI drafter answered without a draft (no write_draft call)');
      const parsed = draftSchema.safeParse(call.input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
        throw new AppError('connector_failed', `the AI drafter returned a malformed draft (${problems})`);
      }
      return { subject: parsed.data.subject.trim(), body: parsed.data.body.trim() };
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
