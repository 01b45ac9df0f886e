/**
 * The second factor's queries: the two_factor row (which methods are on, the TOTP state), backup
 * codes and burned TOTP steps. Every single-use thing is consumed by one conditional statement.
 */
import { inTransaction } from '../platform/db/transaction.js';
import type { Db } from '../platform/db/schema.js';

export async function findTwoFactor(db: Db, accountId: string) {
  return db.selectFrom('two_factor').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export type TwoFactorRow = NonNullable<Awaited<ReturnType<typeof findTwoFactor>>>;

/** Creates the row on first use so later updates can be plain conditional UPDATEs. */
/** Every second factor off: a new row's columns, and what a reset sets them back to. */
const NO_SECOND_FACTOR = {
  totp_secret_enc: null,
  totp_enabled_at: null,
  totp_last_step: null,
  totp_pending_secret_enc: null,
  totp_pending_at: null,
  email_enabled_at: null,
  sms_phone: null,
  sms_pending_phone: null,
  sms_enabled_at: null,
  totp_skew_offset: null,
  totp_skew_step: null,
} as const;

export async function ensureTwoFactorRow(db: Db, accountId: string): Promise<void> {
  await db
    .insertInto('two_factor')
    .values({ account_id: accountId, ...NO_SECOND_FACTOR })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

// ---- TOTP ---------------------------------------------------------------------------------------

/**
 * Records an accepted TOTP step, atomically refusing a step at or before the last accepted one or a
 * burned step: a code works once, never an older one after it, and never one revealed as "ahead".
 */
export async function acceptTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('two_factor')
    .set({ totp_last_step: step, totp_skew_offset: null, totp_skew_step: null })
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('totp_burned_steps').select('step').where('totp_burned_steps.account_id', '=', accountId).where('totp_burned_steps.step', '=', step)),
      ),
    )
    .returning(['account_id'])
    .executeTakeFirst();
  return row !== undefined;
}

/** A code matched a step ahead of the clock: that step is never accepted, whatever is answered. */
export async function burnTotpStep(db: Db, accountId: string, step: number, nowMs: number): Promise<void> {
  await db
    .insertInto('totp_burned_steps')
    .values({ account_id: accountId, step, created_at: nowMs })
    .onConflict((oc) => oc.columns(['account_id', 'step']).doNothing())
    .execute();
}

/**
 * Records a code seen `offset` steps ahead (matching `step`); true when the code submitted just
 * before it was ahead by the same offset but matched another step (a phone whose clock runs ahead
 * by that much, typed twice), decided by one conditional UPDATE.
 */
export async function recordTotpAhead(db: Db, accountId: string, offset: number, step: number, recentSinceStep: number): Promise<boolean> {
  const repeated = await db
    .updateTable('two_factor')
    .set({ totp_skew_offset: offset, totp_skew_step: step })
    .where('account_id', '=', accountId)
    .where('totp_skew_offset', '=', offset)
    .where('totp_skew_step', '!=', step)
    .where('totp_skew_step', '>=', recentSinceStep)
    .returning(['account_id'])
    .executeTakeFirst();
  if (repeated) return true;
  await db.updateTable('two_factor').set({ totp_skew_offset: offset, totp_skew_step: step }).where('account_id', '=', accountId).execute();
  return false;
}

/** Any other outcome breaks a run of codes ahead of the clock. */
export async function forgetTotpAhead(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable('two_factor')
    .set({ totp_skew_offset: null, totp_skew_step: null })
    .where('account_id', '=', accountId)
    .where('totp_skew_offset', 'is not', null)
    .execute();
}

export async function setPendingTotp(db: Db, accountId: string, sealedSecret: string, nowMs: number): Promise<void> {
  await db.updateTable('two_factor').set({ totp_pending_secret_enc: sealedSecret, totp_pending_at: nowMs }).where('account_id', '=', accountId).execute();
}

/**
 * Makes the pending secret the active one (step `step` counts as used) and replaces the backup codes,
 * in one transaction; false when the pending secret changed meanwhile.
 */
