/**
 * Work done after an answer has been sent (a webhook's 200): at most `concurrency` tasks at once, at most
 * `capacity` waiting, so a burst of deliveries cannot swamp the process. A caller that is refused (offer → false)
 * says so to its sender, who retries later. A task's failure goes to `onError`: there is nobody left to answer.
 */
export interface WorkQueue {
  /** Takes the task, or answers false when `capacity` tasks are already waiting. */
  offer(task: () => Promise<unknown>): boolean;
  /** Resolves once nothing is running or waiting (tests, and a clean shutdown). */
  idle(): Promise<void>;
  readonly size: number;
}

export function createWorkQueue(options: {
  concurrency: number;
  capacity: number;
  onError: (error: unknown) => void;
}): WorkQueue {
  const waiting: (() => Promise<unknown>)[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (running > 0 || waiting.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = () => {
    while (running < options.concurrency && waiting.length > 0) {
      const task = waiting.shift()!;
      running++;
      void Promise.resolve()
        .then(task)
        .catch(options.onError)
        .finally(() => {
          running--;
          pump();
          settleIdle();
        });
    }
  };

  return {
    offer(task) {
      if (waiting.length >= options.capacity) return false;
      waiting.push(task);
      pump();
      return true;
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get size() {
      return running + waiting.length;
    },
  };
}
