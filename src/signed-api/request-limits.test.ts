/**
 * The signed-API limits on the limiter stores themselves: the default 6000 REQUEST_WEIGHT counts
 * exactly (beyond the memory store's packed range), and on Redis two instances share one budget
 * and one ban (GATEHOUSE_TEST_REDIS_URL).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.js';
import { connectRedis } from '../runtime.js';
import { ManualClock } from '../platform/clock.js';
import { createMemoryLimiterFactory, createRedisLimiterFactory } from '../limits/limiter-factory.js';
import { SignedApiLimits } from './request-limits.js';

const config = DEFAULT_CONFIG.signedApi;
const redisUrl = process.env.GATEHOUSE_TEST_REDIS_URL;

describe('signed-API limits, memory store', () => {
  it('counts the default 6000 weight per minute exactly: 300 requests of weight 20 pass, the 301st is refused', async () => {
    const clock = new ManualClock();
    const limits = new SignedApiLimits(config, createMemoryLimiterFactory(clock, 10_000), clock);
    for (let i = 1; i <= 300; i++) expect(await limits.admit('203.0.113.1', 20)).toEqual({ kind: 'ok', usedWeight: i * 20 });
    expect(await limits.admit('203.0.113.1', 20)).toMatchObject({ kind: 'limited', usedWeight: 6020 });
    expect(await limits.usedWeight('203.0.113.1')).toBe(6020);
  });

  it('counts an IPv6 client by its /64', async () => {
    const clock = new ManualClock();
    const limits = new SignedApiLimits(config, createMemoryLimiterFactory(clock, 10_000), clock);
    await limits.admit('2001:db8:1:2::1', 20);
    expect(await limits.admit('2001:db8:1:2:ffff::9', 1)).toEqual({ kind: 'ok', usedWeight: 21 });
  });
});

describe.skipIf(!redisUrl)('signed-API limits, two instances on one Redis', () => {
  const redis = redisUrl ? connectRedis(redisUrl) : null;
  afterAll(() => redis?.disconnect());

  it('share one weight budget and one ban', async () => {
    const clock = new ManualClock();
    const prefix = `t${randomBytes(6).toString('hex')}`;
    const small = { ...config, limits: { ...config.limits, requestWeightPerMinute: 100 }, bans: { ...config.bans, after429s: 2 } };
    const [a, b] = [1, 2].map(() => new SignedApiLimits(small, createRedisLimiterFactory(clock, redis!, 1000, prefix), clock));
    await new Promise((resolve) => (redis!.status === 'ready' ? resolve(null) : redis!.once('ready', resolve)));
    expect(await a!.admit('203.0.113.9', 60)).toEqual({ kind: 'ok', usedWeight: 60 });
    expect(await b!.admit('203.0.113.9', 40)).toEqual({ kind: 'ok', usedWeight: 100 });
    expect(await a!.admit('203.0.113.9', 1)).toMatchObject({ kind: 'limited', usedWeight: 101 });
    expect(await b!.admit('203.0.113.9', 1)).toMatchObject({ kind: 'banned', retryAfterSeconds: 120 });
    // The instance that did not start the ban learns of it from Redis.
    expect(await a!.admit('203.0.113.9', 1)).toMatchObject({ kind: 'banned' });
    expect(await b!.countOrder('acct-1')).toMatchObject({ ok: true, count10s: 1 });
    expect(await a!.countOrder('acct-1')).toMatchObject({ ok: true, count10s: 2, count1d: 2 });
  });
});
