import type { Kysely, Migration } from 'kysely';

const ms = 'bigint';

export const m0009BalanceCredits: Migration = {
  async up(db: Kysely<unknown>) {
    // Staff credits above the configured line wait here for a second admin's approval.
    await db.schema
      .createTable('balance_credits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('asset', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('requested_by_id', 'text', (c) => c.notNull())
      .addColumn('requested_by_email', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('decided_by_email', 'text')
      .addColumn('decided_at', ms)
      .execute();
    await db.schema.createIndex('balance_credits_status').on('balance_credits').columns(['status', 'created_at']).execute();
  },
};
