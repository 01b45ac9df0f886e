/**
 * Freezing (4002): self-service "disable account", a risk-engine freeze, or staff. A freeze ends
 * every session at once; login then answers 4002 with the freeze type to the holder of the password.
 * Unfreezing is a staff action with a reason, audited (and, for risk freezes, an identity check).
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { revokeAccountSessions } from '../login/sessions.js';
import { clearFreezeOfType, findAccountById, setFreeze, type AccountRow } from './store.js';

export type FreezeType = 'self' | 'risk' | 'staff';

/** Freezes the account unless it already is; returns true when this call froze it. */
export async function freezeAccount(deps: Pick<Deps, 'db' | 'clock'>, accountId: string, type: FreezeType, reason: string): Promise<boolean> {
  const now = deps.clock.nowMs();
  const frozen = await setFreeze(deps.db, accountId, type, reason, now);
  await revokeAccountSessions(deps.db, accountId, `frozen_${type}`, now);
  return frozen;
}

/** 4010 on `identityVerified`: what a risk freeze answers to an unfreeze without the check. */
export function identityCheckNeeded(): AppError {
  return new AppError('VALIDATION_FAILED', { details: { fields: { identityVerified: 'a risk freeze is lifted only after an identity check' } } });
}

/**
 * Lifts the account's freeze, inside the caller's transaction, and returns the account as it was
 * just before (for the audit row), or undefined when there is no such account. A risk freeze is
 * lifted only with `identityVerified`. The clear is conditional on the freeze type just read, so a
 * risk freeze that lands between a caller's check and the clear is never lifted by a request that
 * made no identity check, and the audit row names the freeze actually lifted.
 */
export async function liftFreeze(deps: Pick<Deps, 'db'>, accountId: string, identityVerified: boolean): Promise<AccountRow | undefined> {
  // A freeze is only set on an unfrozen account, so the type changes at most once meanwhile.
  for (let tries = 0; tries < 3; tries++) {
    const current = await findAccountById(deps.db, accountId);
    if (!current || current.frozen_type === null) return current;
    if (current.frozen_type === 'risk' && !identityVerified) throw identityCheckNeeded();
    if (await clearFreezeOfType(deps.db, accountId, current.frozen_type)) return current;
  }
  throw new Error(`the freeze of account ${accountId} kept changing while it was lifted`);
}

/** The 4002 details a frozen account answers with: its freeze type and where to ask for help. */
export function frozenDetails(frozenType: string): { freezeType: string; ticketHint: string } {
  return { freezeType: frozenType, ticketHint: '/support/new?category=account_frozen' };
}
