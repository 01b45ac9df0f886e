/**
 * Password login, in the normative order of checks (CONTRACT §1): maintenance runs before this (an
 * HTTP hook), then rate limits → credentials → email verified → frozen → (region, risk, 2FA).
 *
 * Protects: against credential guessing and account enumeration. Invariants: a failure slot is
 * reserved before any hash, so a blocked or over-limit attempt costs no argon2 work and writes
 * nothing; an unknown email costs the same two argon2 verifications as a wrong password (current +
 * previous/dummy), gets the same 4000 body and writes nothing; facts about the account (unverified,
 * frozen, device confirmation) are told only to a caller who proved the password; every attempt on
 * a known account lands in its login history.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { normalizeEmail } from '../accounts/email.js';
import {
  findAccountByEmail,
  findPreviousPasswordHash,
  replacePasswordHash,
  requireDeviceConfirmationUntil,
  rolesOf,
  type AccountRow,
} from '../accounts/store.js';
import { normalizePassword } from '../platform/passwords/policy.js';
import type { PasswordHasher } from '../platform/passwords/hasher.js';
import { isTicket, type AttemptTicket } from '../limits/auth-limits.js';
import { runAdmitted } from '../limits/admission.js';
import { deviceKeyFor, deviceNameFromUserAgent, findDeviceByKey } from './devices.js';
import { recordLoginAttempt } from './history.js';
import type { SessionKind } from './sessions.js';
import type { CompletedLogin } from './complete-login.js';
import { continueLogin } from './next-step.js';
import { deviceTokenMatches } from './device-token.js';
import { checkRegionAndRisk } from './region-and-risk.js';
import type { PendingLogin } from './challenge-store.js';
import type { SecondFactorRequired } from '../twofactor/second-factor.js';
import { startDeviceConfirmation, type PendingChallenge } from './device-confirmation.js';

type LoginDeps = Deps;

/** An account id no row has: unknown emails run the same queries as known ones, against nothing. */
const NO_ACCOUNT = '';

export type LoginResult = CompletedLogin | PendingChallenge | SecondFactorRequired;

interface AttemptScope {
  account: AccountRow;
  ctx: RequestContext;
  deviceName: string;
  knownDeviceId: string | null;
  flags: string[];
}

async function recordFailure(
  deps: LoginDeps,
  scope: AttemptScope,
  code: number,
  reason: string | null,
  extra: { flags?: string[]; riskScore?: number } = {},
): Promise<void> {
  await recordLoginAttempt(deps.db, {
    id: deps.newId(),
    accountId: scope.account.id,
    atMs: deps.clock.nowMs(),
    ip: scope.ctx.ip,
    country: deps.geo.countryOf(scope.ctx.ip),
    deviceId: scope.knownDeviceId,
    deviceName: scope.deviceName,
    result: { code, reason },
    flags: extra.flags ?? scope.flags,
    riskScore: extra.riskScore ?? null,
  });
  deps.metrics.loginOutcomes.inc({ code: String(code), reason: reason ?? '' });
}

/** Checks the password: the current hash, then on failure the previous one (or a dummy, same cost). */
async function checkPassword(deps: LoginDeps, hasher: PasswordHasher, account: AccountRow | undefined, password: string) {
  const current = account ? await hasher.verify(account.password_hash, password) : await hasher.verifyDummy(password);
  if (current) {
    const rehashed = account && hasher.needsRehash(account.password_hash) ? await hasher.hash(password) : null;
    return { ok: true as const, previous: null, rehashed };
  }
  // The same read for an unknown email (no row can match), so both paths cost the same.
  const previous = await findPreviousPasswordHash(deps.db, account?.id ?? NO_ACCOUNT);
  if (!previous) {
    await hasher.verifyDummy(password);
    return { ok: false as const, previous: null, rehashed: null };
  }
  return { ok: false as const, previous: (await hasher.verify(previous.hash, password)) ? previous : null, rehashed: null };
}

async function reserveOrRefuse(deps: LoginDeps, ip: string, email: string): Promise<AttemptTicket> {
  const reserved = await deps.limits.reserveLogin(ip, email);
  if (isTicket(reserved)) return reserved;
  if (reserved.ok) throw new Error('unreachable');
  deps.metrics.loginOutcomes.inc({ code: '1003', reason: reserved.reason });
  throw new AppError('TOO_MANY_REQUESTS', { reason: reserved.reason, retryAfterSeconds: reserved.retryAfterSeconds });
}

