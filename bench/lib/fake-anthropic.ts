/**
 * A stand-in for Anthropic's Messages API on 127.0.0.1 for the AI draft bench: every request is answered with a good
 * write_draft tool call after `latencyMs`, as a model that takes that long would. It counts requests, the calls in
 * flight and the most at once, and when the first came, so a bench can time the pool from its first call. No
 * recording or scripting: the tests' fake (tests/support/fake-anthropic.ts) does that.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchAnthropic {
  url: string;
  readonly requests: number;
  readonly inFlight: number;
  readonly peakInFlight: number;
  /** performance.now() of the first request, undefined before it. */
  readonly firstAt: number | undefined;
  reset(): void;
  close(): Promise<void>;
}

export async function startBenchAnthropic(options: { latencyMs: number }): Promise<BenchAnthropic> {
  let requests = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let firstAt: number | undefined;
  const server: Server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      firstAt ??= performance.now();
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      const n = requests;
      res.on('close', () => void (inFlight -= 1));
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${n}` });
        res.end(
          JSON.stringify({
            id: `msg_${n}`,
            type: 'message',
            role: 'assistant',
            model: 'claude-bench',
            content: [
              {
                type: 'tool_use',
                id: `toolu_${n}`,
                name: 'write_draft',
                input: { subject: 'Getting you live', body: `Hello, this is draft ${n}, written by the bench model.` },
              },
            ],
            stop_reason: 'tool_use',
            stop_sequence: null,
            usage: {
              input_tokens: 1000,
              output_tokens: 200,
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: 0,
            },
          }),
        );
      }, options.latencyMs);
    });
  });
  // Keep-alive as the SDK expects; the bench's concurrency is small.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    get firstAt() {
      return firstAt;
    },
    reset() {
      requests = 0;
      peakInFlight = inFlight;
      firstAt = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
