/**
 * The security center's TOTP changes: setup, enable, rebind, disable, and backup codes.
 *
 * Invariants: setting up needs the password, and the current second factor when any is on (TOTP,
 * email or SMS codes); disabling and regenerating need the current second factor; a new secret only becomes active after a valid code
 * from it; secrets are sealed at rest and shown once; staff may rebind but never go without TOTP;
 * every change holds withdrawals for 24 h and mails the owner.
 */
import QRCode from 'qrcode';
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { openSecret, sealSecret } from '../platform/secret-box.js';
import { proveCurrentPassword } from '../accounts/reauth.js';
import { sendSecurityNotice } from '../accounts/security-notice.js';
import { extendSecurityHold, rolesOf, type AccountRow } from '../accounts/store.js';
import type { MailContent, NoticeEvent } from '../platform/mail/render.js';
import type { Locale } from '../platform/locale.js';
import { newBackupCodeSet } from './backup-codes.js';
import { twoFactorMails } from './mails.js';
import { hasSecondFactor, proveSecondFactor } from './step-up.js';
import { activatePendingTotp, ensureTwoFactorRow, findTwoFactor, removeTotp, replaceBackupCodes, setPendingTotp } from './store.js';
import { checkTotp, otpauthUri, secretToBase32 } from './totp.js';

export const SECURITY_HOLD_AFTER_2FA_CHANGE_MS = 24 * 3600 * 1000;
const PENDING_SETUP_TTL_MS = 15 * 60 * 1000;

export type EnrollDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'keys' | 'config' | 'hasher' | 'hashGate' | 'limits' | 'mailer' | 'geo'>;

/** After any second-factor change: withdrawals held, the owner told (with the disable link). */
export async function afterSecondFactorChange(
  deps: EnrollDeps,
  account: AccountRow,
  ctx: Pick<RequestContext, 'ip'>,
  content: (locale: Locale, event: NoticeEvent) => MailContent,
) {
  const now = deps.clock.nowMs();
  await extendSecurityHold(deps.db, account.id, now + SECURITY_HOLD_AFTER_2FA_CHANGE_MS);
  const event = { atMs: now, ip: ctx.ip, country: deps.geo.countryOf(ctx.ip) };
  await sendSecurityNotice(deps, account, (locale) => content(locale, event));
}

/**
 * What vouches for a change to the authenticator app and its backup codes once it is on: the app or
 * a backup code. A code sent to the mailbox or phone does not: with a session, the password and the
 * mailbox an intruder could otherwise swap in their own app, remove it, or mint backup codes.
 */
const APP_OR_BACKUP_CODE = ['totp', 'backup_code'] as const;

function requireTotpOn(row: { totp_enabled_at: number | null } | undefined): void {
  if (row?.totp_enabled_at == null) throw new AppError('VALIDATION_FAILED', { details: { fields: { totp: 'not enabled' } } });
}

export async function setupTotp(deps: EnrollDeps, account: AccountRow, input: { password?: string; code?: string }, ctx: RequestContext) {
  await proveCurrentPassword(deps, account, input.password, ctx.ip);
  // Any second factor already on (TOTP, or email/SMS codes) must vouch for a new one: otherwise a
  // stolen password plus a session would plant the attacker's authenticator.
  const current = await findTwoFactor(deps.db, account.id);
  if (hasSecondFactor(current)) await proveSecondFactor(deps, account, input.code, ctx, current?.totp_enabled_at != null ? APP_OR_BACKUP_CODE : undefined);
  await ensureTwoFactorRow(deps.db, account.id);
  const secret = deps.random.bytes(20);
  await setPendingTotp(deps.db, account.id, sealSecret(deps.keys.totp, secret, account.id), deps.clock.nowMs());
  const uri = otpauthUri(secret, account.email);
  return { secret: secretToBase32(secret), otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

export async function enableTotp(deps: EnrollDeps, account: AccountRow, input: { code: string }, ctx: RequestContext): Promise<{ backupCodes: string[] }> {
  const row = await findTwoFactor(deps.db, account.id);
  const now = deps.clock.nowMs();
  const pending = row?.totp_pending_secret_enc;
  if (!row || !pending || (row.totp_pending_at ?? 0) + PENDING_SETUP_TTL_MS <= now) throw new AppError('INVALID_OR_EXPIRED_CODE');
  // The pending secret was just shown to this caller: telling its clock skew reveals nothing new.
  const { passed, value: result } = await deps.limits.attempt('code', ctx.ip, `2fa:${account.id}`, async () => {
    const result = checkTotp(openSecret(deps.keys.totp, pending, account.id), input.code, now);
    return { passed: result.kind === 'match', value: result };
  });
  if (!passed || result.kind !== 'match') {
    throw new AppError(
      'TWO_FACTOR_FAILED',
      result.kind === 'skew' ? { reason: 'clock_skew', details: { skewSeconds: result.skewSeconds } } : { reason: 'invalid_code' },
    );
  }
  const set = newBackupCodeSet(deps);
  const activated = await activatePendingTotp(deps.db, { accountId: account.id, pendingSecret: pending, step: result.step, nowMs: now, backupCodes: set.rows });
  if (!activated) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const rebinding = row.totp_enabled_at !== null;
  await afterSecondFactorChange(deps, account, ctx, rebinding ? twoFactorMails.totpRebound : twoFactorMails.totpEnabled);
  return { backupCodes: set.codes };
}

export async function disableTotp(deps: EnrollDeps, account: AccountRow, input: { password: string; code: string }, ctx: RequestContext): Promise<void> {
  requireTotpOn(await findTwoFactor(deps.db, account.id));
  // Staff may rebind their authenticator but never go without one.
  if (rolesOf(account).length > 0) throw new AppError('FORBIDDEN', { reason: 'staff_totp_required' });
  await proveCurrentPassword(deps, account, input.password, ctx.ip);
  await proveSecondFactor(deps, account, input.code, ctx, APP_OR_BACKUP_CODE);
  await removeTotp(deps.db, account.id);
  await afterSecondFactorChange(deps, account, ctx, twoFactorMails.totpDisabled);
}

export async function regenerateBackupCodes(
  deps: EnrollDeps,
  account: AccountRow,
  input: { code: string },
  ctx: RequestContext,
): Promise<{ backupCodes: string[] }> {
  requireTotpOn(await findTwoFactor(deps.db, account.id));
  await proveSecondFactor(deps, account, input.code, ctx, APP_OR_BACKUP_CODE);
  const set = newBackupCodeSet(deps);
  await deps.db.transaction().execute((trx) => replaceBackupCodes(trx, account.id, set.rows));
  await afterSecondFactorChange(deps, account, ctx, twoFactorMails.backupCodesRegenerated);
  return { backupCodes: set.codes };
}
