import type { Kysely, Migration } from 'kysely';

const ms = 'bigint';

export const m0003TwoFactor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('two_factor')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('totp_secret_enc', 'text')
      .addColumn('totp_enabled_at', ms)
      .addColumn('totp_last_step', ms)
      .addColumn('totp_pending_secret_enc', 'text')
      .addColumn('totp_pending_at', ms)
      .addColumn('email_enabled_at', ms)
      .addColumn('sms_phone', 'text')
      .addColumn('sms_pending_phone', 'text')
      .addColumn('sms_enabled_at', ms)
      .execute();
    await db.schema
      .createTable('backup_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('used_at', ms)
      .execute();
    await db.schema.createIndex('backup_codes_account').on('backup_codes').columns(['account_id', 'code_hash']).execute();
    await db.schema
      .alterTable('login_challenges')
      .addColumn('methods', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('login_challenges')
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
