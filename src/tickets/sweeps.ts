/**
 * The support desk's scheduled work, run by every server process every support.sweepIntervalSeconds
 * (each step is a set of conditional UPDATEs, so processes running it at once do each thing once):
 *   - scheduled 2FA resets whose hold has passed are carried out;
 *   - tickets whose confirmation link ran out unused are closed;
 *   - files past their retention are deleted (identity evidence after support.evidenceRetentionDays,
 *     everything of a never-confirmed ticket at once), each deletion audited.
 */
import type { Deps } from '../deps.js';
import { executeDueTwoFactorResets } from '../recovery/two-factor-reset.js';
import { deleteExpiredTicketFiles } from './evidence.js';
import { closeUnconfirmedTickets, insertTicketEvent } from './store.js';

type SweepDeps = Pick<Deps, 'db' | 'clock' | 'newId' | 'mailer' | 'random' | 'config'>;

export interface SweepResult {
  resetsDone: string[];
  ticketsClosed: string[];
  filesDeleted: string[];
}

export async function closeExpiredUnconfirmedTickets(deps: SweepDeps): Promise<string[]> {
  const now = deps.clock.nowMs();
  return deps.db.transaction().execute(async (trx) => {
    const ids = await closeUnconfirmedTickets(trx, now);
    for (const id of ids)
      await insertTicketEvent(trx, { id: deps.newId(), ticketId: id, atMs: now, from: 'awaiting_confirmation', to: 'closed', actor: 'system' });
    return ids;
  });
}

export async function runSupportSweeps(deps: SweepDeps): Promise<SweepResult> {
  const resetsDone = await executeDueTwoFactorResets(deps);
  const ticketsClosed = await closeExpiredUnconfirmedTickets(deps);
  const filesDeleted = await deleteExpiredTicketFiles(deps);
  return { resetsDone, ticketsClosed, filesDeleted };
}

/** Runs the sweeps on a timer (never two at once in this process); stop() waits for a running one. */
export function startSupportSweeps(deps: SweepDeps, onError: (err: unknown) => void, onResult?: (result: SweepResult) => void) {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = runSupportSweeps(deps)
      .then((result) => onResult?.(result), onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, deps.config.support.sweepIntervalSeconds * 1000);
  timer.unref();
  // A first run soon after start, so that a restart does not delay overdue work by a whole interval.
  const first = setTimeout(tick, 1000);
  first.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
