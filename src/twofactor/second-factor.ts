/**
 * The second step of login (4003): a challenge of 5 minutes and at most 5 wrong codes, answered with
 * TOTP, a backup code, or an email/SMS code bound to the challenge.
 *
 * Invariants: no session without the second factor when one is on; each try takes one of the
 * challenge's 5 slots (one atomic increment) and failures count against the 1003 code limits; every single-use thing (TOTP
 * step, backup code, email/SMS code, the challenge itself) is consumed by one conditional UPDATE, so
 * parallel submissions of one code yield one session; the owner is mailed about every failure.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { randomToken } from '../platform/random.js';
import { openSecret } from '../platform/secret-box.js';
import { consumeEmailCode, issueEmailCode } from '../accounts/email-codes.js';
import { findAccountById } from '../accounts/store.js';
import { sendSecurityNotice } from '../accounts/disable.js';
import { enforce } from '../accounts/registration.js';
import { isTicket } from '../limits/auth-limits.js';
import { recordLoginAttempt } from '../login/history.js';
import { completeLogin, type CompletedLogin } from '../login/complete-login.js';
import { insertLoginChallenge, pendingLoginOf, type PendingLogin } from '../login/challenge-store.js';
import { consumeBackupCode, countBackupCodesLeft } from './backup-codes.js';
import { twoFactorMails } from './mails.js';
import { acceptTotpStep, findTwoFactor, type TwoFactorMethod } from './store.js';
import { checkTotp } from './totp.js';

export const SECOND_FACTOR_TTL_MS = 5 * 60 * 1000;
export const SECOND_FACTOR_MAX_FAILURES = 5;

export interface SecondFactorRequired {
  status: '2fa_required';
  challenge: { id: string; expiresAt: string; methods: TwoFactorMethod[] };
}

type SecondFactorDeps = Deps;

export async function startSecondFactor(deps: SecondFactorDeps, login: PendingLogin, methods: TwoFactorMethod[]): Promise<SecondFactorRequired> {
  const now = deps.clock.nowMs();
  const id = randomToken(deps.random, 16);
  const expiresAtMs = now + SECOND_FACTOR_TTL_MS;
  await insertLoginChallenge(deps.db, { id, kind: '2fa', login, methods, createdAtMs: now, expiresAtMs });
  return { status: '2fa_required', challenge: { id, expiresAt: new Date(expiresAtMs).toISOString(), methods } };
}

async function liveChallenge(deps: Pick<Deps, 'db' | 'clock'>, id: string) {
  const row = await deps.db.selectFrom('login_challenges').selectAll().where('id', '=', id).where('kind', '=', '2fa').executeTakeFirst();
  if (!row || row.expires_at <= deps.clock.nowMs() || row.completed_at !== null || row.failed_attempts >= SECOND_FACTOR_MAX_FAILURES) {
    throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
  }
  return { ...row, offered: JSON.parse(row.methods) as TwoFactorMethod[] };
}

function requireOffered(offered: TwoFactorMethod[], method: TwoFactorMethod): void {
  if (!offered.includes(method)) throw new AppError('VALIDATION_FAILED', { details: { fields: { method: 'not enabled for this account' } } });
}

/** Sends (or re-sends) an email/SMS code for the challenge; a resend retires the earlier code. */
export async function sendSecondFactorCode(deps: SecondFactorDeps, input: { challengeId: string; method: 'email' | 'sms' }): Promise<void> {
  const challenge = await liveChallenge(deps, input.challengeId);
  requireOffered(challenge.offered, input.method);
  enforce(await deps.limits.sendCooldown(`2fa:${challenge.id}:${input.method}`));
  const account = await findAccountById(deps.db, challenge.account_id);
  const twoFactor = await findTwoFactor(deps.db, challenge.account_id);
  const to = input.method === 'email' ? account?.email : twoFactor?.sms_phone;
  if (!account || !to) throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
  const { code } = await issueEmailCode(deps, { email: `challenge:${challenge.id}`, purpose: input.method === 'email' ? '2fa_email' : '2fa_sms' });
  await deps.mailer.send(twoFactorMails.loginCode(to, input.method, code, Math.round(deps.config.verification.codeTtlSeconds / 60)));
}

type Verdict = { ok: true; backupCodesLeft?: number } | { ok: false; reason: string; details?: Record<string, unknown> };

