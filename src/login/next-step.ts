/**
 * After the password (and any device approval): the second factor when the account has one, else
 * the session. Staff must have TOTP; a staff account without it cannot sign in at the staff door.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { AccountRow } from '../accounts/store.js';
import { startSecondFactor, type SecondFactorRequired } from '../twofactor/second-factor.js';
import { twoFactorMethods } from '../twofactor/store.js';
import { completeLogin, type CompletedLogin } from './complete-login.js';
import type { SessionKind } from './sessions.js';

export async function continueLogin(
  deps: Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'metrics' | 'mailer' | 'keys' | 'limits'>,
  input: { account: AccountRow; audience: SessionKind; deviceKey: string; deviceName: string; flags: string[] },
  ctx: { ip: string; userAgent: string },
): Promise<CompletedLogin | SecondFactorRequired> {
  const methods = await twoFactorMethods(deps.db, input.account.id);
  if (input.audience === 'staff' && !methods.includes('totp')) throw new AppError('FORBIDDEN', { reason: 'staff_totp_required' });
  if (methods.length > 0) return startSecondFactor(deps, { ...input, methods }, ctx);
  return completeLogin(deps, {
    accountId: input.account.id,
    audience: input.audience,
    deviceKey: input.deviceKey,
    deviceName: input.deviceName,
    userAgent: ctx.userAgent,
    ip: ctx.ip,
    flags: input.flags,
  });
}
