/**
 * Rate limits, then the password (1003, 4000). A failure slot is reserved before the account is even
 * looked up (refused → 1003 at the cost of a counter), then the password is checked at the same cost
 * for every account (src/login/password-check.ts). Known devices hash in the priority lane.
 *
 * Only a device that signed in to this very account before, by its own id (not by a User-Agent hash
 * anyone can copy) or with a valid device token, counts as known.
 */
import { AppError } from '../../errors/app-error.js';
import { findAccountByEmail, replacePasswordHash, requireDeviceConfirmationUntil } from '../../accounts/store.js';
import { runAdmitted } from '../../limits/admission.js';
import { deviceTokenMatches } from '../../limits/device-token.js';
import { checkPassword, NO_ACCOUNT } from '../../accounts/password-check.js';
import { findDeviceByKey } from '../../login/store.js';
import type { LoginAnswer, LoginState } from '../login-state.js';
import { proceed, refuse, type Step } from '../step.js';

export const credentialsStep: Step<LoginState, LoginAnswer> = {
  name: 'credentials',
  doc: [
    { code: '1003', check: 'rate limits per IP and per IP and account, before the account is looked up or any password hashed' },
    {
      code: '4000',
      check:
        'the password of a verified address (an unknown or unverified address, and a user account at the staff door, cost the same two hashes and get the same answer)',
    },
    {
      code: '4019',
      check:
        'user flows: instead of 4000, when the password is that of a registration of this address still waiting for its code (verified address or not, so it tells nothing)',
    },
  ],
  async run(deps, state) {
    const password = state.password ?? '';
    state.password = null;
    let attempt: Awaited<ReturnType<typeof checkAttempt>>;
    try {
      attempt = await checkAttempt(deps, state, password);
    } catch (err) {
      // Shed under load before any hash: nothing to record, and no write per shed request.
      if (err instanceof AppError && err.reason === 'overloaded') return refuse(err, 'never');
      throw err;
    }
    const { account } = state;
    if (!attempt.passed) {
      if (!account) return refuse(new AppError('INVALID_CREDENTIALS'), 'never');
      // Recorded like a wrong password, after the response, so that both take the same time.
      if (attempt.value.pendingRegistration) return refuse(new AppError('EMAIL_NOT_VERIFIED'), 'after_response');
      if (attempt.accountUnderAttack) {
        await requireDeviceConfirmationUntil(deps.db, account.id, deps.clock.nowMs() + deps.config.limits.account.confirmDevicesForSeconds * 1000);
      }
      const previous = attempt.value.previous;
      // Recorded just after the response: an unknown email writes nothing, so this must not add latency.
      return refuse(
        previous
          ? new AppError('INVALID_CREDENTIALS', { reason: 'old_password', details: { changedAt: new Date(previous.retiredAt).toISOString() } })
          : new AppError('INVALID_CREDENTIALS'),
        'after_response',
      );
    }
    state.passwordProven = true;
    if (account && attempt.value.rehashed) await replacePasswordHash(deps.db, account.id, account.password_hash, attempt.value.rehashed);
    return proceed;
  },
};

function checkAttempt(deps: Parameters<Step<LoginState, LoginAnswer>['run']>[0], state: LoginState, password: string) {
  return deps.limits.attempt('login', state.ctx.ip, state.email, async () => {
    const account = await findAccountByEmail(deps.db, state.email);
    const found = await findDeviceByKey(deps.db, account?.id ?? NO_ACCOUNT, state.deviceKey);
    const provenByToken =
      found !== undefined && account !== undefined && deviceTokenMatches(deps.keys.device, state.ctx.deviceToken ?? undefined, account.id, state.deviceKey);
    const known = found && (!found.device_key.startsWith('ua:') || provenByToken) ? found : undefined;
    state.account = account ?? null;
    state.knownDevice = known ?? null;
    state.flags = known ? [] : ['new_device'];
    const verdict = await runAdmitted(deps, known ? 'priority' : 'normal', (hasher) =>
      checkPassword(deps, hasher, { account, email: state.email, password, audience: state.audience }),
    );
    return { passed: verdict.ok, value: verdict };
  });
}
