import type { Kysely, Migration } from 'kysely';

const ms = 'bigint';

export const m0002LimitsAndChallenges: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('accounts').addColumn('confirm_new_devices_until', ms).execute();
    await db.schema
      .createTable('login_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('device_key', 'text', (c) => c.notNull())
      .addColumn('device_name', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('expires_at', ms, (c) => c.notNull())
      .addColumn('confirmed_at', ms)
      .addColumn('completed_at', ms)
      .execute();
    await db.schema.createIndex('login_challenges_account').on('login_challenges').columns(['account_id']).execute();
  },
};
