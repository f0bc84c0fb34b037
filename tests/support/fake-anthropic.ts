/**
 * A fake Anthropic Messages API on 127.0.0.1 for the real SDK. Each request takes the next scripted reply
 * (a good tool call, a malformed one, 429 or 529), or the default good reply when the script is empty.
 * Requests are recorded (parsed bodies and headers) so tests can check what Thread sent. A slow model is played by
 * holding the replies (`hold`) until the test lets them go (`release`); the fake counts the requests it has not
 * answered yet and the most it ever had at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  | { kind: 'good'; subject: string; body: string }
  /** Any tool call, e.g. the contradiction check's report_contradictions with the findings (or garbage) given. */
  | { kind: 'tool'; name: string; input: unknown }
  | { kind: 'malformed' }
  | { kind: 'text_only' }
  /** retry-after-ms is 5 unless given; `retryAfterSeconds` sends a plain Retry-After instead. */
  | { kind: 'status'; status: 429 | 529 | 500 | 400; retryAfterMs?: number; retryAfterSeconds?: number };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  script(...replies: FakeReply[]): void;
  setDefault(reply: FakeReply): void;
  /** Back to a fresh fake: no requests, no script, nothing held, the default reply, the counts at zero. */
  reset(): void;
  /** Every reply from now on comes `ms` after its request (0: at once). */
  setLatency(ms: number): void;
  /** From now on replies wait until released. */
  hold(): void;
  /** Lets the `n` oldest held replies go (all of them, and stops holding, when `n` is not given). */
  release(n?: number): void;
  /** Replies waiting to be released. */
  readonly held: number;
  /** Requests received and not answered yet, and the most there ever were at once. */
  readonly inFlight: number;
  readonly peakInFlight: number;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  429: 'rate_limit_error',
  529: 'overloaded_error',
  500: 'api_error',
  400: 'invalid_request_error',
};

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: FakeReply[] = [];
  const DEFAULT_REPLY: FakeReply = { kind: 'good', subject: 'Welcome aboard', body: 'Hello from the fake drafter.' };
  let fallback: FakeReply = DEFAULT_REPLY;
  const requests: RecordedRequest[] = [];
  let counter = 0;
  let holding = false;
  let latencyMs = 0;
  const heldReplies: (() => void)[] = [];
  let inFlight = 0;
  let peakInFlight = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // Recorded as empty; the test will see it.
      }
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const reply = queue.shift() ?? fallback;
      counter += 1;
      const n = counter;
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      res.on('close', () => void (inFlight -= 1));
      const answer = () => respond(res, reply, body, n);
      if (holding) heldReplies.push(answer);
      else if (latencyMs > 0) setTimeout(answer, latencyMs);
      else answer();
    });
  });

  function respond(res: ServerResponse, reply: FakeReply, body: Record<string, unknown>, counter: number): void {
    if (reply.kind === 'status') {
      // retry-after-ms keeps the SDK's backoff short in tests.
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...(reply.retryAfterSeconds !== undefined
          ? { 'retry-after': String(reply.retryAfterSeconds) }
          : { 'retry-after-ms': String(reply.retryAfterMs ?? 5) }),
        'request-id': `req_${counter}`,
      });
      res.end(JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[reply.status], message: 'scripted error' } }));
      return;
    }
    const toolCall =
      reply.kind === 'tool'
        ? [{ type: 'tool_use', id: `toolu_${counter}`, name: reply.name, input: reply.input }]
        : null;
    const content =
      reply.kind === 'good'
        ? [
            {
              type: 'tool_use',
              id: `toolu_${counter}`,
              name: 'write_draft',
              input: { subject: reply.subject, body: reply.body },
            },
          ]
        : reply.kind === 'malformed'
          ? [
              {
                type: 'tool_use',
                id: `toolu_${counter}`,
                name: 'write_draft',
                input: { subject: 42, text: 'no body field' },
              },
            ]
          : [{ type: 'text', text: 'Here is a draft: Hello!' }];
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${counter}` });
    res.end(
      JSON.stringify({
        id: `msg_${counter}`,
        type: 'message',
        role: 'assistant',
        model: String(body.model ?? 'unknown'),
        content: toolCall ?? content,
        stop_reason: reply.kind === 'text_only' ? 'end_turn' : 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      }),
    );
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    reset() {
      holding = false;
      for (const answer of heldReplies.splice(0)) answer();
      requests.length = 0;
      queue.length = 0;
      fallback = DEFAULT_REPLY;
      latencyMs = 0;
      peakInFlight = inFlight;
    },
    setLatency: (ms) => void (latencyMs = ms),
    hold: () => void (holding = true),
    release(n) {
      if (n === undefined) holding = false;
      for (const answer of heldReplies.splice(0, n ?? heldReplies.length)) answer();
    },
    get held() {
      return heldReplies.length;
    },
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const answer of heldReplies.splice(0)) answer();
        server.close(() => resolve());
      }),
  };
}
