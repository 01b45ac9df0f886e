/**
 * Step-up: the current second factor, in the request, for a sensitive action while signed in
 * (withdrawals, second-factor changes, API keys). A TOTP code or a backup code; or, for accounts with
 * email or SMS codes, a code sent for this purpose (`sendStepUpCode`), so that those accounts confirm
 * an action without re-entering the password.
 *
 * Invariants: the same 1003 code limits and account-wide ceiling as the login's second factor; every
 * failure counts and notifies like one; codes are single use (the methods consume them atomically).
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { enforce } from '../limits/auth-limits.js';
import type { AccountRow } from '../accounts/store.js';
import { afterSecondFactorFailure, requireSecondFactorAllowed } from './failures.js';
import { METHODS, methodById } from './methods/index.js';
import type { MethodDeps, MethodId, Verdict } from './methods/method.js';
import { findTwoFactor, type TwoFactorRow } from './store.js';
import { normalizeBackupCode } from './backup-codes.js';

type StepUpDeps = MethodDeps & Pick<Deps, 'limits' | 'geo'>;

/** Whether the account has any second factor (then step-up asks for it rather than the password). */
export function hasSecondFactor(row: TwoFactorRow | undefined): boolean {
  return METHODS.some((m) => m.isOn(row));
}

/** The methods a code of this shape can be: a backup code, or a 6-digit code (TOTP, then a sent code). */
function candidates(row: TwoFactorRow | undefined, code: string, only: readonly MethodId[] | undefined) {
  const on = METHODS.filter((m) => m.isOn(row) && (!only || only.includes(m.id)));
  if (normalizeBackupCode(code) !== null) return on.filter((m) => m.id === 'backup_code');
  return on.filter((m) => m.id !== 'backup_code');
}

/** `only`: the methods acceptable here (a password reset, say, takes no code sent to the mailbox it came from). */
export async function proveSecondFactor(
  deps: StepUpDeps,
  account: AccountRow,
  code: string | undefined,
  ctx: Pick<RequestContext, 'ip'>,
  only?: readonly MethodId[],
): Promise<void> {
  if (!code) throw new AppError('REAUTH_REQUIRED', { details: { needs: ['twoFactor'] } });
  await requireSecondFactorAllowed(deps, account.id);
  const row = await findTwoFactor(deps.db, account.id);
  const event = { atMs: deps.clock.nowMs(), ip: ctx.ip, country: deps.geo.countryOf(ctx.ip) };
  const { passed, value } = await deps.limits.attempt('code', ctx.ip, `2fa:${account.id}`, async () => {
    let first: Verdict | undefined;
    for (const method of candidates(row, code, only)) {
      const verdict = await method.verify(deps, { account, code, scope: { kind: 'step_up' }, event });
      if (verdict.ok) return { passed: true, value: verdict };
      first ??= verdict;
    }
    return { passed: false, value: first ?? ({ ok: false, reason: 'invalid_code' } as Verdict) };
  });
  if (passed || value.ok) return;
  await afterSecondFactorFailure(deps, account, event);
  throw new AppError('TWO_FACTOR_FAILED', { reason: value.reason, ...(value.details ? { details: value.details } : {}) });
}

/** Sends a step-up code by email or SMS (60 s cooldown, and the account's code budget). */
export async function sendStepUpCode(deps: StepUpDeps, account: AccountRow, channel: 'email' | 'sms'): Promise<void> {
  const row = await findTwoFactor(deps.db, account.id);
  const method = methodById(channel);
  if (!method.isOn(row) || !method.sendCode) throw new AppError('VALIDATION_FAILED', { details: { fields: { method: 'not enabled for this account' } } });
  enforce(await deps.limits.sendCooldown(`stepup:${account.id}:${channel}`));
  enforce(await deps.limits.codeSendBudget(account.id));
  await method.sendCode(deps, account, row, { kind: 'step_up' });
}
