/** Signs requests the way Slack does (v0 HMAC-SHA256 over "v0:<timestamp>:<raw body>"), for tests of the receiver. */
import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function slackSignature(body: string, timestamp: number, secret = TEST_SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Headers and body for a signed request; `timestamp` defaults to now, `secret` lets a test forge one. */
export function signed(
  body: string,
  contentType: string,
  options: { timestamp?: number; secret?: string } = {},
): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(body, timestamp, options.secret),
    },
  };
}

export function slashCommand(
  fields: Record<string, string>,
  options?: { timestamp?: number; secret?: string },
): SignedRequest {
  return signed(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

export function interaction(payload: object, options?: { timestamp?: number; secret?: string }): SignedRequest {
  return signed(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

export function eventCallback(payload: object, options?: { timestamp?: number; secret?: string }): SignedRequest {
  return signed(JSON.stringify(payload), 'application/json', options);
}
