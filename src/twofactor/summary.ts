/** What the security center shows about an account's second factors. */
import type { Db } from '../platform/db/schema.js';
import { backupCodeMethod } from './methods/backup-code.js';
import { emailMethod } from './methods/email.js';
import { smsMethod } from './methods/sms.js';
import { totpMethod } from './methods/totp.js';
import { countBackupCodesLeft, findTwoFactor } from './store.js';

export async function twoFactorSummary(db: Db, accountId: string) {
  const row = await findTwoFactor(db, accountId);
  return {
    totp: totpMethod.isOn(row),
    email: emailMethod.isOn(row),
    sms: smsMethod.isOn(row),
    backupCodesRemaining: backupCodeMethod.isOn(row) ? await countBackupCodesLeft(db, accountId) : 0,
  };
}
