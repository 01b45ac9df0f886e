/**
 * rate-limiter-flexible stores that read time from Gatehouse's Clock.
 *
 * rate-limiter-flexible gives the limiter interface (consume, penalty, reward, block, get, delete)
 * and the insurance-limiter fallback; its own stores take time from Date.now() or from Redis TTLs,
 * and its memory store keeps one timer per key (about 495 MB per million keys). These two stores keep
 * the same fixed-window model with an injected clock: an LRU map without timers (bounded, about
 * 150 MB per million keys), and one Lua script per operation in Redis that takes `now` as an argument,
 * so every instance and every test sees the same, exact windows.
 */
import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { RateLimiterRes as RateLimiterResType, RateLimiterStoreAbstract as StoreAbstractType } from 'rate-limiter-flexible';
import type { Clock } from '../platform/clock.js';

const require = createRequire(import.meta.url);
// The store base class is public in rate-limiter-flexible's types but not re-exported by its index.
const RateLimiterStoreAbstract: typeof StoreAbstractType = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js');
const RateLimiterRes: typeof RateLimiterResType = require('rate-limiter-flexible/lib/RateLimiterRes.js');

/** What a store holds per key: consumed points and when they expire (null: never). */
interface StoredWindow {
  points: number;
  expiresAtMs: number | null;
  /** True when this operation started the window. */
  fresh: boolean;
}

export interface ClockedLimiterOptions {
  keyPrefix: string;
  points: number;
  /** Window length in seconds. */
  duration: number;
}

type StoreCtor = new (opts: object) => StoreAbstractType & Record<string, unknown>;
const Base = RateLimiterStoreAbstract as unknown as StoreCtor;

function toResult(limiter: { points: number }, clock: Clock, stored: StoredWindow): RateLimiterResType {
  const msBeforeNext = stored.expiresAtMs === null ? -1 : Math.max(0, stored.expiresAtMs - clock.nowMs());
  return new RateLimiterRes(Math.max(limiter.points - stored.points, 0), msBeforeNext, stored.points, stored.fresh);
}

/**
 * A window packed into one number (points and expiry), so that a tracked key costs a string and a
 * double rather than an object: the difference between ~270 and ~150 bytes per key, which is what
 * keeps a million tracked clients within the memory bar. Expiry is stored relative to an epoch taken
 * at start (2^41 ms ≈ 69 years of range); points are kept in 12 bits (-2048..2047). The rare window
 * whose points leave that range (a request-weight budget of thousands) is kept as a small object
 * instead, so counts stay exact whatever the limit.
 */
export class WindowStore {
  private readonly epochMs: number;
  readonly map: LRUCache<string, number | { points: number; expiresAtMs: number | null }>;

  constructor(clock: Clock, maxKeys: number) {
    this.epochMs = clock.nowMs() - 1;
    this.map = new LRUCache<string, number | { points: number; expiresAtMs: number | null }>({ max: maxKeys });
  }

  get(key: string): { points: number; expiresAtMs: number | null } | undefined {
    const packed = this.map.get(key);
    if (packed === undefined) return undefined;
    if (typeof packed !== 'number') return { ...packed };
    const relative = Math.floor(packed / 4096);
    return { points: (packed % 4096) - 2048, expiresAtMs: relative === 0 ? null : this.epochMs + relative };
  }

