/**
 * The last step of every successful login: remember the device, issue the session, record the
 * sign-in (one transaction), and tell the owner about a first sign-in from a new country.
 */
import { sendSecurityNotice } from '../../accounts/security-notice.js';
import { issueDeviceToken } from '../../limits/device-token.js';
import { loginMails } from '../../login/mails.js';
import { issueSession } from '../../login/sessions.js';
import { recordDeviceSignIn, recordFootprint, recordLoginAttempt } from '../../login/store.js';
import { networkOf } from '../../limits/client-ip.js';
import { currentRestrictions } from '../../region/service.js';
import type { CompletedLogin, LoginAnswer, LoginState } from '../login-state.js';
import { done, type Step } from '../step.js';

export const sessionStep: Step<LoginState, LoginAnswer> = {
  name: 'session',
  doc: [{ code: '200', check: 'a new session (token or cookie), the device remembered, the sign-in in the history' }],
  async run(deps, state) {
    const account = state.account!;
    const now = deps.clock.nowMs();
    const { ip, userAgent } = state.ctx;
    const country = deps.geo.countryOf(ip);
    const { device, session } = await deps.db.transaction().execute(async (trx) => {
      const device = await recordDeviceSignIn(trx, {
        newId: deps.newId,
        accountId: account.id,
        deviceKey: state.deviceKey,
        name: state.deviceName,
        userAgent,
        ip,
        country,
        nowMs: now,
      });
      const session = await issueSession({ ...deps, db: trx }, { accountId: account.id, deviceId: device.deviceId, kind: state.audience, ip });
      await recordFootprint(trx, { accountId: account.id, network: networkOf(ip), country, nowMs: now });
      await recordLoginAttempt(trx, {
        id: deps.newId(),
        accountId: account.id,
        atMs: now,
        ip,
        country,
        deviceId: device.deviceId,
        deviceKey: state.deviceKey,
        deviceName: state.deviceName,
        result: null,
        flags: state.flags,
        riskScore: state.riskScore,
      });
      return { device, session };
    });
    deps.metrics.loginOutcomes.inc({ code: '0', reason: '' });
    if (state.flags.includes('new_country')) {
      const event = { atMs: now, ip, country, device: state.deviceName };
      await sendSecurityNotice(deps, account, (locale) => loginMails.newCountry(locale, event));
    }
    const answer: CompletedLogin = {
      status: 'ok',
      session,
      deviceToken: issueDeviceToken(deps.keys.device, account.id, state.deviceKey),
      accountId: account.id,
      deviceId: device.deviceId,
      restrictions: await currentRestrictions(deps, account, ip),
    };
    return done(answer);
  },
};
