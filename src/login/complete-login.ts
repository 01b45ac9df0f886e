/** The last step of every successful login path: remember the device, issue the session, log it. */
import type { Deps } from '../deps.js';
import { recordDeviceSignIn } from './devices.js';
import { recordLoginAttempt } from './history.js';
import { issueSession, type IssuedSession } from './sessions.js';
import type { PendingLogin } from './challenge-store.js';

export interface CompletedLogin {
  status: 'ok';
  session: IssuedSession;
  accountId: string;
  deviceId: string;
  restrictions: string[];
}

export async function completeLogin(
  deps: Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'metrics'>,
  input: PendingLogin,
): Promise<CompletedLogin> {
  const now = deps.clock.nowMs();
  const device = await recordDeviceSignIn(deps.db, {
    newId: deps.newId(),
    accountId: input.accountId,
    deviceKey: input.deviceKey,
    name: input.deviceName,
    userAgent: input.userAgent,
    ip: input.ip,
    country: null,
    nowMs: now,
  });
  const session = await issueSession(deps, { accountId: input.accountId, deviceId: device.deviceId, kind: input.audience, ip: input.ip });
  await recordLoginAttempt(deps.db, {
    id: deps.newId(),
    accountId: input.accountId,
    atMs: now,
    ip: input.ip,
    country: null,
    deviceId: device.deviceId,
    deviceName: input.deviceName,
    result: null,
    flags: input.flags,
  });
  deps.metrics.loginOutcomes.inc({ code: '0', reason: '' });
  return { status: 'ok', session, accountId: input.accountId, deviceId: device.deviceId, restrictions: [] };
}
