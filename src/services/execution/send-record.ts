/**
 * The execution record kept on Action.executionRecord. It is written in the same update that claims the action
 * (state 'sending', with the Message-ID or client_msg_id the send will carry), then replaced when the send ends
 * ('sent' or 'failed'). A record still 'sending' after the claim went stale means the process stopped mid-send:
 * the recovery sweep marks it 'unknown' and never sends again by itself.
 */
import { z } from 'zod';

export const SEND_STATES = ['sending', 'sent', 'failed', 'unknown'] as const;
export type SendState = (typeof SEND_STATES)[number];

export const sendChannelSchema = z.enum(['email', 'slack', 'portal', 'internal']);
export type SendChannel = z.infer<typeof sendChannelSchema>;

export const sendRecordSchema = z.object({
  state: z.enum(SEND_STATES),
  channel: sendChannelSchema,
  idempotencyKey: z.string(),
  claimedAt: z.string(),
  claimedBy: z.string(),
  /** Email and portal actions: the Message-ID of the email. */
  messageId: z.string().optional(),
  /** Slack message actions: the client_msg_id of the message. */
  clientMsgId: z.string().optional(),
  /** Recipient email address, or the Slack channel or user id. */
  to: z.string().optional(),
  slackChannel: z.string().optional(),
  slackTs: z.string().optional(),
  sentAt: z.string().optional(),
  error: z.string().optional(),
  lintOverridden: z.array(z.string()).optional(),
});

export type SendRecord = z.infer<typeof sendRecordSchema>;

export function readSendRecord(value: unknown): SendRecord | null {
  const parsed = sendRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
