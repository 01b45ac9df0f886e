/**
 * Changing the password while signed in.
 *
 * Invariants: the current password is proven first; the new one passes the policy and differs from
 * the current one; the old hash moves to the password history (for the `old_password` hint); every
 * other session ends; withdrawals are held for 24 hours; the owner gets a notice mail.
 */
import type { Deps, RequestContext } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { revokeAccountSessions } from '../login/sessions.js';
import { passwordChangedMail } from './mails.js';
import { requireAcceptablePassword } from './registration.js';
import { proveCurrentPassword } from './reauth.js';
import { sendSecurityNotice } from './disable.js';
import { runAdmitted } from '../limits/admission.js';
import type { AccountRow } from './store.js';

export const SECURITY_HOLD_MS = 24 * 3600 * 1000;

type ChangeDeps = Pick<Deps, 'db' | 'clock' | 'newId' | 'config' | 'hasher' | 'mailer' | 'hashGate' | 'limits' | 'random'>;

export async function changePassword(
  deps: ChangeDeps,
  input: { account: AccountRow; sessionId: string; currentPassword: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  const { account } = input;
  const next = requireAcceptablePassword(deps, input.newPassword, 'newPassword');
  await proveCurrentPassword(deps, account, input.currentPassword, ctx.ip);
  const nextHash = await runAdmitted(deps, 'priority', async (hasher) => ((await hasher.verify(account.password_hash, next)) ? null : hasher.hash(next)));
  if (nextHash === null) throw new AppError('WEAK_PASSWORD', { reason: 'same_as_old', details: { field: 'newPassword' } });
  const now = deps.clock.nowMs();
  const changed = await deps.db.transaction().execute(async (trx) => {
    // Conditional on the hash we verified: a concurrent change makes this one fail instead of racing.
    const updated = await trx
      .updateTable('accounts')
      .set({ password_hash: nextHash, password_changed_at: now, security_hold_until: now + SECURITY_HOLD_MS })
      .where('id', '=', account.id)
      .where('password_hash', '=', account.password_hash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('password_history')
      .values({ id: deps.newId(), account_id: account.id, password_hash: account.password_hash, retired_at: now })
      .execute();
    return true;
  });
  if (!changed) throw new AppError('INVALID_CREDENTIALS');
  await revokeAccountSessions(deps.db, account.id, 'password_changed', now, input.sessionId);
  await sendSecurityNotice(deps, account.id, passwordChangedMail(account.email, new Date(now), ctx.ip));
}
