/** The two_factor row of an account: which second factors are on, and the TOTP state. */
import type { Db } from '../platform/db/schema.js';
import { countBackupCodesLeft } from './backup-codes.js';

export type TwoFactorMethod = 'totp' | 'backup_code' | 'email' | 'sms';

export async function findTwoFactor(db: Db, accountId: string) {
  return db.selectFrom('two_factor').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export type TwoFactorRow = NonNullable<Awaited<ReturnType<typeof findTwoFactor>>>;

/** Creates the row on first use so later updates can be plain conditional UPDATEs. */
export async function ensureTwoFactorRow(db: Db, accountId: string): Promise<void> {
  await db
    .insertInto('two_factor')
    .values({
      account_id: accountId,
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      totp_pending_secret_enc: null,
      totp_pending_at: null,
      email_enabled_at: null,
      sms_phone: null,
      sms_pending_phone: null,
      sms_enabled_at: null,
    })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

/** The methods a login challenge offers, in the contract's order; [] when the account has no second factor. */
export function methodsOf(row: TwoFactorRow | undefined): TwoFactorMethod[] {
  if (!row) return [];
  const methods: TwoFactorMethod[] = [];
  if (row.totp_enabled_at !== null) methods.push('totp', 'backup_code');
  if (row.email_enabled_at !== null) methods.push('email');
  if (row.sms_enabled_at !== null) methods.push('sms');
  // Backup codes stand in for TOTP and are offered even when used up, so that a try can say so.
  return methods;
}

export async function twoFactorMethods(db: Db, accountId: string): Promise<TwoFactorMethod[]> {
  return methodsOf(await findTwoFactor(db, accountId));
}

export async function twoFactorSummary(db: Db, accountId: string) {
  const row = await findTwoFactor(db, accountId);
  return {
    totp: row?.totp_enabled_at != null,
    email: row?.email_enabled_at != null,
    sms: row?.sms_enabled_at != null,
    backupCodesRemaining: row?.totp_enabled_at != null ? await countBackupCodesLeft(db, accountId) : 0,
  };
}

/**
 * Records an accepted TOTP step, atomically refusing a step at or before the last accepted one:
 * a code works once, and neither it nor an older one can be replayed afterwards.
 */
export async function acceptTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('two_factor')
    .set({ totp_last_step: step })
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning(['account_id'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Removes every second factor of an account: TOTP (and a pending setup), email and SMS codes, and
 * all backup codes. Only the scheduled 2FA reset calls this, after its hold (src/recovery/).
 */
export async function removeAllSecondFactors(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable('two_factor')
    .set({
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      totp_pending_secret_enc: null,
      totp_pending_at: null,
      email_enabled_at: null,
      sms_phone: null,
      sms_pending_phone: null,
      sms_enabled_at: null,
    })
    .where('account_id', '=', accountId)
    .execute();
  await db.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
}
