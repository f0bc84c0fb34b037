import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs (JSON lines). Customer data stays out: callers log ids, never draft text, emails or tokens;
 * the redact list is the safety net for the few fields that could carry them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'thread' },
      redact: {
        paths: ['token', '*.token', 'password', '*.password', 'authorization', '*.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests and command-line tools that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
