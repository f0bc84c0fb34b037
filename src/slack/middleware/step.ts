/**
 * Thread's own request middleware, run as steps of one Bolt global middleware: each step gets the same arguments
 * and an explicit `next`. Bolt copies every argument into a new object for each middleware and listener it calls,
 * which on a request's path to its acknowledgement cost more than the steps' own work.
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';

export type SlackRequestArgs = AnyMiddlewareArgs & AllMiddlewareArgs;
export type SlackStep = (args: SlackRequestArgs, next: () => Promise<void>) => Promise<void>;

/** The steps in order; the last step's `next` is `last`, which handles the request (the listener registry). */
export function stepsThen(steps: readonly SlackStep[], last: (args: SlackRequestArgs) => Promise<void>) {
  const middleware: Middleware<AnyMiddlewareArgs> = async (args) => {
    const run = (i: number): Promise<void> => (i < steps.length ? steps[i]!(args, () => run(i + 1)) : last(args));
    await run(0);
  };
  return middleware;
}
