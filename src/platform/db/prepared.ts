/**
 * Queries on a hot path, built once: the query builder and compiler cost more than a SQLite lookup,
 * so a prepared query compiles its Kysely query once per database (with the dialect's own
 * placeholders) and afterwards only binds new parameters. The query itself is still written with
 * the typed builder, in its domain's store.ts; parameters bind in the order they appear in the SQL.
 *
 * On SQLite the statement runs on better-sqlite3 directly (one prepared statement per database):
 * Kysely's executor adds a connection mutex and a chain of promises around a call that is
 * synchronous anyway, which cost about as much as the lookup itself. Rows come back as arrays and
 * are turned into objects here: better-sqlite3 looks every column name up in V8's string table
 * for every row, which cost more than the read. PostgreSQL, and any query inside a transaction,
 * goes through Kysely as before.
 */
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './schema.js';

const sqliteHandles = new WeakMap<Db, SQLite.Database>();

/** Registers the better-sqlite3 handle behind a SQLite Kysely instance (connect.ts does this). */
export function registerSqliteHandle(db: Db, sqlite: SQLite.Database): void {
  sqliteHandles.set(db, sqlite);
}

export function preparedQuery<Row, Params extends unknown[]>(build: (db: Db) => Compilable<Row>): (db: Db, ...params: Params) => Promise<Row[]> {
  const compiled = new WeakMap<Db, string>();
  const statements = new WeakMap<Db, { statement: SQLite.Statement<unknown[], unknown[]>; columns: string[] }>();
  const sqlFor = (db: Db, params: Params): string => {
    let sql = compiled.get(db);
    if (sql === undefined) {
      const query = build(db).compile();
      // Placeholder values in the template must be exactly the parameters the caller binds.
      if (query.parameters.length !== params.length) throw new Error(`prepared query takes ${query.parameters.length} parameters, got ${params.length}`);
      sql = query.sql;
      compiled.set(db, sql);
    }
    return sql;
  };
  return async (db, ...params) => {
    const sqlite = sqliteHandles.get(db);
    // While a transaction is open on the connection, Kysely queues other queries until it ends;
    // a direct read then would see its uncommitted rows, so it queues through Kysely too.
    if (sqlite !== undefined && !sqlite.inTransaction) {
      let prepared = statements.get(db);
      if (prepared === undefined) {
        const statement = sqlite.prepare<unknown[], unknown[]>(sqlFor(db, params)).raw(true);
        prepared = { statement, columns: statement.columns().map((c) => c.name) };
        statements.set(db, prepared);
      }
      const { statement, columns } = prepared;
      const rows = statement.all(...params);
      const out: Row[] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const values = rows[r]!;
        const row: Record<string, unknown> = {};
        for (let c = 0; c < columns.length; c++) row[columns[c]!] = values[c];
        out[r] = row as Row;
      }
      return out;
    }
    return (await db.executeQuery<Row>(CompiledQuery.raw(sqlFor(db, params), params))).rows;
  };
}
