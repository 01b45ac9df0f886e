/** TOTP for a new staff account, turned on at creation (staff may never be without it). */
import type { Deps } from '../deps.js';
import { sealSecret } from '../platform/secret-box.js';
import { newBackupCodeSet } from './backup-codes.js';
import { enableTotpDirectly } from './store.js';
import { otpauthUri } from './totp.js';

export async function enrolStaffTotp(deps: Pick<Deps, 'db' | 'random' | 'newId' | 'clock' | 'keys'>, accountId: string, email: string) {
  const secret = deps.random.bytes(20);
  const set = newBackupCodeSet(deps);
  await enableTotpDirectly(deps.db, {
    accountId,
    sealedSecret: sealSecret(deps.keys.totp, secret, accountId),
    nowMs: deps.clock.nowMs(),
    backupCodes: set.rows,
  });
  return { otpauthUri: otpauthUri(secret, email, 'Gatehouse Staff'), backupCodes: set.codes };
}
