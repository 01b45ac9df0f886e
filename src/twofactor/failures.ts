/**
 * What follows a failed second factor, wherever it was asked (login, staff login, step-up): the
 * account-wide ceiling counts it (past it every second factor answers 1003 account_2fa_rate_limit,
 * and the owner is told once), and the owner gets a notice, collapsed per account and window.
 */
import type { Deps } from '../deps.js';
import { sendSecurityNotice, type NoticeRecipient } from '../accounts/security-notice.js';
import { enforce } from '../limits/auth-limits.js';
import type { NoticeEvent } from '../platform/mail/render.js';
import { twoFactorMails } from './mails.js';

type FailureDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'config' | 'mailer' | 'limits'>;

/** Refuses with 1003 account_2fa_rate_limit while the account is past its ceiling. */
export async function requireSecondFactorAllowed(deps: Pick<Deps, 'limits'>, accountId: string): Promise<void> {
  enforce(await deps.limits.secondFactorBlocked(accountId));
}

export async function afterSecondFactorFailure(deps: FailureDeps, account: NoticeRecipient, event: NoticeEvent): Promise<{ reachedCeiling: boolean }> {
  const { reachedCeiling } = await deps.limits.secondFactorFailed(account.id);
  if (reachedCeiling) {
    const minutes = Math.round(deps.config.limits.secondFactor.windowSeconds / 60);
    await sendSecurityNotice(deps, account, (locale) => twoFactorMails.secondFactorLimit(locale, event, minutes));
  } else {
    await sendSecurityNotice(deps, account, (locale, heldBack) => twoFactorMails.secondFactorFailed(locale, event, heldBack), {
      collapse: 'second_factor_failed',
    });
  }
  return { reachedCeiling };
}
