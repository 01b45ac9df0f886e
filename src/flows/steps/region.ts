/**
 * 4001: the region policy in force (the admin's stored one, or the file's) for this request's IP
 * country and the account's KYC country; a running region-hopping cool-down; and hopping itself, read
 * against the live policy. Runs again when a paused login resumes, for the IP that resumes it.
 */
import { AppError } from '../../errors/app-error.js';
import { setRegionHopCooldown } from '../../accounts/store.js';
import { countriesWithin, isHopping } from '../../region/hopping.js';
import { evaluateRegion } from '../../region/policy.js';
import { recordRiskDecision } from '../../risk/engine.js';
import type { LoginAnswer, LoginState } from '../login-state.js';
import { proceed, refuse, type Step } from '../step.js';
import { passwordCorrectCountriesSince } from '../../login/store.js';

export const regionStep: Step<LoginState, LoginAnswer> = {
  name: 'region',
  doc: [
    { code: '4001 region_blocked', check: 'the region policy allows this IP country with this KYC country' },
    { code: '4001 region_hopping', check: 'no region-hopping cool-down runs, and this sign-in does not make too many countries within the window' },
  ],
  recheck: true,
  async run(deps, state) {
    const account = state.account!;
    const now = deps.clock.nowMs();
    const ipCountry = deps.geo.countryOf(state.ctx.ip);
    const policy = await deps.region.policy();
    if (evaluateRegion(policy, ipCountry, account.kyc_country).action === 'deny') {
      return refuse(new AppError('REGION_RESTRICTED', { reason: 'region_blocked', details: { ipCountry } }));
    }
    if ((account.region_hop_until ?? 0) > now) {
      return refuse(
        new AppError('REGION_RESTRICTED', { reason: 'region_hopping', details: { ipCountry, until: new Date(account.region_hop_until!).toISOString() } }),
      );
    }
    const recent = await passwordCorrectCountriesSince(deps.db, account.id, now - policy.hopping.windowSeconds * 1000);
    const countries = countriesWithin(recent, [state.startCountry, ipCountry]);
    if (!isHopping(countries, policy.hopping)) return proceed;
    const until = now + policy.hopping.cooldownSeconds * 1000;
    await setRegionHopCooldown(deps.db, account.id, until);
    const explanation = `${countries.length} countries within ${Math.round(policy.hopping.windowSeconds / 60)} minutes: ${countries.join(', ')}`;
    const decision = await recordRiskDecision(deps, account.id, 'login', 'deny', [
      { rule: 'region_hopping', score: deps.config.risk.scores.regionHopping, explanation },
    ]);
    state.flags = [...state.flags, 'region_hopping'];
    state.riskScore = decision.score;
    return refuse(new AppError('REGION_RESTRICTED', { reason: 'region_hopping', details: { ipCountry, until: new Date(until).toISOString() } }));
  },
};
