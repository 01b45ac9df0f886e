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
import { Redis } from 'ioredis';
import { AuthLimits } from './limits/auth-limits.js';
import { HashGate } from './limits/admission.js';
import { ReplyHold } from './limits/reply-hold.js';
import { openGeo } from './platform/geo.js';
import { createBackground } from './platform/background.js';
import { createRegionService } from './region/service.js';
import { createMaintenanceService } from './maintenance/service.js';
import { createMemoryLimiterFactory, createRedisLimiterFactory, type LimiterFactory } from './limits/limiter-factory.js';

/**
 * Redis for shared limits. Commands fail fast while disconnected (no offline queue), so the limiters
 * switch to their per-process insurance at once instead of waiting; reconnection is automatic.
 */
export function connectRedis(url: string, onError?: (err: Error) => void): Redis {
  const redis = new Redis(url, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', (err: Error) => onError?.(err));
  return redis;
}

/** Waits until Redis is ready, up to a limit; after that the limiters start on their insurance. */
async function waitForRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
  });
}

export interface RuntimeOptions {
  /** Told about failed write-behind work (the server logs it). */
  onBackgroundError?: (err: unknown) => void;
  /** Told about Redis connection errors (the server logs them, throttled). */
  onRedisError?: (err: Error) => void;
  clock?: Clock;
  random?: Random;
  /** PostgreSQL schema to isolate a test run. */
  dbSchema?: string;
  collectProcessMetrics?: boolean;
  /** Prefix for limiter keys in Redis; tests use a fresh one per app. */
  limiterPrefix?: string;
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
  const { admission } = config;
  const shedHold = new ReplyHold({
    delayMs: admission.shedDelayMs,
    maxPerSecond: admission.shedMaxPerSecond,
    maxHeld: admission.maxHeldSheds,
    yieldMaxMs: admission.priorityYieldMs,
  });
  // While a known device's password is checked, refusals to the flood wait (reply-hold.ts).
  const hashGate = new HashGate({ ...admission, concurrency: admission.hashConcurrency, onPriorityBusy: (busy) => shedHold.setYielding(busy) });
  // Normal-lane work never holds more than the gate's normal share of the slots at once.
  const hasher = await createArgon2Hasher(config.passwords.argon2, { threads: hashGate.normalCapacity, nice: admission.normalLaneNice });
  hasher.onDuration = (operation, seconds) => metrics.passwordHashSeconds.observe({ operation }, seconds);
  const newId = createIdFactory(clock);
  const readiness: Deps['readiness'] = { database: opened.ping };
  let redis: Redis | undefined;
  let limiterFactory: LimiterFactory;
  const prefix = options.limiterPrefix ?? config.redisKeyPrefix;
  if (config.redisUrl) {
    redis = connectRedis(config.redisUrl, options.onRedisError);
    await waitForRedis(redis, 3000);
    limiterFactory = createRedisLimiterFactory(clock, redis, config.limits.memoryMaxKeys, prefix);
    const client = redis;
    readiness.redis = async () => {
      if ((await client.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
    };
  } else {
    // Process memory needs no namespace; a short prefix saves bytes on every tracked key.
    limiterFactory = createMemoryLimiterFactory(clock, config.limits.memoryMaxKeys, options.limiterPrefix ?? 'g');
  }
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
    limits: new AuthLimits(config.limits, limiterFactory, clock),
    background: createBackground((err) => options.onBackgroundError?.(err)),
    geo: await openGeo({ dbPath: config.geoipDb, overrides: config.geo.overrides }),
    region: createRegionService({ db: opened.db, clock, config }),
    maintenance: createMaintenanceService({ db: opened.db, clock }),
    hashGate,
    shedHold,
    readiness,
  };
  return {
    deps,
    close: async () => {
      await deps.background.idle();
      redis?.disconnect();
      await opened.close();
    },
  };
}