export async function loginWithPassword(
  deps: LoginDeps,
  input: { email: string; password: string; audience: SessionKind },
  ctx: RequestContext,
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const password = normalizePassword(input.password);
  const ticket = await reserveOrRefuse(deps, ctx.ip, email);

  const account = await findAccountByEmail(deps.db, email);
  const deviceKey = deviceKeyFor(ctx.deviceKey, ctx.userAgent);
  const found = await findDeviceByKey(deps.db, account?.id ?? NO_ACCOUNT, deviceKey);
  // Only a device that signed in to this very account before, by its own id (not by a User-Agent
  // hash anyone can copy), counts as known: it gets the priority lane and skips device confirmation.
  const provenByToken =
    found !== undefined && account !== undefined && deviceTokenMatches(deps.keys.device, ctx.deviceToken ?? undefined, account.id, deviceKey);
  const known = found && (!found.device_key.startsWith('ua:') || provenByToken) ? found : undefined;
  let checked: Awaited<ReturnType<typeof checkPassword>>;
  try {
    checked = await runAdmitted(deps, known ? 'priority' : 'normal', (hasher) => checkPassword(deps, hasher, account, password));
  } catch (err) {
    await deps.limits.notAttempted(ticket);
    if (err instanceof AppError) deps.metrics.loginOutcomes.inc({ code: '1003', reason: 'overloaded' });
    throw err;
  }

  const passwordOk = checked.ok && (input.audience === 'user' || (account !== undefined && rolesOf(account).length > 0));
  if (!passwordOk) {
    const { accountUnderAttack } = await deps.limits.failed(ticket);
    if (!account) {
      deps.metrics.loginOutcomes.inc({ code: '4000', reason: '' });
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (accountUnderAttack) {
      await requireDeviceConfirmationUntil(deps.db, account.id, deps.clock.nowMs() + deps.config.limits.account.confirmDevicesForSeconds * 1000);
    }
    const scope = attemptScope(account, ctx, known);
    // A non-staff account on the staff door looks exactly like a wrong password.
    const previous = checked.previous;
    // Written after the response: an unknown email writes nothing, so this must not add latency.
    deps.background.run(() => recordFailure(deps, scope, 4000, previous ? 'old_password' : null));
    throw previous
      ? new AppError('INVALID_CREDENTIALS', { reason: 'old_password', details: { changedAt: new Date(previous.retiredAt).toISOString() } })
      : new AppError('INVALID_CREDENTIALS');
  }
  await deps.limits.succeeded(ticket);
  const verifiedAccount = account!;
  if (checked.rehashed) await replacePasswordHash(deps.db, verifiedAccount.id, verifiedAccount.password_hash, checked.rehashed);
  const scope = attemptScope(verifiedAccount, ctx, known);

  if (verifiedAccount.email_verified_at === null) {
    await recordFailure(deps, scope, 4019, null);
    throw new AppError('EMAIL_NOT_VERIFIED');
  }
  if (verifiedAccount.frozen_type !== null) {
    await recordFailure(deps, scope, 4002, verifiedAccount.frozen_type);
    throw new AppError('ACCOUNT_FROZEN', {
      reason: verifiedAccount.frozen_type,
      details: { freezeType: verifiedAccount.frozen_type, ticketHint: '/support/new?category=account_frozen' },
    });
  }
  const risk = await checkRegionAndRisk(deps, verifiedAccount, ctx, known, (code, reason, extra) => recordFailure(deps, scope, code, reason, extra));
  const deviceName = ctx.deviceName ?? deviceNameFromUserAgent(ctx.userAgent);
  const underAttack = (verifiedAccount.confirm_new_devices_until ?? 0) > deps.clock.nowMs();
  const login: PendingLogin = {
    accountId: verifiedAccount.id,
    audience: input.audience,
    deviceKey,
    deviceName,
    userAgent: ctx.userAgent,
    ip: ctx.ip,
    flags: risk.flags,
    kycCountry: verifiedAccount.kyc_country,
    riskScore: risk.riskScore,
  };
  if (risk.confirmDevice || (!known && underAttack)) return startDeviceConfirmation(deps, verifiedAccount, login);
  return continueLogin(deps, login);
}

function attemptScope(account: AccountRow, ctx: RequestContext, known: { id: string; name: string; user_agent: string } | undefined): AttemptScope {
  return {
    account,
    ctx,
    deviceName: known?.name ?? ctx.deviceName ?? deviceNameFromUserAgent(ctx.userAgent),
    knownDeviceId: known?.id ?? null,
    flags: known ? [] : ['new_device'],
  };
}
