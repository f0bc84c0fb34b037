/**
 * Runs work for a key one at a time and folds the requests that pile up meanwhile into a single further run. A
 * caller's promise settles once a run that started after its request has finished, so what it awaits is at least
 * as fresh as the change that made it ask; twenty requests for one key during a run cost two runs, not twenty.
 * (App Home: a burst of clicks on one CSM's cards publishes their Home twice, with the latest state.)
 */
/** Keys must name work that is the same whoever asks: the run that follows is the first waiting request's. */
export interface Coalescer {
  run(key: string, work: () => Promise<void>): Promise<void>;
  /** Keys with a run in progress (tests). */
  readonly busy: number;
}

interface Slot {
  current: Promise<void>;
  /** The run after the current one, shared by everyone who asked while the current one was running. */
  next: Promise<void> | null;
}

export function createCoalescer(): Coalescer {
  const slots = new Map<string, Slot>();

  // The key is let go as the run settles, unless someone asked for another meanwhile: that run has been chained.
  const execute = (key: string, slot: Slot, work: () => Promise<void>): Promise<void> =>
    Promise.resolve()
      .then(work)
      .finally(() => {
        if (slot.next === null && slots.get(key) === slot) slots.delete(key);
      });

  return {
    run(key, work) {
      const slot = slots.get(key);
      if (!slot) {
        const fresh: Slot = { current: Promise.resolve(), next: null };
        slots.set(key, fresh);
        fresh.current = execute(key, fresh, work);
        return fresh.current;
      }
      if (slot.next) return slot.next;
      // Whatever the current run's outcome, the next one still happens: it is what the newer requests wait for.
      slot.next = slot.current
        .catch(() => {})
        .then(() => {
          const run = execute(key, slot, work);
          slot.current = run;
          slot.next = null;
          return run;
        });
      return slot.next;
    },
    get busy() {
      return slots.size;
    },
  };
}
