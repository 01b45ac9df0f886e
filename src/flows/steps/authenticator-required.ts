/** 4012 two_factor_required: some functions (API keys) need an authenticator app on the account. */
import { AppError } from '../../errors/app-error.js';
import { totpMethod } from '../../twofactor/methods/totp.js';
import { findTwoFactor } from '../../twofactor/store.js';
import type { ActionState } from '../action-state.js';
import { proceed, refuse, type Step } from '../step.js';

export function authenticatorRequiredStep<S extends ActionState, A>(): Step<S, A> {
  return {
    name: 'authenticator-required',
    doc: [{ code: '4012 two_factor_required', check: 'the account has an authenticator app (TOTP) on' }],
    async run(deps, state) {
      return totpMethod.isOn(await findTwoFactor(deps.db, state.account.id)) ? proceed : refuse(new AppError('FORBIDDEN', { reason: 'two_factor_required' }));
    },
  };
}
