/**
 * The password check of a login, at the same cost whatever the account.
 *
 * Protects: against account enumeration by timing and by answer. Invariants: an unknown email, a
 * wrong password, an unverified address and (at the staff door) a user account's correct password
 * each cost two argon2 verifications and one read of the password history, exactly like each other:
 * the current hash (or a dummy), then the previous hash (or a dummy) for the `old_password` hint.
 *
 * An address signs in only once it is verified. Before that, its password is whatever the latest
 * registration request chose, and anyone can send one: had it counted, an attacker could register
 * any address with a password of their own and learn from the login's answer (4019 "verify your
 * email" or 4000) whether the address already had a verified account. Instead 4019 is told to
 * whoever knows the password of the registration still waiting for its code, for a verified address
 * as for a new one (registration stores that request in both cases): one more verification, only
 * while such a request is live, the same either way.
 */
import type { Deps } from '../deps.js';
import { findPendingRegistrationHash, findPreviousPasswordHash, rolesOf, type AccountRow } from './store.js';
import type { PasswordHasher } from '../platform/passwords/hasher.js';

/** An account id no row has: unknown emails run the same queries as known ones, against nothing. */
export const NO_ACCOUNT = '';

export interface PasswordVerdict {
  ok: boolean;
  /** The password matched this account's previous one (the `old_password` hint). */
  previous: { hash: string; retiredAt: number } | null;
  /** A new hash when the stored one uses outdated parameters. */
  rehashed: string | null;
  /** Not signed in: the password is that of a registration of this address still waiting for its code (4019). */
  pendingRegistration: boolean;
}

/** `email`: the normalized address signed in to (what `account` was looked up by, if it exists). */
export async function checkPassword(
  deps: Pick<Deps, 'db' | 'clock'>,
  hasher: PasswordHasher,
  input: { account: AccountRow | undefined; email: string; password: string; audience: 'user' | 'staff' },
): Promise<PasswordVerdict> {
  const { account, password, audience } = input;
  const verified = account?.email_verified_at != null ? account : undefined;
  const current = verified ? await hasher.verify(verified.password_hash, password) : await hasher.verifyDummy(password);
  // A user account at the staff door is refused exactly as a wrong password is: same work, same answer.
  const admitted = current && verified !== undefined && (audience === 'user' || rolesOf(verified).length > 0);
  if (admitted) {
    const rehashed = hasher.needsRehash(verified.password_hash) ? await hasher.hash(password) : null;
    return { ok: true, previous: null, rehashed, pendingRegistration: false };
  }
  // The same read for an unknown email (no row can match), so both paths cost the same.
  const previous = await findPreviousPasswordHash(deps.db, account?.id ?? NO_ACCOUNT);
  let matchesPrevious = false;
  if (previous) matchesPrevious = (await hasher.verify(previous.hash, password)) && !current;
  else await hasher.verifyDummy(password);
  // Read for every address at the user door, with or without a row, so that all cost the same queries.
  const pendingRegistration = audience === 'user' && (await matchesPendingRegistration(deps, hasher, input.email, password));
  return { ok: false, previous: matchesPrevious && previous ? previous : null, rehashed: null, pendingRegistration };
}

async function matchesPendingRegistration(deps: Pick<Deps, 'db' | 'clock'>, hasher: PasswordHasher, email: string, password: string): Promise<boolean> {
  const pending = await findPendingRegistrationHash(deps.db, email, deps.clock.nowMs());
  return pending !== null && (await hasher.verify(pending, password));
}
