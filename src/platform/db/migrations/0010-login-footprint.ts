import { type Kysely, type Migration, sql } from 'kysely';
import { networkOf } from '../../../limits/client-ip.js';

const ms = 'bigint';
const NINETY_DAYS_MS = 90 * 86_400_000;

export const m0010LoginFootprint: Migration = {
  async up(db: Kysely<unknown>) {
    // Where each account has signed in successfully (network and country), one row each, so the risk
    // rules read a few rows instead of scanning a history that grows with every sign-in.
    await db.schema
      .createTable('login_footprint')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('last_success_at', ms, (c) => c.notNull())
      .addPrimaryKeyConstraint('login_footprint_pk', ['account_id', 'network', 'country'])
      .execute();
    // Carried over from the last 90 days of history (the network is derived in code, as at sign-in).
    const since = Date.now() - NINETY_DAYS_MS;
    const { rows } = await sql<{ account_id: string; ip: string; country: string | null; at: number | string }>`
      select account_id, ip, country, max(at) as at from login_attempts
      where result_code is null and at > ${since} group by account_id, ip, country`.execute(db);
    const latest = new Map<string, { account_id: string; network: string; country: string; last_success_at: number }>();
    for (const row of rows) {
      const entry = { account_id: row.account_id, network: networkOf(row.ip), country: row.country ?? '', last_success_at: Number(row.at) };
      const key = `${entry.account_id}\n${entry.network}\n${entry.country}`;
      if ((latest.get(key)?.last_success_at ?? 0) < entry.last_success_at) latest.set(key, entry);
    }
    const values = [...latest.values()];
    for (let i = 0; i < values.length; i += 500) {
      await (db as Kysely<{ login_footprint: (typeof values)[number] }>)
        .insertInto('login_footprint')
        .values(values.slice(i, i + 500))
        .execute();
    }
  },
};
