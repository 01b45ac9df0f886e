/** Small JSON settings shared by all server processes through the database. */
import type { Db } from '../platform/db/schema.js';

export async function readSetting<T>(db: Db, key: string): Promise<T | null> {
  const row = await db.selectFrom('settings').select(['value']).where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeSetting(db: Db, key: string, value: unknown, nowMs: number): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: nowMs })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: nowMs }))
    .execute();
}
