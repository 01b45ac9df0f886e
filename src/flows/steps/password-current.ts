/**
 * A paused sign-in ends when the password does. The password is proven once, at the start; a login
 * waiting at its second factor or a device confirmation resumes without it. A reset (or a change)
 * meanwhile is how an owner shuts out someone who knows the old password, and it ends every session:
 * so it ends these sign-ins too, or the intruder would finish one and get a new session after it.
 *
 * The flow keeps the password's change time from when it was proven (stored with the pause); on
 * resume the account is reloaded and the two must match. A flow paused before this step existed
 * carries none and is refused as expired: it is at most minutes old.
 */
import { AppError } from '../../errors/app-error.js';
import type { LoginAnswer, LoginState } from '../login-state.js';
import { proceed, refuse, type Step } from '../step.js';

const PROVEN_AT = 'passwordChangedAt';

export const passwordCurrentStep: Step<LoginState, LoginAnswer> = {
  name: 'password-current',
  doc: [{ code: '4003 challenge_expired', check: 'on resume: the password has not changed since the flow proved it (a reset or change ends paused sign-ins)' }],
  recheck: true,
  async run(_deps, state) {
    const account = state.account;
    if (!account) return proceed;
    if (!state.challenge) {
      state.payload[PROVEN_AT] = account.password_changed_at;
      return proceed;
    }
    if (state.payload[PROVEN_AT] === account.password_changed_at) return proceed;
    return refuse(new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' }));
  },
};
