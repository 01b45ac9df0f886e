/** 4015: no sensitive function for 24 hours after a security change (password, second factor). */
import { AppError } from '../../errors/app-error.js';
import type { ActionState } from '../action-state.js';
import { proceed, refuse, type Step } from '../step.js';

export function securityHoldStep<S extends ActionState, A>(fn: string): Step<S, A> {
  return {
    name: 'security-hold',
    doc: [{ code: '4015', check: 'no security hold runs (24 h after a password or second-factor change); details.until, details.cause' }],
    async run(deps, state) {
      const until = state.account.security_hold_until;
      if (until === null || until <= deps.clock.nowMs()) return proceed;
      return refuse(new AppError('SECURITY_HOLD', { details: { until: new Date(until).toISOString(), cause: 'security_change', function: fn } }));
    },
  };
}
