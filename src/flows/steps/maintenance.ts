/** 1100 first: while maintenance is on, no flow starts or resumes (the staff flows do not have this step). */
import { maintenanceError } from '../../maintenance/service.js';
import { proceed, refuse, type Step } from '../step.js';

export function maintenanceStep<S>(): Step<S, never> {
  return {
    name: 'maintenance',
    doc: [{ code: '1100', check: 'maintenance mode is off (staff flows skip this step)' }],
    recheck: true,
    async run(deps) {
      const state = await deps.maintenance.current();
      return state.enabled ? refuse(maintenanceError(state, deps.clock), 'never') : proceed;
    },
  };
}
