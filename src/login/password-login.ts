/**
 * Password login, in the normative order of checks (CONTRACT §1): maintenance and rate limits run
 * before this (HTTP hooks), then credentials → email verified → frozen → (region, risk, 2FA).
 *
 * Protects: against credential guessing and account enumeration. Invariants: an unknown email costs
 * the same two argon2 verifications as a wrong password (current + previous/dummy), returns the same
 * 4000 body and writes nothing; facts about the account (unverified, frozen) are told only to a
 * caller who proved the password; every attempt on a known account lands in its login history.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { normalizeEmail } from '../accounts/email.js';
import { findAccountByEmail, findPreviousPasswordHash, rolesOf, type AccountRow } from '../accounts/store.js';
import { normalizePassword } from '../platform/passwords/policy.js';
import { deviceKeyFor, deviceNameFromUserAgent, findDeviceByKey, recordDeviceSignIn } from './devices.js';
import { recordLoginAttempt } from './history.js';
import { issueSession, type IssuedSession, type SessionKind } from './sessions.js';

type LoginDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'hasher' | 'metrics'>;

export interface LoginSuccess {
  status: 'ok';
  session: IssuedSession;
  accountId: string;
  deviceId: string;
  restrictions: string[];
}

interface AttemptScope {
  account: AccountRow;
  ctx: RequestContext;
  deviceKey: string;
  deviceName: string;
  knownDeviceId: string | null;
  flags: string[];
}

async function recordFailure(deps: LoginDeps, scope: AttemptScope, code: number, reason: string | null): Promise<void> {
  await recordLoginAttempt(deps.db, {
    id: deps.newId(),
    accountId: scope.account.id,
    atMs: deps.clock.nowMs(),
    ip: scope.ctx.ip,
    country: null,
    deviceId: scope.knownDeviceId,
    deviceName: scope.deviceName,
    result: { code, reason },
    flags: scope.flags,
  });
  deps.metrics.loginOutcomes.inc({ code: String(code), reason: reason ?? '' });
}

/** The second verification of a failed login: the previous password when there is one, else a dummy. */
async function matchesPreviousPassword(deps: LoginDeps, account: AccountRow | undefined, password: string) {
  const previous = account ? await findPreviousPasswordHash(deps.db, account.id) : null;
  if (!previous) {
    await deps.hasher.verifyDummy(password);
    return null;
  }
  return (await deps.hasher.verify(previous.hash, password)) ? previous : null;
}

export async function loginWithPassword(
  deps: LoginDeps,
  input: { email: string; password: string; audience: SessionKind },
  ctx: RequestContext,
): Promise<LoginSuccess> {
  const email = normalizeEmail(input.email);
  const password = normalizePassword(input.password);
  const account = await findAccountByEmail(deps.db, email);
  const passwordOk = account ? await deps.hasher.verify(account.password_hash, password) : await deps.hasher.verifyDummy(password);

  if (!account) {
    await matchesPreviousPassword(deps, undefined, password);
    deps.metrics.loginOutcomes.inc({ code: '4000', reason: '' });
    throw new AppError('INVALID_CREDENTIALS');
  }

  const deviceKey = deviceKeyFor(ctx.deviceKey, ctx.userAgent);
  const deviceName = ctx.deviceName ?? deviceNameFromUserAgent(ctx.userAgent);
  const known = await findDeviceByKey(deps.db, account.id, deviceKey);
  const scope: AttemptScope = {
    account,
    ctx,
    deviceKey,
    deviceName: known?.name ?? deviceName,
    knownDeviceId: known?.id ?? null,
    flags: known ? [] : ['new_device'],
  };

  if (!passwordOk) {
    const previous = await matchesPreviousPassword(deps, account, password);
    await recordFailure(deps, scope, 4000, previous ? 'old_password' : null);
    throw previous
      ? new AppError('INVALID_CREDENTIALS', { reason: 'old_password', details: { changedAt: new Date(previous.retiredAt).toISOString() } })
      : new AppError('INVALID_CREDENTIALS');
  }
  // A non-staff account on the staff door looks exactly like a wrong password.
  if (input.audience === 'staff' && rolesOf(account).length === 0) {
    await recordFailure(deps, scope, 4000, null);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (account.email_verified_at === null) {
    await recordFailure(deps, scope, 4019, null);
    throw new AppError('EMAIL_NOT_VERIFIED');
  }
  if (account.frozen_type !== null) {
    await recordFailure(deps, scope, 4002, account.frozen_type);
    throw new AppError('ACCOUNT_FROZEN', {
      reason: account.frozen_type,
      details: { freezeType: account.frozen_type, ticketHint: '/support/new?category=account_frozen' },
    });
  }

  const now = deps.clock.nowMs();
  const device = await recordDeviceSignIn(deps.db, {
    newId: deps.newId(),
    accountId: account.id,
    deviceKey,
    name: deviceName,
    userAgent: ctx.userAgent,
    ip: ctx.ip,
    country: null,
    nowMs: now,
  });
  const session = await issueSession(deps, { accountId: account.id, deviceId: device.deviceId, kind: input.audience, ip: ctx.ip });
  await recordLoginAttempt(deps.db, {
    id: deps.newId(),
    accountId: account.id,
    atMs: now,
    ip: ctx.ip,
    country: null,
    deviceId: device.deviceId,
    deviceName,
    result: null,
    flags: scope.flags,
  });
  deps.metrics.loginOutcomes.inc({ code: '0', reason: '' });
  return { status: 'ok', session, accountId: account.id, deviceId: device.deviceId, restrictions: [] };
}
