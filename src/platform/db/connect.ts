/**
 * Opens the database named by the configuration: a SQLite file (WAL, so a kill -9 loses nothing that
 * was committed) or PostgreSQL. Callers get one Kysely instance and never branch on the dialect.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { ensurePrivateDir, ensurePrivateFile } from '../data-dir.js';
import { registerSqliteHandle } from './prepared.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenDbOptions {
  /** postgres://... or sqlite:<path> / a bare file path / ':memory:'. */
  url: string;
  /** PostgreSQL only: the schema to use (created if missing); tests isolate runs this way. */
  schema?: string;
  poolSize?: number;
}

export interface OpenedDb {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema in use, when not the default. */
  schema?: string;
  /** Verifies the connection answers; used by /health/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const INT8_OID = 20;

export function defaultSqlitePath(dataDir: string): string {
  return join(dataDir, 'gatehouse.sqlite');
}

export async function openDb(options: OpenDbOptions): Promise<OpenedDb> {
  if (/^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options);
  return openSqlite(options.url.replace(/^sqlite:/, ''));
}

function openSqlite(path: string): OpenedDb {
  if (path !== ':memory:') {
    ensurePrivateDir(dirname(isAbsolute(path) ? path : join(process.cwd(), path)));
    // SQLite gives the -wal and -shm files the database file's mode when it creates them.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (file === path || existsSync(file)) ensurePrivateFile(file);
  }
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives process crashes (kill -9); only an OS crash could drop the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  registerSqliteHandle(db, sqlite);
  return {
    db,
    dialect: 'sqlite',
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query afresh; the login path runs the same few statements over and over, and
 * preparing them was about a tenth of a login's main-thread time. better-sqlite3 statements are
 * reusable, so keep them by SQL text (bounded; the SQL text never contains values).
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver);
        // Native methods must see the real database as `this`.
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sql: string) => {
        let statement = cache.get(sql);
        if (!statement) {
          statement = prepare(sql);
          if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
          cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}

async function openPostgres(options: OpenDbOptions): Promise<OpenedDb> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as never)) as never,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ...(schema ? { schema } : {}),
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => db.destroy(),
  };
}
