/**
 * The security center's second-factor changes: TOTP setup/enable/disable and rebinding, backup
 * codes, email and SMS codes.
 *
 * Invariants: setting up needs the password; rebinding (setup while TOTP is on), disabling and
 * regenerating need a current TOTP or backup code; a new secret only becomes active after a valid
 * code from it; secrets are sealed at rest and shown once; every change holds withdrawals for 24 h
 * and mails the owner.
 */
import QRCode from 'qrcode';
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { openSecret, sealSecret } from '../platform/secret-box.js';
import { consumeEmailCode, issueEmailCode } from '../accounts/email-codes.js';
import { enforce } from '../accounts/registration.js';
import { proveCurrentPassword } from '../accounts/reauth.js';
import { sendSecurityNotice } from '../accounts/disable.js';
import { extendSecurityHold, rolesOf, type AccountRow } from '../accounts/store.js';
import { limitedCodeCheck } from '../limits/limited-check.js';
import { normalizePhone } from '../platform/sms/phone.js';
import { consumeBackupCode, issueBackupCodes } from './backup-codes.js';
import { twoFactorMails } from './mails.js';
import { acceptTotpStep, ensureTwoFactorRow, findTwoFactor } from './store.js';
import { checkTotp, otpauthUri, secretToBase32 } from './totp.js';

export const SECURITY_HOLD_AFTER_2FA_CHANGE_MS = 24 * 3600 * 1000;
const PENDING_SETUP_TTL_MS = 15 * 60 * 1000;

type EnrollDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'keys' | 'config' | 'hasher' | 'hashGate' | 'limits' | 'mailer'>;

function twoFactorFailed(reason: string, details?: Record<string, unknown>): AppError {
  return new AppError('TWO_FACTOR_FAILED', { reason, ...(details ? { details } : {}) });
}

/** Proves the current second factor (TOTP, else a backup code), under the 1003 code limits. */
export async function proveSecondFactor(deps: EnrollDeps, account: AccountRow, code: string | undefined, ip: string): Promise<void> {
  if (!code) throw new AppError('REAUTH_REQUIRED', { details: { needs: ['twoFactor'] } });
  await limitedCodeCheck(deps.limits, ip, `2fa:${account.id}`, async () => {
    const row = await findTwoFactor(deps.db, account.id);
    if (row?.totp_secret_enc && /^\s*\d{6}\s*$/.test(code)) {
      const result = checkTotp(openSecret(deps.keys.totp, row.totp_secret_enc, account.id), code, deps.clock.nowMs());
      if (result.kind === 'match') return (await acceptTotpStep(deps.db, account.id, result.step)) ? null : twoFactorFailed('code_reused');
      if (result.kind === 'skew') return twoFactorFailed('clock_skew', { skewSeconds: result.skewSeconds });
      return twoFactorFailed('invalid_code');
    }
    return (await consumeBackupCode(deps, account.id, code)) ? null : twoFactorFailed('invalid_code');
  });
}

async function afterChange(deps: EnrollDeps, account: AccountRow): Promise<Date> {
  const now = deps.clock.nowMs();
  await extendSecurityHold(deps.db, account.id, now + SECURITY_HOLD_AFTER_2FA_CHANGE_MS);
  return new Date(now);
}

