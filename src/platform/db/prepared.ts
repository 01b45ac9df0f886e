/**
 * Queries on a hot path, built once: the query builder and compiler cost more than a SQLite lookup,
 * so a prepared query compiles its Kysely query once per database (with the dialect's own
 * placeholders) and afterwards only binds new parameters. The query itself is still written with
 * the typed builder, in its domain's store.ts; parameters bind in the order they appear in the SQL.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './schema.js';

export function preparedQuery<Row, Params extends unknown[]>(build: (db: Db) => Compilable<Row>): (db: Db, ...params: Params) => Promise<Row[]> {
  const compiled = new WeakMap<Db, string>();
  return async (db, ...params) => {
    let sql = compiled.get(db);
    if (sql === undefined) {
      const query = build(db).compile();
      // Placeholder values in the template must be exactly the parameters the caller binds.
      if (query.parameters.length !== params.length) throw new Error(`prepared query takes ${query.parameters.length} parameters, got ${params.length}`);
      sql = query.sql;
      compiled.set(db, sql);
    }
    return (await db.executeQuery<Row>(CompiledQuery.raw(sql, params))).rows;
  };
}
