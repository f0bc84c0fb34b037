/**
 * Drafts with Claude through the official SDK. Structured output by a forced tool call whose input is
 * { subject, body }, validated with zod. The instructions and the account's stable context are cached
 * (cache_control on the system blocks). By default the SDK retries 429, 529 and other 5xx with backoff
 * (honouring Retry-After): right for a person waiting on a redraft. The AI draft pool asks for no SDK retries
 * (`maxRetries: 0`): a 429 must pause the whole pool, not one request while the others keep knocking, so the error
 * carries the advice (retryable, throttled, Retry-After) in its details (DraftRetryAdvice) and the pool retries.
 * After that, or on a malformed answer, the call fails with an AppError the caller can act on.
 * Nothing from the customer is logged: the SDK's own logging is kept to errors without bodies.
 */
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { DraftCallOptions, DraftRequest, DraftRetryAdvice, DraftedMessage } from '../../domain/draft-context';
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
  draft(request: DraftRequest, how?: DraftCallOptions): Promise<DraftedMessage>;
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
    async draft(request, how = {}) {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create(
          {
            model: options.model,
            max_tokens: options.maxTokens ?? 2048,
            system: [
              { type: 'text', text: DRAFT_INSTRUCTIONS },
              { type: 'text', text: stableContextText(request.stable), cache_control: { type: 'ephemeral' } },
            ],
            tools: [
              {
                name: DRAFT_TOOL_NAME,
                description:
                  'Return the draft message: its subject (empty for Slack messages) and its plain-text body.',
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
          },
          {
            ...(how.maxRetries !== undefined ? { maxRetries: how.maxRetries } : {}),
            ...(how.signal ? { signal: how.signal } : {}),
          },
        );
      } catch (error) {
        throw new AppError('connector_failed', `the AI drafter did not answer: ${describeApiError(error)}`, {
          cause: error,
          details: retryAdvice(error) satisfies DraftRetryAdvice,
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

/**
 * Whether a failed call may be tried again, and when: 429 (rate limit) and 529 (overloaded) are throttling, to be
 * waited out by everyone calling; other 5xx, 408, 409 and lost connections are worth another try; the rest
 * (a bad request, a bad key) would fail the same way again.
 */
function retryAdvice(error: unknown): DraftRetryAdvice {
  if (error instanceof Anthropic.APIUserAbortError) return { retryable: false, throttled: false };
  if (error instanceof Anthropic.APIConnectionError) return { retryable: true, throttled: false };
  if (error instanceof Anthropic.APIError) {
    const status = error.status ?? 0;
    const throttled = status === 429 || status === 529;
    const retryable = throttled || status >= 500 || status === 408 || status === 409;
    const after = retryAfterMs(error.headers);
    return { retryable, throttled, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  return { retryable: false, throttled: false };
}

/** Anthropic's retry-after-ms, else Retry-After in seconds or as an HTTP date. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
