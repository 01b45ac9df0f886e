/** 4001: the region policy allows this function (withdraw, api_keys, trade) for this IP and KYC country. */
import { requireFunctionAllowed } from '../../region/service.js';
import type { ActionState } from '../action-state.js';
import { proceed, type Step } from '../step.js';

export function functionAllowedStep<S extends ActionState, A>(fn: string): Step<S, A> {
  return {
    name: 'function-allowed',
    doc: [{ code: '4001 function_restricted / region_blocked', check: `the region policy allows \`${fn}\` for this IP country and KYC country` }],
    async run(deps, state) {
      await requireFunctionAllowed(deps, state.account, state.ctx.ip, fn);
      return proceed;
    },
  };
}
