/**
 * Step-up for a sensitive action: the current second factor when the account has one (TOTP, a backup
 * code, or a step-up code sent by email/SMS), else the password; or, with `password: 'always'`, the
 * password and then the second factor.
 */
import { proveCurrentPassword } from '../../accounts/reauth.js';
import { hasSecondFactor, proveSecondFactor } from '../../twofactor/step-up.js';
import { findTwoFactor } from '../../twofactor/store.js';
import type { ActionState } from '../action-state.js';
import { AppError } from '../../errors/app-error.js';
import { proceed, refuse, type Step } from '../step.js';

export function stepUpStep<S extends ActionState, A>(options: { password: 'always' | 'without_second_factor' }): Step<S, A> {
  return {
    name: 'step-up',
    doc: [
      {
        code: '4016',
        check: `the request carries ${options.password === 'always' ? 'the password and, when the account has one, ' : ''}the second factor (the password when the account has none); details.needs`,
      },
      { code: '1003', check: 'the code limits and the account-wide second-factor ceiling' },
      { code: '4000 / 4003', check: 'the password / the second-factor code' },
    ],
    async run(deps, state) {
      const withSecondFactor = hasSecondFactor(await findTwoFactor(deps.db, state.account.id));
      // Everything the request lacks is told at once, before any proof is checked.
      const needs = [
        ...((options.password === 'always' || !withSecondFactor) && state.password === undefined ? ['password'] : []),
        ...(withSecondFactor && !state.twoFactorCode ? ['twoFactor'] : []),
      ];
      if (needs.length > 0) return refuse(new AppError('REAUTH_REQUIRED', { details: { needs } }));
      if (options.password === 'always' || !withSecondFactor) await proveCurrentPassword(deps, state.account, state.password, state.ctx.ip);
      if (withSecondFactor) await proveSecondFactor(deps, state.account, state.twoFactorCode, state.ctx);
      return proceed;
    },
  };
}
