/**
 * Freezing (4002): self-service "disable account", a risk-engine freeze, or staff. A freeze ends
 * every session at once; login then answers 4002 with the freeze type to the holder of the password.
 * Unfreezing is a staff action with a reason, audited (and, for risk freezes, an identity check).
 */
import type { Deps } from '../deps.js';
import { revokeAccountSessions } from '../login/sessions.js';

export type FreezeType = 'self' | 'risk' | 'staff';

/** Freezes the account unless it already is; returns true when this call froze it. */
export async function freezeAccount(deps: Pick<Deps, 'db' | 'clock'>, accountId: string, type: FreezeType, reason: string): Promise<boolean> {
  const now = deps.clock.nowMs();
  const frozen = await deps.db
    .updateTable('accounts')
    .set({ frozen_type: type, frozen_at: now, frozen_reason: reason.slice(0, 500) })
    .where('id', '=', accountId)
    .where('frozen_type', 'is', null)
    .executeTakeFirst();
  await revokeAccountSessions(deps.db, accountId, `frozen_${type}`, now);
  return Number(frozen.numUpdatedRows) === 1;
}

export async function unfreezeAccount(deps: Pick<Deps, 'db'>, accountId: string): Promise<boolean> {
  const result = await deps.db
    .updateTable('accounts')
    .set({ frozen_type: null, frozen_at: null, frozen_reason: null })
    .where('id', '=', accountId)
    .where('frozen_type', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
