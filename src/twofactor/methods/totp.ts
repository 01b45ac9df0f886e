/**
 * TOTP as a second factor: one check for login, staff login and step-up.
 *
 * Protects: against replay and brute force of 6-digit codes. Invariants: a code is accepted once, and
 * never an older step after it (acceptTotpStep); a code 2-10 steps BEHIND the clock is diagnosed as
 * `clock_skew` at once (such a step can never become valid again, so telling it leaks nothing); a
 * code AHEAD of the clock would become valid later, so telling it would reveal a code that will be
 * accepted: its step is burned (never accepted, whatever is answered), and `clock_skew` is told only
 * when two consecutive codes are ahead by the same offset but for different steps, which a phone whose
 * clock runs ahead produces and a guesser practically never does (about 1 in 10^11 per pair).
 */
import { openSecret } from '../../platform/secret-box.js';
import { acceptTotpStep, burnTotpStep, findTwoFactor, forgetTotpAhead, recordTotpAhead } from '../store.js';
import { checkTotp, totpStep } from '../totp.js';
import type { SecondFactorMethod, Verdict } from './method.js';

/** A repeated "ahead" code counts only if the previous one was at most this many steps before. */
const AHEAD_MEMORY_STEPS = 20;

export const totpMethod: SecondFactorMethod = {
  id: 'totp',
  forStaff: true,
  isOn: (row) => row?.totp_enabled_at != null,
  async verify(deps, { account, code }): Promise<Verdict> {
    const row = await findTwoFactor(deps.db, account.id);
    if (!row?.totp_secret_enc) return { ok: false, reason: 'invalid_code' };
    const now = deps.clock.nowMs();
    const result = checkTotp(openSecret(deps.keys.totp, row.totp_secret_enc, account.id), code, now);
    if (result.kind === 'match') return (await acceptTotpStep(deps.db, account.id, result.step)) ? { ok: true } : { ok: false, reason: 'code_reused' };
    if (result.kind === 'skew' && result.offsetSteps > 0) {
      await burnTotpStep(deps.db, account.id, result.step, now);
      const repeated = await recordTotpAhead(deps.db, account.id, result.offsetSteps, result.step, totpStep(now) - AHEAD_MEMORY_STEPS);
      return repeated ? { ok: false, reason: 'clock_skew', details: { skewSeconds: result.skewSeconds } } : { ok: false, reason: 'invalid_code' };
    }
    if (row.totp_skew_offset !== null) await forgetTotpAhead(deps.db, account.id);
    if (result.kind === 'skew') return { ok: false, reason: 'clock_skew', details: { skewSeconds: result.skewSeconds } };
    return { ok: false, reason: 'invalid_code' };
  },
};
