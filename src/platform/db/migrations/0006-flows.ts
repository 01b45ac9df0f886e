import type { Kysely, Migration } from 'kysely';

const ms = 'bigint';

export const m0006Flows: Migration = {
  async up(db: Kysely<unknown>) {
    // Mails go out in the account's language (the one of the request that created it).
    await db.schema
      .alterTable('accounts')
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
      .execute();
    // A paused flow stores where it stopped: which pipeline, which step, and what it carries on.
    await db.schema
      .alterTable('login_challenges')
      .addColumn('flow', 'text', (c) => c.notNull().defaultTo('user_login'))
      .execute();
    await db.schema.alterTable('login_challenges').addColumn('step', 'text').execute();
    await db.schema.alterTable('login_challenges').addColumn('country', 'text').execute();
    await db.schema.alterTable('login_challenges').addColumn('risk_score', 'integer').execute();
    await db.schema
      .alterTable('login_challenges')
      .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    // The device an attempt came from, also before the device is known (support hints).
    await db.schema.alterTable('login_attempts').addColumn('device_key', 'text').execute();
    await db.schema.createIndex('login_attempts_account_device').on('login_attempts').columns(['account_id', 'device_key', 'at']).execute();
    // Clock-skew diagnosis without an oracle: the last code seen ahead of the clock, and the steps
    // such codes matched, which are never accepted later.
    await db.schema.alterTable('two_factor').addColumn('totp_skew_offset', 'integer').execute();
    await db.schema.alterTable('two_factor').addColumn('totp_skew_step', ms).execute();
    await db.schema
      .createTable('totp_burned_steps')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('step', ms, (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint('totp_burned_steps_pk', ['account_id', 'step'])
      .execute();
    // One notice per account, kind and window; the rest are counted and told in the next one.
    await db.schema
      .createTable('notice_throttle')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sent_at', ms, (c) => c.notNull())
      .addColumn('suppressed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('carried', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('notice_throttle_pk', ['account_id', 'kind'])
      .execute();
    await db.schema
      .createTable('password_reset_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('expires_at', ms, (c) => c.notNull())
      .addColumn('used_at', ms)
      .execute();
    await db.schema.createIndex('password_reset_tokens_account').on('password_reset_tokens').columns(['account_id']).execute();
    // Mails carry an HTML part beside the text.
    await db.schema.alterTable('outbox').addColumn('html', 'text').execute();
  },
};
