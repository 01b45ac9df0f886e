/** The staff audit log: append-only; every staff action writes one row in the same request. */
import type { Deps } from '../deps.js';

export async function recordStaffAction(
  deps: Pick<Deps, 'db' | 'clock' | 'newId'>,
  entry: { actorId: string | null; actorEmail: string; action: string; target?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await deps.db
    .insertInto('audit_log')
    .values({
      id: deps.newId(),
      at: deps.clock.nowMs(),
      actor_id: entry.actorId,
      actor_email: entry.actorEmail,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
