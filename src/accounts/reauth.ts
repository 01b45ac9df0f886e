/**
 * Re-authentication for sensitive changes while signed in: the current password, under the same
 * 1003 limits as login (a stolen session must not become a password-guessing oracle), hashed in the
 * priority lane (signed-in users are not starved by an anonymous flood).
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { runAdmitted } from '../limits/admission.js';
import { normalizePassword } from '../platform/passwords/policy.js';
import type { AccountRow } from './store.js';

export async function proveCurrentPassword(
  deps: Pick<Deps, 'hasher' | 'hashGate' | 'limits' | 'config'>,
  account: Pick<AccountRow, 'email' | 'password_hash'>,
  password: string | undefined,
  ip: string,
): Promise<void> {
  if (password === undefined) throw new AppError('REAUTH_REQUIRED', { details: { needs: ['password'] } });
  const { passed } = await deps.limits.attempt('login', ip, account.email, async () => ({
    passed: await runAdmitted(deps, 'priority', (hasher) => hasher.verify(account.password_hash, normalizePassword(password))),
    value: null,
  }));
  if (!passed) throw new AppError('INVALID_CREDENTIALS');
}
