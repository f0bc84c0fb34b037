/**
 * Progress of a long bench stage on stderr: "x of n, rate, time left", redrawn in place on a terminal and written
 * as a line every few seconds otherwise (CI logs, a file), so a person always knows the bench is alive and how long
 * the stage has left. stdout stays the table alone.
 */
const TTY_EVERY_MS = 200;
const LOG_EVERY_MS = 5_000;

export interface Progress {
  /** `done` more units finished (default 1). */
  tick(done?: number): void;
  /** Prints the final line (the stage's count, rate and total time). */
  finish(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** `label` names the stage ("seeding accounts"), `unit` what is counted ("accounts"). */
export function progress(label: string, total: number, unit: string): Progress {
  const started = performance.now();
  const tty = Boolean(process.stderr.isTTY);
  let done = 0;
  let lastPrinted = 0;
  const line = () => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const count = `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit}`;
    return `bench:   ${label}: ${count}, ${rate.toFixed(rate < 10 ? 1 : 0)}/s, ${duration(left)} left`;
  };
  const print = (final: boolean) => {
    if (tty) process.stderr.write(`\r\x1b[2K${line()}${final ? '\n' : ''}`);
    else process.stderr.write(`${line()}\n`);
  };
  return {
    tick(n = 1) {
      done += n;
      const now = performance.now();
      if (now - lastPrinted < (tty ? TTY_EVERY_MS : LOG_EVERY_MS)) return;
      lastPrinted = now;
      print(false);
    },
    finish() {
      const seconds = (performance.now() - started) / 1000;
      const summary = `bench:   ${label}: ${done.toLocaleString('en-US')} ${unit} in ${duration(seconds)}`;
      process.stderr.write(tty ? `\r\x1b[2K${summary}\n` : `${summary}\n`);
    },
  };
}
