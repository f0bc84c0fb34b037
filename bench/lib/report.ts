import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface BenchRow {
  suite: string;
  case: string;
  database: string;
  metric: string;
  value: string;
  baseline?: string;
  ratio?: number;
  /** Machine-readable numbers behind the row. */
  data?: Record<string, unknown>;
}

export function printTable(rows: BenchRow[]): void {
  const headers = ['suite', 'case', 'db', 'metric', 'Thread', 'baseline', 'ratio'];
  const cells = rows.map((r) => [
    r.suite,
    r.case,
    r.database,
    r.metric,
    r.value,
    r.baseline ?? '',
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

export async function writeResults(rows: BenchRow[], meta: Record<string, unknown>): Promise<string> {
  const file = path.resolve(__dirname, '../results.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
  return file;
}
