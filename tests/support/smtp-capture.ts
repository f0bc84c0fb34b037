/**
 * An in-process SMTP server (smtp-server) on 127.0.0.1 that captures every accepted message, raw, with its
 * envelope. `refuse` makes it reject every recipient with a 550, as a real server refusing mail would;
 * `refusedRecipients` only the addresses it names.
 */
import { createSmtpMailer, type SmtpMailer } from '../../src/connectors/email/smtp-mailer';
import type { Mailer } from '../../src/services/execution/ports';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedEmail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpCapture {
  url: string;
  messages: CapturedEmail[];
  /** When set, every RCPT TO is refused with this message (code 550). */
  refuse: string | null;
  /** Recipients refused one by one (code 550, with the message given), as a mailbox that does not exist. */
  refusedRecipients: Map<string, string>;
  close(): Promise<void>;
}

export function header(raw: string, name: string): string | undefined {
  const unfolded = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const capture: SmtpCapture = {
    url: '',
    messages: [],
    refuse: null,
    refusedRecipients: new Map(),
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = capture.refuse ?? capture.refusedRecipients.get(address.address.toLowerCase()) ?? null;
      if (refusal !== null) {
        const error = new Error(refusal) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        capture.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  capture.url = `smtp://127.0.0.1:${port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}

/**
 * jest hooks: one capture server for the file, emptied (and accepting mail again) before each test. The object is
 * usable at once; its `url` is set when the server has started in beforeAll.
 */
export function useSmtpCapture(): SmtpCapture {
  const shared: SmtpCapture = {
    url: '',
    messages: [],
    refuse: null,
    refusedRecipients: new Map(),
    close: async () => {},
  };
  let server: SmtpCapture | undefined;
  beforeAll(async () => {
    server = await startSmtpCapture();
    // The server writes into the shared object, so tests keep one reference for the whole file.
    shared.url = server.url;
    shared.messages = server.messages;
    shared.refusedRecipients = server.refusedRecipients;
    Object.defineProperty(shared, 'refuse', {
      get: () => server!.refuse,
      set: (v: string | null) => (server!.refuse = v),
    });
    shared.close = server.close;
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    shared.messages.length = 0;
    shared.refuse = null;
    shared.refusedRecipients.clear();
  });
  return shared;
}

/**
 * jest hooks: Thread's real SMTP mailer pointed at the capture, made before each test and closed after it.
 * `current` is what the code under test is handed; after `turnOff()` it is undefined, as when email is off.
 */
export function useSmtpMailer(smtp: SmtpCapture, from = 'Thread <onboarding@vendor.test>') {
  let mailer: SmtpMailer | undefined;
  let on = true;
  beforeEach(() => {
    on = true;
    mailer = createSmtpMailer({ url: smtp.url, from, timeoutMs: 5000 });
  });
  afterEach(() => mailer?.close());
  return {
    get current(): Mailer | undefined {
      return on ? mailer : undefined;
    },
    turnOff(): void {
      on = false;
    },
  };
}