export async function setupTotp(deps: EnrollDeps, account: AccountRow, input: { password?: string; code?: string }, ctx: RequestContext) {
  await proveCurrentPassword(deps, account, input.password, ctx.ip);
  const current = await findTwoFactor(deps.db, account.id);
  if (current?.totp_enabled_at != null) await proveSecondFactor(deps, account, input.code, ctx.ip);
  await ensureTwoFactorRow(deps.db, account.id);
  const secret = deps.random.bytes(20);
  await deps.db
    .updateTable('two_factor')
    .set({ totp_pending_secret_enc: sealSecret(deps.keys.totp, secret, account.id), totp_pending_at: deps.clock.nowMs() })
    .where('account_id', '=', account.id)
    .execute();
  const uri = otpauthUri(secret, account.email);
  return { secret: secretToBase32(secret), otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

export async function enableTotp(deps: EnrollDeps, account: AccountRow, input: { code: string }, ctx: RequestContext): Promise<{ backupCodes: string[] }> {
  const row = await findTwoFactor(deps.db, account.id);
  const now = deps.clock.nowMs();
  if (!row?.totp_pending_secret_enc || (row.totp_pending_at ?? 0) + PENDING_SETUP_TTL_MS <= now) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const pending = row.totp_pending_secret_enc;
  let step = 0;
  await limitedCodeCheck(deps.limits, ctx.ip, `2fa:${account.id}`, async () => {
    const result = checkTotp(openSecret(deps.keys.totp, pending, account.id), input.code, now);
    if (result.kind === 'match') {
      step = result.step;
      return null;
    }
    return result.kind === 'skew' ? twoFactorFailed('clock_skew', { skewSeconds: result.skewSeconds }) : twoFactorFailed('invalid_code');
  });
  const rebinding = row.totp_enabled_at !== null;
  const backupCodes = await deps.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('two_factor')
      .set({ totp_secret_enc: row.totp_pending_secret_enc, totp_enabled_at: now, totp_last_step: step, totp_pending_secret_enc: null, totp_pending_at: null })
      .where('account_id', '=', account.id)
      .where('totp_pending_secret_enc', '=', row.totp_pending_secret_enc)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AppError('INVALID_OR_EXPIRED_CODE');
    return issueBackupCodes(deps, account.id, trx);
  });
  const at = await afterChange(deps, account);
  await sendSecurityNotice(
    deps,
    account.id,
    rebinding ? twoFactorMails.totpRebound(account.email, at, ctx.ip) : twoFactorMails.totpEnabled(account.email, at, ctx.ip),
  );
  return { backupCodes };
}

export async function disableTotp(deps: EnrollDeps, account: AccountRow, input: { password: string; code: string }, ctx: RequestContext): Promise<void> {
  const row = await findTwoFactor(deps.db, account.id);
  if (row?.totp_enabled_at == null) throw new AppError('VALIDATION_FAILED', { details: { fields: { totp: 'not enabled' } } });
  // Staff may rebind their authenticator but never go without one.
  if (rolesOf(account).length > 0) throw new AppError('FORBIDDEN', { reason: 'staff_totp_required' });
  await proveCurrentPassword(deps, account, input.password, ctx.ip);
  await proveSecondFactor(deps, account, input.code, ctx.ip);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('two_factor')
      .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, totp_pending_secret_enc: null, totp_pending_at: null })
      .where('account_id', '=', account.id)
      .execute();
    await trx.deleteFrom('backup_codes').where('account_id', '=', account.id).execute();
  });
  const at = await afterChange(deps, account);
  await sendSecurityNotice(deps, account.id, twoFactorMails.totpDisabled(account.email, at, ctx.ip));
}

export async function regenerateBackupCodes(
  deps: EnrollDeps,
  account: AccountRow,
  input: { code: string },
  ctx: RequestContext,
): Promise<{ backupCodes: string[] }> {
  const row = await findTwoFactor(deps.db, account.id);
  if (row?.totp_enabled_at == null) throw new AppError('VALIDATION_FAILED', { details: { fields: { totp: 'not enabled' } } });
  await proveSecondFactor(deps, account, input.code, ctx.ip);
  const backupCodes = await deps.db.transaction().execute((trx) => issueBackupCodes(deps, account.id, trx));
  const at = await afterChange(deps, account);
  await sendSecurityNotice(deps, account.id, twoFactorMails.backupCodesRegenerated(account.email, at, ctx.ip));
  return { backupCodes };
}

/** A session older than this must re-enter the password to add a way to receive codes. */
export const RECENT_AUTH_MS = 15 * 60 * 1000;

