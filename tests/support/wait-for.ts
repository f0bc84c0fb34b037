/**
 * Waits on a condition instead of a fixed sleep: polls until `condition` returns something other than false,
 * null or undefined, and returns it. On time-out it fails with what it was waiting for, so a slow machine
 * makes a test slower, never red, and a real failure says what never happened.
 */
export interface WaitOptions {
  /** What the test is waiting for, in words: it is the failure message. */
  description: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export async function waitFor<T>(
  condition: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  { description, timeoutMs = 10_000, intervalMs = 20 }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await condition();
    if (result !== false && result !== null && result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
