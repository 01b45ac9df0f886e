/** The last step of every successful login path: remember the device, issue the session, log it. */
import type { Deps } from '../deps.js';
import { recordDeviceSignIn } from './devices.js';
import { recordLoginAttempt } from './history.js';
import { issueSession, type IssuedSession } from './sessions.js';
import type { PendingLogin } from './challenge-store.js';
import { findAccountById } from '../accounts/store.js';
import { currentRestrictions } from '../region/service.js';

export interface CompletedLogin {
  status: 'ok';
  session: IssuedSession;
  accountId: string;
  deviceId: string;
  restrictions: string[];
}

export async function completeLogin(
  deps: Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'metrics' | 'geo' | 'region'>,
  input: PendingLogin,
): Promise<CompletedLogin> {
  const now = deps.clock.nowMs();
  const country = deps.geo.countryOf(input.ip);
  const device = await recordDeviceSignIn(deps.db, {
    newId: deps.newId(),
    accountId: input.accountId,
    deviceKey: input.deviceKey,
    name: input.deviceName,
    userAgent: input.userAgent,
    ip: input.ip,
    country,
    nowMs: now,
  });
  const session = await issueSession(deps, { accountId: input.accountId, deviceId: device.deviceId, kind: input.audience, ip: input.ip });
  await recordLoginAttempt(deps.db, {
    id: deps.newId(),
    accountId: input.accountId,
    atMs: now,
    ip: input.ip,
    country,
    deviceId: device.deviceId,
    deviceName: input.deviceName,
    result: null,
    flags: input.flags,
  });
  deps.metrics.loginOutcomes.inc({ code: '0', reason: '' });
  const account = await findAccountById(deps.db, input.accountId);
  const restrictions = account ? await currentRestrictions(deps, account, input.ip) : [];
  return { status: 'ok', session, accountId: input.accountId, deviceId: device.deviceId, restrictions };
}
