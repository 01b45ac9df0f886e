/**
 * The dependencies every service receives. Built once by the server (or a test) and passed down;
 * nothing reaches for globals, so tests swap the clock and the database without monkey-patching.
 */
import type { Config } from './config.js';
import type { Db } from './platform/db/schema.js';
import type { Dialect } from './platform/db/connect.js';
import type { Clock } from './platform/clock.js';
import type { Random } from './platform/random.js';
import type { IdFactory } from './platform/ids.js';
import type { PasswordHasher } from './platform/passwords/hasher.js';
import type { Mailer } from './platform/mail/outbox.js';
import type { ServerKeys } from './platform/secret-key.js';
import type { Metrics } from './platform/metrics.js';
import type { AuthLimits } from './limits/auth-limits.js';
import type { HashGate } from './limits/admission.js';
import type { ReplyHold } from './limits/reply-hold.js';
import type { Geo } from './platform/geo.js';
import type { Background } from './platform/background.js';
import type { RegionService } from './region/service.js';
import type { MaintenanceService } from './maintenance/service.js';

export interface Deps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  random: Random;
  newId: IdFactory;
  hasher: PasswordHasher;
  mailer: Mailer;
  keys: ServerKeys;
  metrics: Metrics;
  /** Rate limits in front of every credential check (1003). */
  limits: AuthLimits;
  /** Admission control for password hashing (priority lane for known devices). */
  hashGate: HashGate;
  /** Early-shed refusals wait here before they are sent (a tarpit; src/limits/reply-hold.ts). */
  shedHold: ReplyHold;
  /** Write-behind work that must not add latency (and that shutdown waits for). */
  background: Background;
  /** IP → country (MMDB plus overrides). */
  geo: Geo;
  /** Maintenance mode (1100), shared by every process through the database. */
  maintenance: MaintenanceService;
  /** The region policy in force (config, or the admin's stored replacement). */
  region: RegionService;
  /** Readiness checks by name (database, redis, ...); each throws when the dependency is down. */
  readiness: Record<string, () => Promise<void>>;
}

/** What the HTTP layer knows about the caller, handed to services as plain data. */
export interface RequestContext {
  ip: string;
  userAgent: string;
  requestId: string;
  /** Stable per-install id from the body, or the device cookie. */
  deviceKey: string | null;
  deviceName: string | null;
  /** Presented device token (x-device-token header or gh_dt cookie), unverified. */
  deviceToken?: string | null;
}
