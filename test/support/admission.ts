/** Shared by the admission tests: a real socket with the maintenance state known, and a count of requests reaching the credential hook. */
import type { createHarness } from './harness.js';

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Listens on a real socket; the early refusals need the maintenance state known to be off, which any request looks up. */
export async function listenWithMaintenanceKnown(h: Harness): Promise<string> {
  const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  await fetch(`${base}/api/v1/account`);
  return base;
}

/** Counts the requests that reach the framework's credential hook (the early refusals never do). */
export function countHookAdmissions(h: Harness): { readonly count: number; reset(): void } {
  let count = 0;
  const admitRequest = h.deps.limits.admitRequest.bind(h.deps.limits);
  h.deps.limits.admitRequest = (ip) => {
    count++;
    return admitRequest(ip);
  };
  return {
    get count() {
      return count;
    },
    reset: () => {
      count = 0;
    },
  };
}
