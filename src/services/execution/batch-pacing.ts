/**
 * How a batch spaces its sends and how many actions it claims at a time. Sends are spaced per lane: Slack allows
 * about one message per second per channel (a lane per account's customer channel), and SMTP servers throttle
 * bursts (one lane for all email). A window, the actions claimed together, is cut so that the claims are young
 * when their sends start.
 */
import type { SendPacing } from './ports';

/** Most actions claimed together. */
export const WINDOW_MAX = 50;
/** With pacing on, a window holds about this much of paced sending. */
export const WINDOW_PACED_MS = 2000;

export interface Lanes {
  pacing: SendPacing;
  /** performance.now() of the last send per lane. */
  lastSendAt: Map<string, number>;
}

/**
 * The next window: up to WINDOW_MAX actions, fewer when pacing would spread them over more than WINDOW_PACED_MS
 * (simulated from each lane's last send), never none.
 */
export function nextWindow(
  pending: readonly string[],
  laneOf: ReadonlyMap<string, string | null>,
  lanes: Lanes,
  now: number,
): string[] {
  const last = new Map([...lanes.lastSendAt].map(([lane, at]) => [lane, at - now]));
  let t = 0;
  const window: string[] = [];
  for (const id of pending) {
    if (window.length >= WINDOW_MAX) break;
    const lane = laneOf.get(id) ?? null;
    if (lane) {
      t = Math.max(t, (last.get(lane) ?? -Infinity) + gapOf(lanes.pacing, lane));
      last.set(lane, t);
    }
    if (t > WINDOW_PACED_MS && window.length > 0) break;
    window.push(id);
  }
  return window;
}

export async function waitForLane(lanes: Lanes, lane: string | null): Promise<void> {
  if (!lane) return;
  const wait = (lanes.lastSendAt.get(lane) ?? -Infinity) + gapOf(lanes.pacing, lane) - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

function gapOf(pacing: SendPacing, lane: string): number {
  return lane.startsWith('slack:') ? pacing.slackPerChannelMs : pacing.emailMs;
}

/** Slack messages are paced per account (its customer channel); every email shares the SMTP server's lane. */
export function paceLane(type: string, accountId: string): string | null {
  if (type === 'internal_task') return null;
  if (type === 'slack_message') return `slack:${accountId}`;
  return 'smtp';
}
