/**
 * Tells the parts of this process that keep copies of who people are (the Slack layer's request cache) that an
 * organisation's people or settings changed, once the change is committed. Only this process hears it: another
 * Thread process on the same PostgreSQL keeps its copy until that copy's own short lifetime ends, which is safe
 * because every service re-reads the person it acts for (acting-person.ts); a copy only decides what a person is
 * shown and which early refusal they get.
 */
export interface ChangeFeed {
  /** Someone's role, membership or profile, or the organisation's settings, changed (committed). */
  peopleChanged(organizationId: string): void;
  /** Calls `listener` on every change until the returned function is called. */
  onPeopleChanged(listener: (organizationId: string) => void): () => void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<(organizationId: string) => void>();
  return {
    peopleChanged(organizationId) {
      for (const listener of listeners) listener(organizationId);
    },
    onPeopleChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
