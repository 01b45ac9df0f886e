/** Backup codes as a second factor: stand in for TOTP, each works once; reuse and exhaustion are told. */
import { sendSecurityNotice } from '../../accounts/security-notice.js';
import { hashBackupCode, normalizeBackupCode } from '../backup-codes.js';
import { twoFactorMails } from '../mails.js';
import { consumeBackupCodeHash, countBackupCodesLeft, isUsedBackupCodeHash } from '../store.js';
import type { SecondFactorMethod, Verdict } from './method.js';

export const backupCodeMethod: SecondFactorMethod = {
  id: 'backup_code',
  forStaff: true,
  // Offered with TOTP, even when used up, so that a try can say so.
  isOn: (row) => row?.totp_enabled_at != null,
  async verify(deps, { account, code, scope, event }): Promise<Verdict> {
    const normalized = normalizeBackupCode(code);
    const hash = normalized ? hashBackupCode(deps, normalized) : null;
    if (hash && (await consumeBackupCodeHash(deps.db, account.id, hash, deps.clock.nowMs()))) {
      const left = await countBackupCodesLeft(deps.db, account.id);
      // A used code may mean a stolen sheet of codes: the notice carries the disable link.
      await sendSecurityNotice(deps, account, (locale) => twoFactorMails.backupCodeUsed(locale, event, left, scope.kind));
      return { ok: true };
    }
    if ((await countBackupCodesLeft(deps.db, account.id)) === 0) {
      return { ok: false, reason: 'backup_codes_exhausted', details: { ticketHint: '/support/new?category=reset_2fa' } };
    }
    if (hash && (await isUsedBackupCodeHash(deps.db, account.id, hash))) return { ok: false, reason: 'code_reused' };
    return { ok: false, reason: 'invalid_code' };
  },
};
