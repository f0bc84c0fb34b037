import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

/** Where logs go: a stream that may be a terminal (process.stdout, process.stderr, a test's fake). */
export type LogDestination = pino.DestinationStream & { isTTY?: boolean };

/**
 * Pretty lines for a person at a terminal, JSON lines for everything else (a file, a pipe, a log collector), decided
 * by the destination itself so `npm start` in a shell is readable and the same process under systemd or Docker is
 * machine-readable without a setting.
 */
export function logFormatFor(destination: { isTTY?: boolean }): 'pretty' | 'json' {
  return destination.isTTY === true ? 'pretty' : 'json';
}

/**
 * Structured logs to `destination` (stdout by default). Customer data stays out: callers log ids, never draft
 * text, emails or tokens; the redact list is the safety net for the few fields that could carry them.
 */
export function createLogger(level: string, destination?: LogDestination): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'thread' },
    redact: {
      paths: ['token', '*.token', 'password', '*.password', 'authorization', '*.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  };
  if (logFormatFor(destination ?? process.stdout) === 'json') return pino(options, destination);
  // In-process and synchronous, so the last lines before a crash reach the terminal (1 is stdout's descriptor).
  return pino(options, pinoPretty({ destination: destination ?? 1, sync: true, ignore: 'pid,hostname,app' }));
}

/** A logger that writes nothing, for tests and command-line tools that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
