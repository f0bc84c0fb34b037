/**
 * An in-process SMTP server on 127.0.0.1 that accepts every message and throws it away, for the send benchmarks:
 * the subject and its baseline talk to the same server, so its cost falls on both alike.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  /** Messages accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

/**
 * smtp-server waits a fixed 100 ms after each connection before its greeting, to catch clients that talk too
 * soon. Thread's mailer opens one connection per message, so that pause would be most of every send on both
 * sides and hide what is measured; a production MTA greets at once unless a greet pause is configured. For this
 * sink only (other servers in the process keep the pause), the greeting goes out immediately.
 */
interface ConnectionInternals {
  _server: unknown;
  _setListeners(callback: () => void): void;
  connectionReady(): void;
  init(): void;
}
/** Returns the undo. */
function skipGreetPause(server: SMTPServer): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SMTPConnection } = require('smtp-server/lib/smtp-connection.js') as {
    SMTPConnection: { prototype: ConnectionInternals };
  };
  const proto = SMTPConnection.prototype;
  const original = proto.init;
  proto.init = function (this: ConnectionInternals) {
    if (this._server !== server) return original.call(this);
    this._setListeners(() => this.connectionReady());
  };
  return () => {
    proto.init = original;
  };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // No reverse DNS lookup of the client: nothing to learn about 127.0.0.1, and it may wait on a resolver.
    disableReverseLookup: true,
    // The benchmarks open many short connections; the default (100 clients) is not what is measured.
    maxClients: 1000,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        count += 1;
        callback();
      });
      stream.resume();
    },
  });
  const restore = skipGreetPause(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => count,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          restore();
          resolve();
        }),
      ),
  };
}