/**
 * Adding a code channel lets its holder pass the second factor later, so a stolen, older session must
 * not be enough: unless the session was created in the last 15 minutes, the password is required.
 */
async function requireRecentAuth(deps: EnrollDeps, account: AccountRow, session: { createdAtMs: number }, password: string | undefined, ip: string) {
  if (deps.clock.nowMs() - session.createdAtMs <= RECENT_AUTH_MS) return;
  await proveCurrentPassword(deps, account, password, ip);
}

/** Email codes on/off: the first call mails a code to the account address, the second carries it. */
export async function setEmailCodes(
  deps: EnrollDeps,
  account: AccountRow,
  input: { enabled: boolean; code?: string; password?: string; session: { createdAtMs: number } },
  ctx: RequestContext,
) {
  const subject = `email2fa:${account.id}`;
  if (!input.code) {
    await requireRecentAuth(deps, account, input.session, input.password, ctx.ip);
    enforce(await deps.limits.sendCooldown(subject));
    const { code } = await issueEmailCode(deps, { email: subject, purpose: 'email_2fa_setup' });
    await deps.mailer.send(twoFactorMails.setupCode(account.email, 'email', code, Math.round(deps.config.verification.codeTtlSeconds / 60)));
    return { status: 'code_sent' as const };
  }
  await consumeSetupCode(deps, ctx.ip, subject, 'email_2fa_setup', input.code);
  await ensureTwoFactorRow(deps.db, account.id);
  await deps.db
    .updateTable('two_factor')
    .set({ email_enabled_at: input.enabled ? deps.clock.nowMs() : null })
    .where('account_id', '=', account.id)
    .execute();
  const at = await afterChange(deps, account);
  await sendSecurityNotice(deps, account.id, twoFactorMails.methodChanged(account.email, 'email', input.enabled, at, ctx.ip));
  return { status: input.enabled ? ('enabled' as const) : ('disabled' as const) };
}

/** SMS codes: `{phone}` sends a code to that number; `{phone, code}` verifies it and turns SMS on. */
export async function setSmsPhone(
  deps: EnrollDeps,
  account: AccountRow,
  input: { phone: string; code?: string; password?: string; session: { createdAtMs: number } },
  ctx: RequestContext,
) {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('VALIDATION_FAILED', { details: { fields: { phone: 'must be an international number, e.g. +4915112345678' } } });
  const subject = `phone:${account.id}:${phone}`;
  if (!input.code) {
    await requireRecentAuth(deps, account, input.session, input.password, ctx.ip);
    enforce(await deps.limits.sendCooldown(`phone:${account.id}`));
    const { code } = await issueEmailCode(deps, { email: subject, purpose: 'phone_verify' });
    await deps.mailer.send(twoFactorMails.setupCode(phone, 'sms', code, Math.round(deps.config.verification.codeTtlSeconds / 60)));
    return { status: 'code_sent' as const };
  }
  await consumeSetupCode(deps, ctx.ip, subject, 'phone_verify', input.code);
  await ensureTwoFactorRow(deps.db, account.id);
  await deps.db.updateTable('two_factor').set({ sms_phone: phone, sms_enabled_at: deps.clock.nowMs() }).where('account_id', '=', account.id).execute();
  const at = await afterChange(deps, account);
  await sendSecurityNotice(deps, account.id, twoFactorMails.methodChanged(account.email, 'sms', true, at, ctx.ip));
  return { status: 'enabled' as const };
}

async function consumeSetupCode(deps: EnrollDeps, ip: string, subject: string, purpose: 'email_2fa_setup' | 'phone_verify', code: string): Promise<void> {
  await limitedCodeCheck(deps.limits, ip, subject, async () =>
    (await consumeEmailCode(deps, { email: subject, purpose, code })) ? null : new AppError('INVALID_OR_EXPIRED_CODE'),
  );
}
