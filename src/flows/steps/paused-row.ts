/** The columns every paused login stores: where it stopped and what its later steps need. */
import type { Deps } from '../../deps.js';
import type { NewChallengeRow } from '../../login/store.js';
import type { LoginState } from '../login-state.js';
import type { FlowPosition } from '../step.js';

export function pausedRow(deps: Pick<Deps, 'geo'>, state: LoginState, at: FlowPosition): Omit<NewChallengeRow, 'id' | 'kind' | 'createdAtMs' | 'expiresAtMs'> {
  return {
    flow: at.flow,
    step: at.step,
    accountId: state.account!.id,
    audience: state.audience,
    deviceKey: state.deviceKey,
    deviceName: state.deviceName,
    userAgent: state.ctx.userAgent,
    ip: state.ctx.ip,
    country: state.startCountry ?? deps.geo.countryOf(state.ctx.ip),
    flags: state.flags,
    riskScore: state.riskScore,
    payload: state.payload,
  };
}
