/**
 * The second factor (4003): when the account has one, the login pauses with a challenge of 5 minutes
 * and at most 5 tries, answered with any method the challenge offers (the registry,
 * src/twofactor/methods/). Staff are offered TOTP and its backup codes only, and must have TOTP.
 *
 * Invariants: no session without the second factor when one is on; every try takes one of the
 * challenge's tries in one atomic step, under the 1003 code limits and the account-wide ceiling
 * (which also stops new challenges); challenges and sent codes are budgeted per account; every
 * failure counts and notifies (collapsed); the challenge is completed once, by one conditional UPDATE.
 */
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../../limits/auth-limits.js';
import { completeChallenge, insertChallenge, takeChallengeTry } from '../../login/store.js';
import { randomToken } from '../../platform/random.js';
import { afterSecondFactorFailure, requireSecondFactorAllowed } from '../../twofactor/failures.js';
import { methodById, methodsOf } from '../../twofactor/methods/index.js';
import type { MethodId } from '../../twofactor/methods/method.js';
import { findTwoFactor } from '../../twofactor/store.js';
import type { LoginState, SecondFactorRequired } from '../login-state.js';
import { proveSecondFactor } from '../../twofactor/step-up.js';
import { pause, proceed, refuse, type Step } from '../step.js';
import { pausedRow } from './paused-row.js';

export const SECOND_FACTOR_TTL_MS = 5 * 60 * 1000;
export const SECOND_FACTOR_MAX_TRIES = 5;

export interface SecondFactorAnswer {
  method: MethodId;
  code: string;
}

export function offeredMethods(challenge: { methods: string }): MethodId[] {
  return JSON.parse(challenge.methods) as MethodId[];
}

function requireOffered(offered: MethodId[], method: MethodId): void {
  if (!offered.includes(method)) throw new AppError('VALIDATION_FAILED', { details: { fields: { method: 'not enabled for this account' } } });
}

/**
 * `exclude`: methods this flow does not take (a password reset came through the mailbox, so an email
 * code proves nothing more). A code sent inline (`state.inlineCode`, a reset's `twoFactorCode`) is
 * checked at once, like a step-up, instead of pausing.
 */
export function secondFactorStep<S extends LoginState, A>(options: { exclude?: MethodId[] } = {}): Step<S, A | SecondFactorRequired> {
  const exclude = options.exclude ?? [];
  return {
    name: 'second-factor',
    doc: [
      { code: '4012 staff_totp_required', check: 'staff flows: the staff account has TOTP (staff are offered TOTP and backup codes only)' },
      { code: '1003 account_2fa_rate_limit', check: 'the account is under its ceiling of second-factor failures (across all IPs)' },
      { code: '1003 account_rate_limit', check: 'the account is under its budget of challenges and sent codes' },
      { code: 'pause', check: '`2fa_required` with the methods the account has; the answer is checked on resume' },
      { code: '4003', check: 'on resume: the code (invalid_code, code_reused, clock_skew, backup_codes_exhausted, challenge_expired)' },
    ],
    async run(deps, state, at) {
      const account = state.account!;
      const methods = methodsOf(await findTwoFactor(deps.db, account.id), state.audience).filter((m) => !exclude.includes(m));
      if (state.audience === 'staff' && !methods.includes('totp')) return refuse(new AppError('FORBIDDEN', { reason: 'staff_totp_required' }));
      if (methods.length === 0) return proceed;
      await requireSecondFactorAllowed(deps, account.id);
      if (state.inlineCode !== undefined) {
        await proveSecondFactor(deps, account, state.inlineCode, state.ctx, methods);
        state.flags = [...state.flags, '2fa_inline'];
        return proceed;
      }
      enforce(await deps.limits.challengeBudget(account.id));
      const now = deps.clock.nowMs();
      const id = randomToken(deps.random, 16);
      const expiresAtMs = now + SECOND_FACTOR_TTL_MS;
      await insertChallenge(deps.db, { ...pausedRow(deps, state, at), id, kind: '2fa', methods, createdAtMs: now, expiresAtMs });
      return pause({ status: '2fa_required', challenge: { id, expiresAt: new Date(expiresAtMs).toISOString(), methods } });
    },
    async resume(deps, state, answer) {
      const { method, code } = answer as SecondFactorAnswer;
      const account = state.account!;
      const challenge = state.challenge!;
      requireOffered(offeredMethods(challenge), method);
      await requireSecondFactorAllowed(deps, account.id);
      const event = { atMs: deps.clock.nowMs(), ip: state.ctx.ip, country: deps.geo.countryOf(state.ctx.ip), device: state.deviceName };
      const { passed, value: verdict } = await deps.limits.attempt('code', state.ctx.ip, `2fa:${account.id}`, async () => {
        if (!(await takeChallengeTry(deps.db, challenge.id, SECOND_FACTOR_MAX_TRIES))) throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
        const verdict = await methodById(method).verify(deps, { account, code, scope: { kind: 'challenge', id: challenge.id }, event });
        return { passed: verdict.ok, value: verdict };
      });
      if (!verdict.ok || !passed) {
        await afterSecondFactorFailure(deps, account, event);
        return refuse(
          new AppError('TWO_FACTOR_FAILED', {
            reason: verdict.ok ? 'invalid_code' : verdict.reason,
            ...(!verdict.ok && verdict.details ? { details: verdict.details } : {}),
          }),
        );
      }
      if (!(await completeChallenge(deps.db, challenge.id, deps.clock.nowMs())))
        return refuse(new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' }));
      state.flags = [...state.flags, `2fa_${method}`];
      return proceed;
    },
  };
}

/** Sends (or re-sends) an email/SMS code for a live challenge: 60 s cooldown, and the account's budget. */
export async function sendChallengeCode(
  deps: Pick<Deps, 'db' | 'clock' | 'keys' | 'config' | 'random' | 'newId' | 'mailer' | 'limits'>,
  challenge: { id: string; account_id: string; methods: string },
  account: { id: string; email: string; locale: string },
  method: 'email' | 'sms',
): Promise<void> {
  requireOffered(offeredMethods(challenge), method);
  enforce(await deps.limits.sendCooldown(`2fa:${challenge.id}:${method}`));
  enforce(await deps.limits.codeSendBudget(account.id));
  const row = await findTwoFactor(deps.db, account.id);
  const sender = methodById(method);
  if (!sender.isOn(row) || !sender.sendCode) throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
  await sender.sendCode(deps, account, row, { kind: 'challenge', id: challenge.id });
}
