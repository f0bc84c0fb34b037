/**
 * BENCH_PROFILE=<dir>: each suite's work on the main thread is recorded as a V8 CPU profile of its own
 * (<dir>/<suite>-<database>.cpuprofile, readable in Chrome DevTools or VS Code), so a profile shows one stage
 * rather than the whole run with its seeding. The embedded database runs on a worker thread of its own and is not
 * in it; `node --cpu-prof` records every thread when that is wanted.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.error(`bench:   CPU profile of ${name} written to ${file}`);
  }
}
