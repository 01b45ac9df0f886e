/**
 * Work that must happen but need not delay the response: started after the current I/O phase,
 * tracked so that shutdown (and tests) can wait for it, failures logged, never lost silently.
 *
 * Used where doing the work inline would make two answers distinguishable by latency (the history
 * row of a failed login on a known account, which an unknown email never writes).
 */
export interface Background {
  run(task: () => Promise<unknown>): void;
  /** Resolves when every task started so far has finished. */
  idle(): Promise<void>;
}

export function createBackground(onError: (err: unknown) => void): Background {
  const pending = new Set<Promise<unknown>>();
  return {
    run(task) {
      const promise = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch(onError)
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
