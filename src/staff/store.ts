/** The few writes staff make directly on accounts (the rest go through the owning domain). */
import type { Db } from '../platform/db/schema.js';

export async function setKycCountry(db: Db, accountId: string, country: string): Promise<void> {
  await db.updateTable('accounts').set({ kyc_country: country }).where('id', '=', accountId).execute();
}

/** Staff accounts (any role), for `gatehouse staff list`. */
export async function listStaffAccounts(db: Db) {
  return db
    .selectFrom('accounts')
    .leftJoin('two_factor', 'two_factor.account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.email', 'accounts.roles', 'accounts.frozen_type', 'accounts.created_at', 'two_factor.totp_enabled_at'])
    .where('accounts.roles', '!=', '')
    .orderBy('accounts.email')
    .execute();
}
