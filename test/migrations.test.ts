/** Upgrades keep what an existing database knows: the sign-in footprint is carried over from the history. */
import { Migrator } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../src/platform/db/connect.js';
import { MIGRATIONS, migrateToLatest } from '../src/platform/db/migrations.js';
import { describeEachBackend } from './support/backends.js';

const opened: OpenedDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describeEachBackend('migrations', (backend) => {
  it('0010 carries the last 90 days of successful sign-ins over into the footprint', async () => {
    const target = backend.freshDatabase();
    const db = await openDb({ url: target.url, ...(target.schema ? { schema: target.schema } : {}) });
    opened.push(db);
    const migrator = new Migrator({
      db: db.db,
      provider: { getMigrations: async () => MIGRATIONS },
      ...(db.schema ? { migrationTableSchema: db.schema } : {}),
    });
    const { error } = await migrator.migrateTo('0009_balance_credits');
    expect(error).toBeUndefined();
    const now = Date.now();
    await db.db
      .insertInto('accounts')
      .values({ id: 'A1', email: 'old@example.com', password_hash: 'x', roles: '', password_changed_at: now, created_at: now } as never)
      .execute();
    const attempt = (id: string, ip: string, country: string | null, at: number, result_code: number | null) =>
      db.db
        .insertInto('login_attempts')
        .values({
          id,
          account_id: 'A1',
          at,
          ip,
          country,
          device_id: null,
          device_key: null,
          device_name: 'd',
          result_code,
          result_reason: null,
          flags: '[]',
          risk_score: null,
        })
        .execute();
    await attempt('01', '192.0.2.10', 'DE', now - 3_600_000, null);
    await attempt('02', '192.0.9.99', 'DE', now - 60_000, null);
    await attempt('03', '10.1.2.3', null, now - 120_000, null);
    await attempt('04', '203.0.113.7', 'US', now - 60_000, 4000);
    await attempt('05', '198.51.100.7', 'CN', now - 100 * 86_400_000, null);
    await migrateToLatest(db.db, db.schema);
    const rows = await db.db.selectFrom('login_footprint').select(['network', 'country', 'last_success_at']).orderBy('network').execute();
    expect(rows.map((r) => [r.network, r.country, Number(r.last_success_at)])).toEqual([
      ['10.1.0.0/16', '', now - 120_000],
      ['192.0.0.0/16', 'DE', now - 60_000],
    ]);
  });
});
