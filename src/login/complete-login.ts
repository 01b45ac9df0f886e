/** The last step of every successful login path: remember the device, issue the session, log it. */
import type { Deps } from '../deps.js';
import { recordDeviceSignIn } from './devices.js';
import { recordLoginAttempt } from './history.js';
import { issueSession, type IssuedSession } from './sessions.js';
import type { PendingLogin } from './challenge-store.js';
import { issueDeviceToken } from './device-token.js';
import { currentRestrictions } from '../region/service.js';

export interface CompletedLogin {
  status: 'ok';
  session: IssuedSession;
  /** Proof for later logins that this device signed in here (see device-token.ts). */
  deviceToken: string;
  accountId: string;
  deviceId: string;
  restrictions: string[];
}

export async function completeLogin(
  deps: Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'metrics' | 'geo' | 'region' | 'keys'>,
  input: PendingLogin,
): Promise<CompletedLogin> {
  const now = deps.clock.nowMs();
  const country = deps.geo.countryOf(input.ip);
  // One transaction for the three writes: one commit instead of three.
  const { device, session } = await deps.db.transaction().execute(async (trx) => {
    const device = await recordDeviceSignIn(trx, {
      newId: deps.newId,
      accountId: input.accountId,
      deviceKey: input.deviceKey,
      name: input.deviceName,
      userAgent: input.userAgent,
      ip: input.ip,
      country,
      nowMs: now,
    });
    const session = await issueSession({ ...deps, db: trx }, { accountId: input.accountId, deviceId: device.deviceId, kind: input.audience, ip: input.ip });
    await recordLoginAttempt(trx, {
      id: deps.newId(),
      accountId: input.accountId,
      atMs: now,
      ip: input.ip,
      country,
      deviceId: device.deviceId,
      deviceName: input.deviceName,
      result: null,
      flags: input.flags,
      riskScore: input.riskScore ?? null,
    });
    return { device, session };
  });
  deps.metrics.loginOutcomes.inc({ code: '0', reason: '' });
  const restrictions = await currentRestrictions(deps, { kyc_country: input.kycCountry }, input.ip);
  const deviceToken = issueDeviceToken(deps.keys.device, input.accountId, input.deviceKey);
  return { status: 'ok', session, deviceToken, accountId: input.accountId, deviceId: device.deviceId, restrictions };
}
