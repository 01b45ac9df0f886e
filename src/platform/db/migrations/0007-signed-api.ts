import { type Kysely, type Migration, PostgresAdapter } from 'kysely';

const ms = 'bigint';

export const m0007SignedApi: Migration = {
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
      .addColumn('id', isPostgres ? 'bigint' : 'integer', (c) => (isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
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
};
