/**
 * The scheduled 2FA reset: how a user who lost every second factor gets back in.
 *
 * Protects: accounts against social engineering of the support desk ("I lost my phone, please turn
 * off 2FA"). Invariants, each a layer an impostor must get through:
 *   - staff approve only with `identityVerified: true` (ID photo and selfie on the ticket), and
 *     never for a staff account (operators do those with the CLI);
 *   - nothing happens at once: the reset waits out a hold (support.twoFactorResetHoldHours, 48 h);
 *   - the account's address is mailed at once with a link that cancels it without signing in; the
 *     link's token is 256 random bits stored as SHA-256 and works once (one conditional UPDATE);
 *   - when the hold passes, removal of every factor, the end of every session and a 24 h withdrawal
 *     hold commit together with their audit row, and the owner gets a notice with a one-click
 *     disable link;
 *   - one reset per account can be pending; cancel and execution race on one conditional UPDATE,
 *     so a reset is either cancelled or done, never both.
 */
import type { Deps } from '../deps.js';
import type { Db } from '../platform/db/schema.js';
import { AppError } from '../errors/app-error.js';
import { sha256Hex } from '../platform/crypto.js';
import { randomToken } from '../platform/random.js';
import { findAccountById, extendSecurityHold } from '../accounts/store.js';
import { SECURITY_HOLD_MS } from '../accounts/password-change.js';
import { sendSecurityNotice } from '../accounts/security-notice.js';
import { renderMail } from '../platform/mail/render.js';
import { revokeAccountSessions } from '../login/sessions.js';
import { removeAllSecondFactors } from '../twofactor/store.js';
import { SYSTEM_ACTOR, withAudit } from '../staff/audit.js';
import { resetCancelledMail, resetDoneMail, resetScheduledMail, type MailLocale } from './two-factor-reset-mails.js';
import { cancelResetByToken, claimDueReset, insertTwoFactorReset, listDueResetIds } from './two-factor-reset-store.js';

export interface ScheduledReset {
  id: string;
  dueAtMs: number;
  /** For the mail only; stored as a hash. */
  cancelToken: string;
}

/**
 * Schedules a reset inside the caller's transaction (the approval and its audit row). Throws 4010
 * when one is already pending for the account.
 */
export async function scheduleTwoFactorReset(
  deps: Pick<Deps, 'clock' | 'random' | 'newId' | 'config'>,
  trx: Db,
  input: { accountId: string; ticketId: string | null; requestedBy: string; locale: MailLocale },
): Promise<ScheduledReset> {
  const now = deps.clock.nowMs();
  const cancelToken = randomToken(deps.random, 32);
  const id = deps.newId();
  const dueAtMs = now + deps.config.support.twoFactorResetHoldHours * 3_600_000;
  const inserted = await insertTwoFactorReset(trx, {
    id,
    accountId: input.accountId,
    ticketId: input.ticketId,
    requestedBy: input.requestedBy,
    locale: input.locale,
    cancelTokenHash: sha256Hex(cancelToken),
    nowMs: now,
    dueAtMs,
  });
  if (!inserted) throw new AppError('VALIDATION_FAILED', { details: { fields: { action: 'a 2FA reset is already scheduled for this account' } } });
  return { id, dueAtMs, cancelToken };
}

/** The "scheduled" notice with its cancel link; sent once the approval has committed. */
export async function sendResetScheduledMail(
  deps: Pick<Deps, 'mailer' | 'config'>,
  input: { email: string; locale: MailLocale; reset: ScheduledReset },
): Promise<void> {
  const link = `${deps.config.publicUrl}/cancel-2fa-reset?token=${encodeURIComponent(input.reset.cancelToken)}`;
  await deps.mailer.send(renderMail(input.email, resetScheduledMail(input.locale, { dueAtMs: input.reset.dueAtMs, link, token: input.reset.cancelToken })));
}

/** The owner's cancel link (no sign-in): works once; 4014 when unknown, used, or the reset already ran. */
export async function cancelTwoFactorReset(deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'mailer'>, token: string, ip: string): Promise<void> {
  const now = deps.clock.nowMs();
  const actor = { id: null, email: 'account-owner', ip };
  const cancelled = await withAudit(deps, actor, 'two_factor.reset.cancel', async (trx, record) => {
    const row = await cancelResetByToken(trx, sha256Hex(token), now);
    if (!row) throw new AppError('INVALID_OR_EXPIRED_CODE');
    record.accountId = row.account_id;
    record.target = row.id;
    record.before = { status: 'scheduled', dueAt: new Date(row.due_at).toISOString() };
    record.after = { status: 'cancelled' };
    record.detail = { ticketId: row.ticket_id, via: 'cancel_link' };
    return row;
  });
  const account = await findAccountById(deps.db, cancelled.account_id);
  if (account) await deps.mailer.send(renderMail(account.email, resetCancelledMail(cancelled.locale as MailLocale)));
}

/** Thrown inside a transaction to roll it back (and write no audit row) when there is nothing to do. */
class NothingToDo extends Error {}

/**
 * Carries out every reset whose hold has passed (the server runs this periodically; tests call it
 * after moving the clock). Safe to run in several processes at once. Returns the resets done.
 */
export async function executeDueTwoFactorResets(deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'mailer' | 'random' | 'config'>, limit = 100): Promise<string[]> {
  const now = deps.clock.nowMs();
  const done: string[] = [];
  for (const id of await listDueResetIds(deps.db, now, limit)) {
    let claimed: { account_id: string; locale: string } | undefined;
    try {
      claimed = await withAudit(deps, SYSTEM_ACTOR, 'two_factor.reset.execute', async (trx, record) => {
        const row = await claimDueReset(trx, id, now);
        if (!row) throw new NothingToDo();
        await removeAllSecondFactors(trx, row.account_id);
        const sessions = await revokeAccountSessions(trx, row.account_id, 'two_factor_reset', now);
        await extendSecurityHold(trx, row.account_id, now + SECURITY_HOLD_MS);
        record.accountId = row.account_id;
        record.target = row.id;
        record.before = { status: 'scheduled' };
        record.after = { status: 'done', secondFactors: 'removed', withdrawalsHeldUntil: new Date(now + SECURITY_HOLD_MS).toISOString() };
        record.detail = { ticketId: row.ticket_id, sessionsEnded: sessions };
        return row;
      });
    } catch (err) {
      if (err instanceof NothingToDo) continue;
      throw err;
    }
    done.push(id);
    const account = await findAccountById(deps.db, claimed.account_id);
    if (account) await sendSecurityNotice(deps, { ...account, locale: claimed.locale }, (locale) => resetDoneMail(locale, now));
  }
  return done;
}
