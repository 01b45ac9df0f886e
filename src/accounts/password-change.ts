/**
 * Changing the password: while signed in (with the current one), or by a "forgot password" reset.
 *
 * Invariants: the new password passes the policy and differs from the current one; the old hash
 * moves to the password history (for the `old_password` hint) in the same transaction as the change,
 * which is conditional on the hash that was verified (a concurrent change fails instead of racing);
 * sessions end (all of them after a reset, all others after a change); withdrawals are held for 24
 * hours; the owner gets a notice with the disable link.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { revokeAccountSessions } from '../login/sessions.js';
import { runAdmitted } from '../limits/admission.js';
import type { NoticeEvent } from '../platform/mail/render.js';
import { accountMails } from './mails.js';
import { requireAcceptablePassword } from './registration.js';
import { proveCurrentPassword } from './reauth.js';
import { sendSecurityNotice } from './security-notice.js';
import { replacePasswordKeepingHistory, type AccountRow } from './store.js';

export const SECURITY_HOLD_MS = 24 * 3600 * 1000;

type ChangeDeps = Pick<Deps, 'db' | 'clock' | 'newId' | 'config' | 'hasher' | 'mailer' | 'hashGate' | 'limits' | 'random' | 'geo'>;

/** The hash of an acceptable new password, or 4018 `same_as_old` when it is the current one. */
export async function hashNewPassword(
  deps: Pick<Deps, 'hasher' | 'hashGate' | 'config'>,
  account: Pick<AccountRow, 'password_hash'>,
  password: string,
): Promise<string> {
  const nextHash = await runAdmitted(deps, 'priority', async (hasher) =>
    (await hasher.verify(account.password_hash, password)) ? null : hasher.hash(password),
  );
  if (nextHash === null) throw new AppError('WEAK_PASSWORD', { reason: 'same_as_old', details: { field: 'newPassword' } });
  return nextHash;
}

/** Puts a new password hash in place and does everything that follows a password change. */
export async function applyNewPassword(
  deps: ChangeDeps,
  input: { account: AccountRow; newHash: string; keepSessionId?: string; why: 'password_changed' | 'password_reset'; ctx: RequestContext },
): Promise<void> {
  const { account } = input;
  const now = deps.clock.nowMs();
  const changed = await replacePasswordKeepingHistory(deps.db, {
    accountId: account.id,
    expectedHash: account.password_hash,
    newHash: input.newHash,
    historyId: deps.newId(),
    nowMs: now,
    holdUntilMs: now + SECURITY_HOLD_MS,
  });
  if (!changed) throw new AppError('INVALID_CREDENTIALS');
  await revokeAccountSessions(deps.db, account.id, input.why, now, input.keepSessionId);
  const event: NoticeEvent = { atMs: now, ip: input.ctx.ip, country: deps.geo.countryOf(input.ctx.ip) };
  await sendSecurityNotice(deps, account, (locale) => accountMails.passwordChanged(locale, event, input.why === 'password_reset' ? 'reset' : 'changed'));
}

export async function changePassword(
  deps: ChangeDeps,
  input: { account: AccountRow; sessionId: string; currentPassword: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  const next = requireAcceptablePassword(deps, input.newPassword, 'newPassword');
  await proveCurrentPassword(deps, input.account, input.currentPassword, ctx.ip);
  const newHash = await hashNewPassword(deps, input.account, next);
  await applyNewPassword(deps, { account: input.account, newHash, keepSessionId: input.sessionId, why: 'password_changed', ctx });
}
