/**
 * A small closed-loop HTTP load generator: `concurrency` workers on one keep-alive agent, each sending its next
 * GET as soon as the previous answer is read. Returns per-request latencies and the wall time of the whole run.
 */
import http from 'node:http';

export interface LoadResult {
  seconds: number;
  latenciesMs: number[];
  /** Status code → count. */
  statuses: Record<number, number>;
  bytes: number;
}

export function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** `paths[i % paths.length]` for the i-th request, so every path is used about equally. */
export async function runLoad(options: {
  agent: http.Agent;
  port: number;
  paths: string[];
  requests: number;
  concurrency: number;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let bytes = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const path = options.paths[next++ % options.paths.length]!;
      const start = process.hrtime.bigint();
      const res = await get(options.agent, options.port, path);
      latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      bytes += res.body.length;
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, worker));
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, latenciesMs, statuses, bytes };
}
