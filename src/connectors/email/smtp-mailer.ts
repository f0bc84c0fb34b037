/**
 * Outgoing email over SMTP with nodemailer. The Message-ID is chosen by the caller (see `messageIdFor`) so it can
 * be recorded before the message leaves; the sender name is the CSM's, the address is EMAIL_FROM (so SPF and
 * DKIM keep working), and replies go to the CSM.
 */
import nodemailer from 'nodemailer';
import { AppError } from '../../lib/errors';
import { renderEmailHtml } from './render-html';

export interface SmtpMailerOptions {
  /** smtp:// or smtps:// URL, credentials included. */
  url: string;
  /** EMAIL_FROM: "thread@example.org" or "Name <thread@example.org>". */
  from: string;
  /** Per connection phase, in milliseconds. */
  timeoutMs?: number;
}

export interface OutgoingEmail {
  /** From messageIdFor(), recorded before sending. */
  messageId: string;
  fromName?: string | null;
  replyTo?: string | null;
  to: { name: string; email: string };
  subject: string;
  text: string;
}

export interface SentEmail {
  messageId: string;
  accepted: string[];
}

export interface SmtpMailer {
  messageIdFor(key: string): string;
  send(email: OutgoingEmail): Promise<SentEmail>;
  close(): void;
}

export function fromAddressOf(from: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return (bracketed?.[1] ?? from).trim();
}

export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  const address = fromAddressOf(options.from);
  const domain = address.split('@')[1] ?? 'thread.local';
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as object);
  return {
    messageIdFor(key) {
      return `<thread.${key.replace(/[^A-Za-z0-9.-]/g, '')}@${domain}>`;
    },
    async send(email) {
      try {
        const info = await transport.sendMail({
          messageId: email.messageId,
          from: email.fromName ? { name: email.fromName, address } : options.from,
          replyTo: email.replyTo ?? undefined,
          to: { name: email.to.name, address: email.to.email },
          subject: email.subject,
          text: email.text,
          html: renderEmailHtml(email.text),
        });
        const accepted = (info.accepted ?? []).map((a: string | { address: string }) =>
          typeof a === 'string' ? a : a.address,
        );
        if (accepted.length === 0) throw new AppError('connector_failed', 'the mail server accepted no recipient');
        return { messageId: email.messageId, accepted };
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('connector_failed', `the mail server refused the email: ${describeSmtpError(error)}`, {
          cause: error,
        });
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The SMTP reply (e.g. "550 5.1.1 mailbox unavailable"); it names no message content. */
function describeSmtpError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { response?: unknown; code?: unknown; message?: unknown };
    if (typeof e.response === 'string' && e.response) return e.response;
    if (typeof e.code === 'string' && typeof e.message === 'string') return `${e.code}: ${e.message}`;
  }
  return error instanceof Error ? error.message : 'unknown error';
}
