/**
 * How services send email without knowing which transport does it (services never import an SDK). The email
 * connector implements this port; with SMTP unset there is no sender, and services that need one say so
 * instead of pretending to have sent.
 */
export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Plain text body. */
  text: string;
  /** A stable id for the transport to de-duplicate retries (Message-ID seed), when it supports one. */
  idempotencyKey?: string;
}

export interface SentEmail {
  /** The transport's message id, kept on the record so a reply can be matched. */
  messageId: string | null;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<SentEmail>;
}
