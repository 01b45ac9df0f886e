import type { Kysely, Migration } from 'kysely';

const ms = 'bigint';

export const m0001Core: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('email_verified_at', ms)
      .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('kyc_country', 'text')
      .addColumn('frozen_type', 'text')
      .addColumn('frozen_at', ms)
      .addColumn('security_hold_until', ms)
      .addColumn('password_changed_at', ms, (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('password_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('retired_at', ms, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('password_history_account').on('password_history').columns(['account_id', 'retired_at']).execute();

    await db.schema
      .createTable('email_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', ms, (c) => c.notNull())
      .addColumn('consumed_at', ms)
      .addColumn('created_at', ms, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('email_codes_lookup').on('email_codes').columns(['email', 'purpose', 'created_at']).execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('device_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', ms, (c) => c.notNull())
      .addColumn('last_seen_at', ms, (c) => c.notNull())
      .addColumn('last_ip', 'text', (c) => c.notNull())
      .addColumn('last_country', 'text')
      .addColumn('trusted', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('devices_account_key', ['account_id', 'device_key'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('device_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('last_seen_at', ms, (c) => c.notNull())
      .addColumn('absolute_expires_at', ms, (c) => c.notNull())
      .addColumn('revoked_at', ms)
      .addColumn('revoked_reason', 'text')
      .execute();
    await db.schema.createIndex('sessions_account').on('sessions').columns(['account_id']).execute();

    await db.schema
      .createTable('login_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('at', ms, (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('device_id', 'text')
      .addColumn('device_name', 'text', (c) => c.notNull())
      .addColumn('result_code', 'integer')
      .addColumn('result_reason', 'text')
      .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.createIndex('login_attempts_account').on('login_attempts').columns(['account_id', 'id']).execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('sent_at', ms)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', ms, (c) => c.notNull())
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('outbox_pending').on('outbox').columns(['sent_at', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_recipient').on('outbox').columns(['recipient', 'id']).execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', ms, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', ms, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_email', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
  },
};
