/**
 * Maintenance mode (1100). The state lives in the database so that the CLI and the admin API reach
 * every server process; each process caches it for one second, so a switch takes effect everywhere
 * within a second without a query per request.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/schema.js';
import { readSetting, writeSetting } from './settings-store.js';

export interface MaintenanceState {
  enabled: boolean;
  message: string | null;
  /** Announced end, ms since epoch; null when open-ended. */
  untilMs: number | null;
}

const KEY = 'maintenance';
const CACHE_MS = 1000;
const OFF: MaintenanceState = { enabled: false, message: null, untilMs: null };

export interface MaintenanceService {
  current(): Promise<MaintenanceState>;
  /** The cached state while it is fresh, else undefined (then call current()). Lets hot paths skip a promise. */
  cached(): MaintenanceState | undefined;
  /** `db` lets a caller write the state inside its own transaction (the audit row's). */
  set(state: MaintenanceState, db?: Db): Promise<void>;
}

export function createMaintenanceService(deps: Pick<Deps, 'db' | 'clock'>): MaintenanceService {
  let cached: { state: MaintenanceState; atMs: number } | undefined;
  return {
    cached() {
      const now = deps.clock.nowMs();
      return cached && now - cached.atMs < CACHE_MS && now >= cached.atMs ? cached.state : undefined;
    },
    async current() {
      const now = deps.clock.nowMs();
      if (cached && now - cached.atMs < CACHE_MS && now >= cached.atMs) return cached.state;
      const state = (await readSetting<MaintenanceState>(deps.db, KEY)) ?? OFF;
      cached = { state, atMs: now };
      return state;
    },
    async set(state, db = deps.db) {
      await writeSetting(db, KEY, state, deps.clock.nowMs());
      cached = undefined;
    },
  };
}

/**
 * Seconds to tell clients to wait: until the announced end, or a minute when the end has passed or
 * none was announced (retryAfter is sent only when an end is set).
 */
export function maintenanceRetryAfterSeconds(state: MaintenanceState, nowMs: number): number | undefined {
  if (state.untilMs === null) return undefined;
  return state.untilMs > nowMs ? Math.ceil((state.untilMs - nowMs) / 1000) : 60;
}

/** The 1100 answer for a maintenance state. */
export function maintenanceError(state: MaintenanceState, clock: Clock): AppError {
  const retryAfterSeconds = maintenanceRetryAfterSeconds(state, clock.nowMs());
  return new AppError('SYSTEM_MAINTENANCE', {
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    details: {
      until: state.untilMs === null ? null : new Date(state.untilMs).toISOString(),
      ...(state.message ? { message: state.message } : {}),
    },
  });
}
