/**
 * Opens everything a Gatehouse process needs from a Config: database (migrated), keys, hasher,
 * mailer, metrics. Shared by the server, the CLI and the tests, so all three run the same wiring.
 */
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { openDb, defaultSqlitePath } from './platform/db/connect.js';
import { migrateToLatest } from './platform/db/migrations.js';
import { systemClock, type Clock } from './platform/clock.js';
import { cryptoRandom, type Random } from './platform/random.js';
import { createIdFactory } from './platform/ids.js';
import { createArgon2Hasher } from './platform/passwords/hasher.js';
import { createOutboxMailer } from './platform/mail/outbox.js';
import { deriveKeys, loadOrCreateMasterKey } from './platform/secret-key.js';
import { createMetrics } from './platform/metrics.js';

export interface RuntimeOptions {
  clock?: Clock;
  random?: Random;
  /** PostgreSQL schema to isolate a test run. */
  dbSchema?: string;
  collectProcessMetrics?: boolean;
}

export interface Runtime {
  deps: Deps;
  close(): Promise<void>;
}

export function databaseUrlOf(config: Config): string {
  return config.databaseUrl ?? defaultSqlitePath(config.dataDir);
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const keys = deriveKeys(loadOrCreateMasterKey(config.secretKey, config.dataDir));
  const opened = await openDb({ url: databaseUrlOf(config), ...(options.dbSchema ? { schema: options.dbSchema } : {}) });
  try {
    await migrateToLatest(opened.db, opened.schema);
  } catch (err) {
    await opened.close();
    throw err;
  }
  const metrics = createMetrics(options.collectProcessMetrics ?? true);
  const hasher = await createArgon2Hasher(config.passwords.argon2, config.passwords.hashConcurrency);
  hasher.onDuration = (operation, seconds) => metrics.passwordHashSeconds.observe({ operation }, seconds);
  const newId = createIdFactory(clock);
  const deps: Deps = {
    config,
    db: opened.db,
    dialect: opened.dialect,
    clock,
    random,
    newId,
    hasher,
    mailer: createOutboxMailer(opened.db, clock, newId),
    keys,
    metrics,
    readiness: { database: opened.ping },
  };
  return { deps, close: () => opened.close() };
}
