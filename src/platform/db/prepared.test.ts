import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenedDb, openDb } from './connect.js';
import { preparedQuery } from './prepared.js';
import type { Db } from './schema.js';

// A throwaway table: the prepared path does not depend on Gatehouse's schema.
const byOwner = preparedQuery<{ id: string; owner: string; amount: number }, [owner: string]>((db) =>
  (db as unknown as Kysely<any>).selectFrom('items').select(['id', 'owner', 'amount']).where('owner', '=', '').orderBy('id'),
);

const opened: OpenedDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function sqliteWithItems(): Promise<Db> {
  const o = await openDb({ url: join(mkdtempSync(join(tmpdir(), 'gatehouse-prepared-')), 'test.sqlite') });
  opened.push(o);
  await sql`create table items (id text primary key, owner text not null, amount integer not null)`.execute(o.db);
  await sql`insert into items values ('a', 'ann', 1), ('b', 'ann', 2), ('c', 'bob', 3)`.execute(o.db);
  return o.db;
}

describe('prepared queries on SQLite', () => {
  it('return the rows Kysely returns, as objects, for each binding', async () => {
    const db = await sqliteWithItems();
    expect(await byOwner(db, 'ann')).toEqual([
      { id: 'a', owner: 'ann', amount: 1 },
      { id: 'b', owner: 'ann', amount: 2 },
    ]);
    expect(await byOwner(db, 'bob')).toEqual([{ id: 'c', owner: 'bob', amount: 3 }]);
    expect(await byOwner(db, 'nobody')).toEqual([]);
  });

  it('never read rows of a transaction that is still open: they wait for it and see what it committed', async () => {
    const db = await sqliteWithItems();
    let commit!: () => void;
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let inserted!: () => void;
    const insertDone = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await sql`insert into items values ('d', 'ann', 4)`.execute(trx);
      inserted();
      await held;
    });
    await insertDone;
    let read: Array<{ id: string }> | undefined;
    const reading = byOwner(db, 'ann').then((rows) => {
      read = rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeUndefined();
    commit();
    await transaction;
    await reading;
    expect(read?.map((r) => r.id)).toEqual(['a', 'b', 'd']);
  });
});