async function checkCode(deps: SecondFactorDeps, accountId: string, challengeId: string, method: TwoFactorMethod, code: string): Promise<Verdict> {
  const now = deps.clock.nowMs();
  switch (method) {
    case 'totp': {
      const row = await findTwoFactor(deps.db, accountId);
      if (!row?.totp_secret_enc) return { ok: false, reason: 'invalid_code' };
      const result = checkTotp(openSecret(deps.keys.totp, row.totp_secret_enc, accountId), code, now);
      if (result.kind === 'skew') return { ok: false, reason: 'clock_skew', details: { skewSeconds: result.skewSeconds } };
      if (result.kind === 'invalid') return { ok: false, reason: 'invalid_code' };
      return (await acceptTotpStep(deps.db, accountId, result.step)) ? { ok: true } : { ok: false, reason: 'code_reused' };
    }
    case 'backup_code': {
      if (await consumeBackupCode(deps, accountId, code)) return { ok: true, backupCodesLeft: await countBackupCodesLeft(deps.db, accountId) };
      if ((await countBackupCodesLeft(deps.db, accountId)) === 0) {
        return { ok: false, reason: 'backup_codes_exhausted', details: { ticketHint: '/support/new?category=reset_2fa' } };
      }
      return { ok: false, reason: 'invalid_code' };
    }
    case 'email':
    case 'sms': {
      const consumed = await consumeEmailCode(deps, { email: `challenge:${challengeId}`, purpose: method === 'email' ? '2fa_email' : '2fa_sms', code });
      return consumed ? { ok: true } : { ok: false, reason: 'invalid_code' };
    }
  }
}

export async function verifySecondFactor(
  deps: SecondFactorDeps,
  input: { challengeId: string; method: TwoFactorMethod; code: string; audience?: 'staff' },
  ctx: RequestContext,
): Promise<CompletedLogin> {
  const challenge = await liveChallenge(deps, input.challengeId);
  if (input.audience && challenge.audience !== input.audience) throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
  requireOffered(challenge.offered, input.method);
  // The 1003 limits first: a refused request must not use up one of the challenge's tries.
  const ticket = await deps.limits.reserveCode(ctx.ip, `2fa:${challenge.account_id}`);
  if (!isTicket(ticket)) {
    enforce(ticket);
    throw new Error('unreachable');
  }
  // Each try takes one of the challenge's 5 slots in one atomic step, so parallel tries cannot exceed it.
  const slot = await deps.db
    .updateTable('login_challenges')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', challenge.id)
    .where('failed_attempts', '<', SECOND_FACTOR_MAX_FAILURES)
    .where('completed_at', 'is', null)
    .returning(['failed_attempts'])
    .executeTakeFirst();
  if (!slot) {
    await deps.limits.notAttempted(ticket);
    throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
  }
  const verdict = await checkCode(deps, challenge.account_id, challenge.id, input.method, input.code);
  const now = deps.clock.nowMs();
  const account = await findAccountById(deps.db, challenge.account_id);
  if (!verdict.ok || !account) {
    await deps.limits.failed(ticket);
    const reason = verdict.ok ? 'invalid_code' : verdict.reason;
    if (account) {
      await recordLoginAttempt(deps.db, {
        id: deps.newId(),
        accountId: account.id,
        atMs: now,
        ip: ctx.ip,
        country: deps.geo.countryOf(ctx.ip),
        deviceId: null,
        deviceName: challenge.device_name,
        result: { code: 4003, reason },
        flags: JSON.parse(challenge.flags) as string[],
      });
      await sendSecurityNotice(deps, account.id, twoFactorMails.secondFactorFailed(account.email, new Date(now), ctx.ip, challenge.device_name));
    }
    deps.metrics.loginOutcomes.inc({ code: '4003', reason });
    throw new AppError('TWO_FACTOR_FAILED', { reason, ...(verdict.ok ? {} : verdict.details ? { details: verdict.details } : {}) });
  }
  await deps.limits.succeeded(ticket);
  // Frozen since the password step (risk, self-disable, staff): no session.
  if (account.frozen_type !== null) {
    throw new AppError('ACCOUNT_FROZEN', {
      reason: account.frozen_type,
      details: { freezeType: account.frozen_type, ticketHint: '/support/new?category=account_frozen' },
    });
  }
  const claimed = await deps.db
    .updateTable('login_challenges')
    .set({ completed_at: now })
    .where('id', '=', challenge.id)
    .where('completed_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
  if (!claimed) throw new AppError('TWO_FACTOR_FAILED', { reason: 'challenge_expired' });
  if (verdict.backupCodesLeft !== undefined) {
    await sendSecurityNotice(deps, account.id, twoFactorMails.backupCodeUsed(account.email, new Date(now), ctx.ip, verdict.backupCodesLeft));
  }
  return completeLogin(deps, pendingLoginOf(challenge, account, [`2fa_${input.method}`], ctx.ip));
}
