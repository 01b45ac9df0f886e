import type { Kysely, Migration } from 'kysely';

const ms = 'bigint';

export const m0004RegionRiskWallet: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('accounts').addColumn('region_hop_until', ms).execute();
    await db.schema.alterTable('accounts').addColumn('frozen_reason', 'text').execute();
    await db.schema.alterTable('login_attempts').addColumn('risk_score', 'integer').execute();
    await db.schema
      .createTable('risk_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('at', ms, (c) => c.notNull())
      .addColumn('context', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('signals', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('risk_decisions_account').on('risk_decisions').columns(['account_id', 'id']).execute();
    await db.schema
      .createTable('disable_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('expires_at', ms, (c) => c.notNull())
      .addColumn('used_at', ms)
      .execute();
    await db.schema
      .createTable('balances')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('asset', 'text', (c) => c.notNull())
      .addColumn('available_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('balances_pk', ['account_id', 'asset'])
      .execute();
    await db.schema
      .createTable('withdrawals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('asset', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('withdrawals_account').on('withdrawals').columns(['account_id', 'created_at']).execute();
  },
};