  set(key: string, points: number, expiresAtMs: number | null): void {
    if (points < -2048 || points > 2047) {
      this.map.set(key, { points, expiresAtMs });
      return;
    }
    const relative = expiresAtMs === null ? 0 : Math.max(1, expiresAtMs - this.epochMs);
    this.map.set(key, relative * 4096 + points + 2048);
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/** Process-local limiter: an LRU map of windows, expired lazily; the least recently used keys go first. */
export class ClockedMemoryLimiter extends Base {
  constructor(
    options: ClockedLimiterOptions,
    private readonly clock: Clock,
    private readonly windows: WindowStore,
  ) {
    super({ ...options, storeClient: {} });
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<StoredWindow> {
    const now = this.clock.nowMs();
    const current = this.windows.get(rlKey);
    const live = current && (current.expiresAtMs === null || current.expiresAtMs > now) ? current : undefined;
    if (!live || forceExpire) {
      const expiresAtMs = msDuration > 0 ? now + msDuration : null;
      this.windows.set(rlKey, points, expiresAtMs);
      return Promise.resolve({ points, expiresAtMs, fresh: !live });
    }
    const updated = live.points + points;
    this.windows.set(rlKey, updated, live.expiresAtMs);
    return Promise.resolve({ points: updated, expiresAtMs: live.expiresAtMs, fresh: false });
  }

  _get(rlKey: string): Promise<StoredWindow | null> {
    const current = this.windows.get(rlKey);
    if (!current || (current.expiresAtMs !== null && current.expiresAtMs <= this.clock.nowMs())) return Promise.resolve(null);
    return Promise.resolve({ ...current, fresh: false });
  }

  _delete(rlKey: string): Promise<boolean> {
    return Promise.resolve(this.windows.delete(rlKey));
  }

  _getRateLimiterRes(_rlKey: string, _changedPoints: number, stored: StoredWindow): RateLimiterResType {
    return toResult(this as unknown as { points: number }, this.clock, stored);
  }
}

/**
 * KEYS[1] = key; ARGV = points, msDuration, forceExpire (0/1), now.
 * The window is a hash {p, e}; e = 0 means no expiry. PEXPIRE only cleans up: semantics use `now`.
 */
const UPSERT_LUA = `
local now = tonumber(ARGV[4])
local ms = tonumber(ARGV[2])
local p = tonumber(redis.call('HGET', KEYS[1], 'p') or '0')
local e = tonumber(redis.call('HGET', KEYS[1], 'e') or '-1')
local live = e == 0 or e > now
local fresh = 0
if (not live) or ARGV[3] == '1' then
  if not live then fresh = 1 end
  p = tonumber(ARGV[1])
  if ms > 0 then e = now + ms else e = 0 end
  redis.call('HSET', KEYS[1], 'p', p, 'e', e)
  if ms > 0 then redis.call('PEXPIRE', KEYS[1], ms) else redis.call('PERSIST', KEYS[1]) end
else
  p = redis.call('HINCRBY', KEYS[1], 'p', ARGV[1])
end
return {p, e, fresh}
`;

const GET_LUA = `
local now = tonumber(ARGV[1])
local p = redis.call('HGET', KEYS[1], 'p')
local e = tonumber(redis.call('HGET', KEYS[1], 'e') or '-1')
if p == false or (e ~= 0 and e <= now) then return false end
return {tonumber(p), e}
`;

type RedisWithScripts = Redis & {
  gatehouseUpsert(key: string, points: number, ms: number, force: number, now: number): Promise<[number, number, number]>;
  gatehouseGet(key: string, now: number): Promise<[number, number] | null>;
};

export function defineLimiterScripts(redis: Redis): void {
  if ((redis as unknown as Partial<RedisWithScripts>).gatehouseUpsert) return;
  redis.defineCommand('gatehouseUpsert', { numberOfKeys: 1, lua: UPSERT_LUA });
  redis.defineCommand('gatehouseGet', { numberOfKeys: 1, lua: GET_LUA });
}

/** Shared limiter in Redis: exact across every instance; falls back to the insurance limiter on error. */
export class ClockedRedisLimiter extends Base {
  private readonly redis: RedisWithScripts;

  constructor(
    options: ClockedLimiterOptions & { insuranceLimiter: ClockedMemoryLimiter },
    redis: Redis,
    private readonly clock: Clock,
  ) {
    super({ ...options, storeClient: redis });
    defineLimiterScripts(redis);
    this.redis = redis as RedisWithScripts;
  }

  private ready(): void {
    // Fail fast to the insurance limiter instead of queueing behind a dead connection.
    if (this.redis.status !== 'ready') throw new Error(`redis not ready (${this.redis.status})`);
  }

  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<StoredWindow> {
    this.ready();
    const [p, e, fresh] = await this.redis.gatehouseUpsert(rlKey, points, msDuration, forceExpire ? 1 : 0, this.clock.nowMs());
    return { points: Number(p), expiresAtMs: Number(e) === 0 ? null : Number(e), fresh: Number(fresh) === 1 };
  }

  async _get(rlKey: string): Promise<StoredWindow | null> {
    this.ready();
    const result = await this.redis.gatehouseGet(rlKey, this.clock.nowMs());
    if (!result) return null;
    return { points: Number(result[0]), expiresAtMs: Number(result[1]) === 0 ? null : Number(result[1]), fresh: false };
  }

  async _delete(rlKey: string): Promise<boolean> {
    this.ready();
    return (await this.redis.del(rlKey)) > 0;
  }

  _getRateLimiterRes(_rlKey: string, _changedPoints: number, stored: StoredWindow): RateLimiterResType {
    return toResult(this as unknown as { points: number }, this.clock, stored);
  }
}

export { RateLimiterRes };
