/** 4019: the password is right but the address was never verified. */
import { AppError } from '../../errors/app-error.js';
import type { LoginAnswer, LoginState } from '../login-state.js';
import { proceed, refuse, type Step } from '../step.js';

export const emailVerifiedStep: Step<LoginState, LoginAnswer> = {
  name: 'email-verified',
  doc: [{ code: '4019', check: 'the email address is verified' }],
  async run(_deps, state) {
    return state.account?.email_verified_at == null ? refuse(new AppError('EMAIL_NOT_VERIFIED')) : proceed;
  },
};
