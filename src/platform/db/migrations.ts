/**
 * The one migration set for both dialects. Migrations are code (no files to ship), append-only:
 * never edit a released migration, add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter } from 'kysely';

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
  '0007_signed_api': {
    async up(db: Kysely<unknown>) {
      // Signed-API keys. The API key itself is stored only as its SHA-256 (the lookup); the HMAC
      // secret sealed under the api-keys subkey; an Ed25519 key's public half as SPKI PEM.
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('secret_enc', 'text')
        .addColumn('public_key', 'text')
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('ip_whitelist', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('last_used_at', ms)
        .addColumn('revoked_at', ms)
        .execute();
      await db.schema.createIndex('api_keys_account').on('api_keys').columns(['account_id', 'created_at']).execute();
      // Binance order ids are integers: a database-assigned sequence on both dialects.
      const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('spot_orders')
        .addColumn('id', isPostgres ? 'bigint' : 'integer', (c) =>
          isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('api_key_id', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('time_in_force', 'text')
        .addColumn('price_minor', 'bigint', (c) => c.notNull())
        .addColumn('orig_qty_minor', 'bigint', (c) => c.notNull())
        .addColumn('orig_quote_qty_minor', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('client_order_id', 'text', (c) => c.notNull())
        .addColumn('locked_asset', 'text', (c) => c.notNull())
        .addColumn('locked_minor', 'bigint', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('spot_orders_client_id').on('spot_orders').columns(['account_id', 'client_order_id']).unique().execute();
      await db.schema.createIndex('spot_orders_open').on('spot_orders').columns(['account_id', 'status', 'symbol']).execute();
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
