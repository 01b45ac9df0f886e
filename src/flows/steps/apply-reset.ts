/** The new password in place: every session ends, withdrawals are held 24 h, the owner gets a notice. */
import { applyNewPassword } from '../../accounts/password-change.js';
import type { PasswordResetDone } from '../login-state.js';
import type { ResetState } from '../reset-state.js';
import { done, type Step } from '../step.js';

export const applyResetStep: Step<ResetState, PasswordResetDone> = {
  name: 'apply',
  doc: [{ code: '200', check: 'the password replaced (the old one moves to the history), every session ended, a 24-hour security hold, a notice' }],
  async run(deps, state) {
    await applyNewPassword(deps, { account: state.account!, newHash: String(state.payload.newHash), why: 'password_reset', ctx: state.ctx });
    return done({ status: 'password_reset' });
  },
};
