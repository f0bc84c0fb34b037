/** Timing helpers for the benchmarks. Times are wall-clock on a shared machine: compare ratios, not absolutes. */
export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function percentiles(samplesMs: number[]): Percentiles {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, alternating nothing else: returns per-run milliseconds. */
export async function sample(fn: () => Promise<unknown>, runs: number, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

/**
 * Measures a subject and its baseline interleaved (A, B, A, B…) so that noise from other work on the machine
 * falls on both alike; the ratio is the figure to read.
 */
export async function compare(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  runs: number,
): Promise<{ subject: Percentiles; baseline: Percentiles; ratioP50: number; ratioP95: number }> {
  for (let i = 0; i < 5; i++) {
    await subject();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(...(await sample(subject, 1, 0)));
    b.push(...(await sample(baseline, 1, 0)));
  }
  const s = percentiles(a);
  const base = percentiles(b);
  return { subject: s, baseline: base, ratioP50: s.p50 / base.p50, ratioP95: s.p95 / base.p95 };
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
