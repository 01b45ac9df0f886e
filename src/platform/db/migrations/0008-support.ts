import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

const ms = 'bigint';

export const m0008Support: Migration = {
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
};
