/**
 * Freezing (4002): self-service "disable account", a risk-engine freeze, or staff. A freeze ends
 * every session at once; login then answers 4002 with the freeze type to the holder of the password.
 * Unfreezing is a staff action with a reason, audited (and, for risk freezes, an identity check).
 */
import type { Deps } from '../deps.js';
import { revokeAccountSessions } from '../login/sessions.js';
import { clearFreeze, setFreeze } from './store.js';

export type FreezeType = 'self' | 'risk' | 'staff';

/** Freezes the account unless it already is; returns true when this call froze it. */
export async function freezeAccount(deps: Pick<Deps, 'db' | 'clock'>, accountId: string, type: FreezeType, reason: string): Promise<boolean> {
  const now = deps.clock.nowMs();
  const frozen = await setFreeze(deps.db, accountId, type, reason, now);
  await revokeAccountSessions(deps.db, accountId, `frozen_${type}`, now);
  return frozen;
}

export function unfreezeAccount(deps: Pick<Deps, 'db'>, accountId: string): Promise<boolean> {
  return clearFreeze(deps.db, accountId);
}

/** The 4002 details a frozen account answers with: its freeze type and where to ask for help. */
export function frozenDetails(frozenType: string): { freezeType: string; ticketHint: string } {
  return { freezeType: frozenType, ticketHint: '/support/new?category=account_frozen' };
}
