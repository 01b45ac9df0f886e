/** 4018: the new password passes the policy and is not the current one; hashed here, carried on. */
import { hashNewPassword } from '../../accounts/password-change.js';
import { requireAcceptablePassword } from '../../accounts/registration.js';
import type { PasswordResetDone } from '../login-state.js';
import type { ResetState } from '../reset-state.js';
import { proceed, type Step } from '../step.js';

export const newPasswordStep: Step<ResetState, PasswordResetDone> = {
  name: 'new-password',
  doc: [{ code: '4018', check: 'the new password: 8-128 characters, not a common one, not the current one' }],
  async run(deps, state) {
    const password = requireAcceptablePassword(deps, state.newPassword ?? '', 'newPassword');
    state.newPassword = null;
    state.payload = { ...state.payload, newHash: await hashNewPassword(deps, state.account!, password) };
    return proceed;
  },
};
