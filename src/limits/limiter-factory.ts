/**
 * Builds the limiters the policies use: process memory (embedded default) or Redis with a
 * per-process memory insurance limiter, so a Redis outage degrades to per-process limits and never
 * to no limits.
 */
import type { Redis } from 'ioredis';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../platform/clock.js';
import { ClockedMemoryLimiter, ClockedRedisLimiter, WindowStore } from './clocked-limiters.js';

/** The slice of rate-limiter-flexible's interface the policies use; results never reject on "over". */
export interface Limiter {
  /** Adds points; the result says how many are consumed in the current window (over the limit included). */
  hit(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  /** Puts the key over its limit for `seconds`. */
  block(key: string, seconds: number): Promise<void>;
  reward(key: string, points?: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface LimiterFactory {
  readonly store: 'memory' | 'redis';
  create(name: string, points: number, durationSeconds: number): Limiter;
  /** Keys held in this process's memory (the insurance store too). */
  memoryKeys(): number;
}

type RlfLike = {
  points: number;
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  block(key: string, seconds: number): Promise<RateLimiterRes>;
  reward(key: string, points?: number): Promise<RateLimiterRes>;
  delete(key: string): Promise<boolean>;
};

function isLimiterRes(value: unknown): value is RateLimiterRes {
  return typeof value === 'object' && value !== null && 'msBeforeNext' in value && 'consumedPoints' in value;
}

function adapt(limiter: RlfLike): Limiter {
  return {
    async hit(key, points = 1) {
      try {
        return await limiter.consume(key, points);
      } catch (rejection) {
        // rate-limiter-flexible rejects with the result when over the limit; errors still throw.
        if (isLimiterRes(rejection)) return rejection;
        throw rejection;
      }
    },
    get: (key) => limiter.get(key),
    block: async (key, seconds) => {
      await limiter.block(key, seconds);
    },
    reward: async (key, points = 1) => {
      await limiter.reward(key, points);
    },
    delete: async (key) => {
      await limiter.delete(key);
    },
  };
}

export function createMemoryLimiterFactory(clock: Clock, maxKeys: number, prefix = 'gh'): LimiterFactory {
  // One LRU for all limiters: the bound is on total tracked keys, whatever the policy.
  const windows = new WindowStore(clock, maxKeys);
  return {
    store: 'memory',
    create: (name, points, durationSeconds) =>
      adapt(new ClockedMemoryLimiter({ keyPrefix: `${prefix}:${name}`, points, duration: durationSeconds }, clock, windows) as unknown as RlfLike),
    memoryKeys: () => windows.size,
  };
}

export function createRedisLimiterFactory(clock: Clock, redis: Redis, maxInsuranceKeys: number, prefix = 'gh'): LimiterFactory {
  const insuranceWindows = new WindowStore(clock, maxInsuranceKeys);
  return {
    store: 'redis',
    create: (name, points, durationSeconds) => {
      const options = { keyPrefix: `${prefix}:${name}`, points, duration: durationSeconds };
      const insuranceLimiter = new ClockedMemoryLimiter(options, clock, insuranceWindows);
      return adapt(new ClockedRedisLimiter({ ...options, insuranceLimiter }, redis, clock) as unknown as RlfLike);
    },
    memoryKeys: () => insuranceWindows.size,
  };
}
