/**
 * The one migration set for both dialects. Migrations are code (no files to ship), append-only:
 * never edit a released migration, add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';

const ms = 'bigint';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_core': {
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
  },
  '0002_limits_and_challenges': {
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
  },
  '0003_two_factor': {
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
  },
  '0004_region_risk_wallet': {
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
  },
  '0005_history_by_time': {
    async up(db: Kysely<unknown>) {
      // The risk engine reads an account's recent history by time.
      await db.schema.createIndex('login_attempts_account_at').on('login_attempts').columns(['account_id', 'at']).execute();
    },
  },
  '0006_flows': {
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
  },
  '0008_support': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('error_code', 'integer')
        .addColumn('device_model', 'text')
        .addColumn('occurred_at', ms)
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('filed_ip', 'text', (c) => c.notNull())
        .addColumn('confirm_token_hash', 'text', (c) => c.unique())
        .addColumn('confirm_expires_at', ms)
        .addColumn('access_token_hash', 'text', (c) => c.unique())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('confirmed_at', ms)
        .addColumn('due_at', ms)
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addColumn('closed_at', ms)
        .addColumn('resolution', 'text')
        .execute();
      await db.schema.createIndex('tickets_queue').on('tickets').columns(['status', 'id']).execute();
      await db.schema.createIndex('tickets_account').on('tickets').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('tickets_closed').on('tickets').columns(['closed_at']).execute();
      await db.schema
        .createTable('ticket_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_messages_ticket').on('ticket_messages').columns(['ticket_id', 'id']).execute();
      await db.schema
        .createTable('ticket_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('storage_name', 'text', (c) => c.notNull().unique())
        .addColumn('sealed', 'integer', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('deleted_at', ms)
        .execute();
      await db.schema.createIndex('ticket_files_ticket').on('ticket_files').columns(['ticket_id', 'id']).execute();
      await db.schema
        .createTable('ticket_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute();
      await db.schema
        .createTable('two_factor_resets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('ticket_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('cancel_token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('due_at', ms, (c) => c.notNull())
        .addColumn('cancelled_at', ms)
        .addColumn('done_at', ms)
        .execute();
      // At most one pending reset per account.
      await db.schema
        .createIndex('two_factor_resets_one_scheduled')
        .on('two_factor_resets')
        .column('account_id')
        .unique()
        .where(sql.ref('status'), '=', sql.lit('scheduled'))
        .execute();
      await db.schema.createIndex('two_factor_resets_due').on('two_factor_resets').columns(['status', 'due_at']).execute();

      await db.schema.alterTable('audit_log').addColumn('ip', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('account_id', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('before_state', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('after_state', 'text').execute();
      await db.schema.createIndex('audit_log_account').on('audit_log').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target', 'id']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_email', 'id']).execute();
      // Append-only, enforced by the database itself: an UPDATE or DELETE (or TRUNCATE) of an audit
      // row fails whoever sends it, so neither a bug nor a stolen application connection rewrites history.
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
        await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      }
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema to the latest migration; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator runs before (and regardless of) the typed schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  // With a non-default PostgreSQL schema, Kysely must be told where its own bookkeeping tables live.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
