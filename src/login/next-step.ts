/**
 * After the password (and any device approval): the second factor when the account has one, else
 * the session. Staff must have TOTP; a staff account without it cannot sign in at the staff door.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { startSecondFactor, type SecondFactorRequired } from '../twofactor/second-factor.js';
import { twoFactorMethods } from '../twofactor/store.js';
import { completeLogin, type CompletedLogin } from './complete-login.js';
import type { PendingLogin } from './challenge-store.js';

export async function continueLogin(deps: Deps, login: PendingLogin): Promise<CompletedLogin | SecondFactorRequired> {
  const methods = await twoFactorMethods(deps.db, login.accountId);
  if (login.audience === 'staff' && !methods.includes('totp')) throw new AppError('FORBIDDEN', { reason: 'staff_totp_required' });
  if (methods.length > 0) return startSecondFactor(deps, login, methods);
  return completeLogin(deps, login);
}