export async function activatePendingTotp(
  db: Db,
  input: { accountId: string; pendingSecret: string; step: number; nowMs: number; backupCodes: BackupCodeRow[] },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const moved = await trx
      .updateTable('two_factor')
      .set({
        totp_secret_enc: input.pendingSecret,
        totp_enabled_at: input.nowMs,
        totp_last_step: input.step,
        totp_pending_secret_enc: null,
        totp_pending_at: null,
      })
      .where('account_id', '=', input.accountId)
      .where('totp_pending_secret_enc', '=', input.pendingSecret)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    await replaceBackupCodes(trx, input.accountId, input.backupCodes);
    return true;
  });
}

/** TOTP on from the first minute (staff accounts), with a fresh set of backup codes. */
export async function enableTotpDirectly(
  db: Db,
  input: { accountId: string; sealedSecret: string; nowMs: number; backupCodes: BackupCodeRow[] },
): Promise<void> {
  await ensureTwoFactorRow(db, input.accountId);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('two_factor')
      .set({ totp_secret_enc: input.sealedSecret, totp_enabled_at: input.nowMs })
      .where('account_id', '=', input.accountId)
      .execute();
    await replaceBackupCodes(trx, input.accountId, input.backupCodes);
  });
}

/** Turns TOTP off; its backup codes die with it. */
export async function removeTotp(db: Db, accountId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('two_factor')
      .set({
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        totp_pending_secret_enc: null,
        totp_pending_at: null,
        totp_skew_offset: null,
        totp_skew_step: null,
      })
      .where('account_id', '=', accountId)
      .execute();
    await trx.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
  });
}

// ---- email and SMS codes as methods ----------------------------------------------------------------

export async function setEmailMethod(db: Db, accountId: string, enabledAtMs: number | null): Promise<void> {
  await ensureTwoFactorRow(db, accountId);
  await db.updateTable('two_factor').set({ email_enabled_at: enabledAtMs }).where('account_id', '=', accountId).execute();
}

export async function setSmsMethod(db: Db, accountId: string, phone: string, enabledAtMs: number): Promise<void> {
  await ensureTwoFactorRow(db, accountId);
  await db.updateTable('two_factor').set({ sms_phone: phone, sms_enabled_at: enabledAtMs }).where('account_id', '=', accountId).execute();
}

// ---- backup codes ---------------------------------------------------------------------------------

export interface BackupCodeRow {
  id: string;
  codeHash: string;
  createdAtMs: number;
}

/** Deletes the old set and inserts the new one (call inside the caller's transaction). */
export async function replaceBackupCodes(db: Db, accountId: string, codes: BackupCodeRow[]): Promise<void> {
  await db.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
  await db
    .insertInto('backup_codes')
    .values(codes.map((c) => ({ id: c.id, account_id: accountId, code_hash: c.codeHash, created_at: c.createdAtMs, used_at: null })))
    .execute();
}

/** Uses one backup code; true when it was unused and now is used. */
export async function consumeBackupCodeHash(db: Db, accountId: string, codeHash: string, nowMs: number): Promise<boolean> {
  const row = await db
    .updateTable('backup_codes')
    .set({ used_at: nowMs })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether this code was one of the account's and is already used (a reuse, not a typo). */
export async function isUsedBackupCodeHash(db: Db, accountId: string, codeHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('backup_codes')
    .select('id')
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countBackupCodesLeft(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('backup_codes')
    .select((eb) => eb.fn.countAll<number>().as('left'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.left ?? 0);
}

/**
 * Removes every second factor of an account: TOTP (and a pending setup), email and SMS codes, and
 * all backup codes. Only the scheduled 2FA reset calls this, after its hold (src/recovery/).
 */
export async function removeAllSecondFactors(db: Db, accountId: string): Promise<void> {
  await db.updateTable('two_factor').set(NO_SECOND_FACTOR).where('account_id', '=', accountId).execute();
  await db.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
}
