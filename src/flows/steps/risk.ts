/**
 * The risk engine on a login: its signals become the history's flags; a freeze answers 4002 risk
 * (and ends every session); a high score, or a new device while the account is under a distributed
 * attack, asks for an emailed device approval (the next step).
 */
import { AppError } from '../../errors/app-error.js';
import { freezeAccount, frozenDetails } from '../../accounts/freeze.js';
import { assessRisk } from '../../risk/engine.js';
import { loginFacts } from '../../risk/login-facts.js';
import type { LoginAnswer, LoginState } from '../login-state.js';
import { proceed, refuse, type Step } from '../step.js';
import { successFootprint } from '../../login/store.js';

const HISTORY_MS = 90 * 86_400_000;

export const riskStep: Step<LoginState, LoginAnswer> = {
  name: 'risk',
  doc: [
    { code: '4002 risk', check: 'the risk engine (new device, new country, fingerprint change, abnormal network) does not freeze the account' },
    { code: '—', check: 'a high score, or a new device while the account is under attack, asks for device confirmation' },
  ],
  async run(deps, state) {
    const account = state.account!;
    const footprint = await successFootprint(deps.db, account.id, deps.clock.nowMs() - HISTORY_MS);
    const facts = loginFacts({
      ip: state.ctx.ip,
      ipCountry: deps.geo.countryOf(state.ctx.ip),
      userAgent: state.ctx.userAgent,
      knownDevice: state.knownDevice,
      footprint,
    });
    const decision = await assessRisk(deps, account.id, facts);
    state.flags = decision.signals.map((s) => s.rule);
    state.riskScore = decision.score;
    if (decision.action === 'freeze') {
      await freezeAccount(deps, account.id, 'risk', `risk decision ${decision.id}: ${state.flags.join(', ')}`);
      return refuse(new AppError('ACCOUNT_FROZEN', { reason: 'risk', details: frozenDetails('risk') }));
    }
    const underAttack = (account.confirm_new_devices_until ?? 0) > deps.clock.nowMs();
    state.confirmDevice = decision.action === 'confirm_device' || (state.knownDevice === null && underAttack);
    return proceed;
  },
};
