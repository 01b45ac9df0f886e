/** TOTP for a new staff account, turned on at creation (staff may never be without it). */
import type { Deps } from '../deps.js';
import { sealSecret } from '../platform/secret-box.js';
import { issueBackupCodes } from './backup-codes.js';
import { ensureTwoFactorRow } from './store.js';
import { otpauthUri } from './totp.js';

export async function enrolStaffTotp(deps: Pick<Deps, 'db' | 'random' | 'newId' | 'clock' | 'keys'>, accountId: string, email: string) {
  const secret = deps.random.bytes(20);
  await ensureTwoFactorRow(deps.db, accountId);
  await deps.db
    .updateTable('two_factor')
    .set({ totp_secret_enc: sealSecret(deps.keys.totp, secret, accountId), totp_enabled_at: deps.clock.nowMs() })
    .where('account_id', '=', accountId)
    .execute();
  const backupCodes = await issueBackupCodes(deps, accountId);
  return { otpauthUri: otpauthUri(secret, email, 'Gatehouse Staff'), backupCodes };
}
