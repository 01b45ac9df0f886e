/**
 * The password check of a login, at the same cost whatever the account.
 *
 * Protects: against account enumeration by timing. Invariants: an unknown email, a wrong password,
 * and (at the staff door) a user account's correct password each cost two argon2 verifications and
 * one read of the password history, exactly like each other: the current hash (or a dummy), then
 * the previous hash (or a dummy) for the `old_password` hint.
 */
import type { Deps } from '../deps.js';
import { findPreviousPasswordHash, rolesOf, type AccountRow } from './store.js';
import type { PasswordHasher } from '../platform/passwords/hasher.js';

/** An account id no row has: unknown emails run the same queries as known ones, against nothing. */
export const NO_ACCOUNT = '';

export interface PasswordVerdict {
  ok: boolean;
  /** The password matched this account's previous one (the `old_password` hint). */
  previous: { hash: string; retiredAt: number } | null;
  /** A new hash when the stored one uses outdated parameters. */
  rehashed: string | null;
}

export async function checkPassword(
  deps: Pick<Deps, 'db'>,
  hasher: PasswordHasher,
  account: AccountRow | undefined,
  password: string,
  audience: 'user' | 'staff',
): Promise<PasswordVerdict> {
  const current = account ? await hasher.verify(account.password_hash, password) : await hasher.verifyDummy(password);
  // A user account at the staff door is refused exactly as a wrong password is: same work, same answer.
  const admitted = current && account !== undefined && (audience === 'user' || rolesOf(account).length > 0);
  if (admitted) {
    const rehashed = hasher.needsRehash(account.password_hash) ? await hasher.hash(password) : null;
    return { ok: true, previous: null, rehashed };
  }
  // The same read for an unknown email (no row can match), so both paths cost the same.
  const previous = await findPreviousPasswordHash(deps.db, account?.id ?? NO_ACCOUNT);
  if (!previous) {
    await hasher.verifyDummy(password);
    return { ok: false, previous: null, rehashed: null };
  }
  const matchesPrevious = (await hasher.verify(previous.hash, password)) && !current;
  return { ok: false, previous: matchesPrevious ? previous : null, rehashed: null };
}
