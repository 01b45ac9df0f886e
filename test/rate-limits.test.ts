/**
 * 1003: the layered login limits, one suite for the memory and the Redis store (same semantics).
 * Time moves through the injected clock; nothing sleeps.
 */
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { sqliteBackend } from './support/backends.js';
import { describeEachStore } from './support/limit-stores.js';
import { GOOD_PASSWORD, createHarness, json, latestCode, registerVerified, type Harness } from './support/harness.js';

const WRONG = 'definitely not it';

function attempt(h: Harness, email: string, password: string, ip = '203.0.113.10', extra: Record<string, unknown> = {}) {
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    payload: { email, password, ...extra },
  });
}

function withoutRequestId(body: string) {
  const parsed = JSON.parse(body);
  delete parsed.requestId;
  return parsed;
}

async function verifyCount(h: Harness): Promise<number> {
  const metric = await h.deps.metrics.passwordHashSeconds.get();
  return metric.values.find((v) => v.metricName?.endsWith('_count') && v.labels.operation === 'verify')?.value ?? 0;
}

describeEachStore('login rate limits', (store) => {
  const make = (limits = DEFAULT_CONFIG.limits) => createHarness(sqliteBackend(), { limits }, store.redisUrl ? { redisUrl: store.redisUrl } : {});

  it('blocks an IP+account pair at the 5th failure for 5 minutes, refusing even the right password', async () => {
    const h = await make();
    await registerVerified(h, 'pat@example.com');
    for (let i = 1; i <= 5; i++) expect(json(await attempt(h, 'pat@example.com', WRONG)).code, `failure ${i}`).toBe(4000);

    const blocked = await attempt(h, 'pat@example.com', GOOD_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(json(blocked)).toMatchObject({ code: 1003, reason: 'account_ip_rate_limit', retryAfter: 300 });
    expect(blocked.headers['retry-after']).toBe('300');

    h.clock.advanceSeconds(299);
    expect(json(await attempt(h, 'pat@example.com', GOOD_PASSWORD))).toMatchObject({ code: 1003, retryAfter: 1 });
    h.clock.advanceSeconds(1);
    expect((await attempt(h, 'pat@example.com', GOOD_PASSWORD)).statusCode).toBe(200);
  });

  it('doubles the next block within 24 hours, and hammering during a block re-blocks at the next level', async () => {
    const h = await make();
    await registerVerified(h, 'esc@example.com');
    for (let i = 0; i < 5; i++) await attempt(h, 'esc@example.com', WRONG);
    h.clock.advanceSeconds(300);
    for (let i = 0; i < 5; i++) await attempt(h, 'esc@example.com', WRONG);
    expect(json(await attempt(h, 'esc@example.com', WRONG))).toMatchObject({ code: 1003, retryAfter: 600 });

    // four more taps: still the same block; the fifth tap during the block escalates to 20 minutes from now
    h.clock.advanceSeconds(60);
    for (let i = 0; i < 3; i++) expect(json(await attempt(h, 'esc@example.com', GOOD_PASSWORD)).retryAfter).toBe(540);
    expect(json(await attempt(h, 'esc@example.com', GOOD_PASSWORD))).toMatchObject({ code: 1003, retryAfter: 1200 });
  });

  it('does not block the same account from a different IP, nor other accounts from the first IP', async () => {
    const h = await make();
    await registerVerified(h, 'own@example.com');
    await registerVerified(h, 'other@example.com');
    for (let i = 0; i < 5; i++) await attempt(h, 'own@example.com', WRONG, '203.0.113.10');
    expect(json(await attempt(h, 'own@example.com', GOOD_PASSWORD, '203.0.113.10')).code).toBe(1003);
    expect((await attempt(h, 'own@example.com', GOOD_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    expect((await attempt(h, 'other@example.com', GOOD_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
  });

  it('blocks an IP after 20 failures across accounts, for every account, and lets other IPs in', async () => {
    const h = await make();
    await registerVerified(h, 'victim@example.com');
    for (let i = 0; i < 20; i++) expect(json(await attempt(h, `user${i}@example.com`, WRONG)).code).toBe(4000);
    const blocked = await attempt(h, 'victim@example.com', GOOD_PASSWORD);
    expect(json(blocked)).toMatchObject({ code: 1003, reason: 'ip_rate_limit', retryAfter: 600 });
    expect((await attempt(h, 'victim@example.com', GOOD_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });

  it('a success resets the consecutive failures of the pair', async () => {
    const h = await make();
    await registerVerified(h, 'reset@example.com');
    for (let i = 0; i < 4; i++) await attempt(h, 'reset@example.com', WRONG);
    expect((await attempt(h, 'reset@example.com', GOOD_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect(json(await attempt(h, 'reset@example.com', WRONG)).code).toBe(4000);
    expect((await attempt(h, 'reset@example.com', GOOD_PASSWORD)).statusCode).toBe(200);
  });

  it('treats unknown and known accounts identically, down to the bodies', async () => {
    const h = await make();
    await registerVerified(h, 'real@example.com');
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 8; i++) {
      const a = await attempt(h, 'real@example.com', WRONG, '203.0.113.1');
      const b = await attempt(h, 'ghost@example.com', WRONG, '203.0.113.2');
      known.push([a.statusCode, a.headers['retry-after'], withoutRequestId(a.body)]);
      unknown.push([b.statusCode, b.headers['retry-after'], withoutRequestId(b.body)]);
    }
    expect(known).toEqual(unknown);
    expect((known[5] as [number])[0]).toBe(429);
  });

  it('lets only 5 of 50 parallel failures be checked, and never hashes for a blocked request', async () => {
    const h = await make();
    await registerVerified(h, 'par@example.com');
    const before = await verifyCount(h);
    const responses = await Promise.all(Array.from({ length: 50 }, () => attempt(h, 'par@example.com', WRONG)));
    const codes = responses.map((r) => json(r).code);
    expect(codes.filter((c) => c === 4000)).toHaveLength(5);
    expect(codes.filter((c) => c === 1003)).toHaveLength(45);
    // each checked failure costs two verifications (current + previous/dummy); the 45 cost none
    expect((await verifyCount(h)) - before).toBe(10);
    await attempt(h, 'par@example.com', GOOD_PASSWORD);
    expect((await verifyCount(h)) - before).toBe(10);
  });

  it('groups IPv6 clients by /64', async () => {
    const h = await make();
    for (let i = 0; i < 5; i++) await attempt(h, 'six@example.com', WRONG, `2001:db8:aa:bb::${i + 1}`);
    expect(json(await attempt(h, 'six@example.com', WRONG, '2001:db8:aa:bb:ffff::9')).code).toBe(1003);
    expect(json(await attempt(h, 'six@example.com', WRONG, '2001:db8:aa:cc::1')).code).toBe(4000);
  });

  it('exempts allow-listed networks from per-IP limits but not from the pair limit', async () => {
    const h = await make({ ...DEFAULT_CONFIG.limits, allowList: ['10.0.0.0/8'] });
    for (let i = 0; i < 25; i++) expect(json(await attempt(h, `n${i}@example.com`, WRONG, '10.1.2.3')).code).toBe(4000);
    for (let i = 0; i < 5; i++) await attempt(h, 'pair@example.com', WRONG, '10.1.2.3');
    expect(json(await attempt(h, 'pair@example.com', WRONG, '10.1.2.3')).reason).toBe('account_ip_rate_limit');
  });

  it('holds a raw request budget per IP on credential endpoints', async () => {
    const h = await make({ ...DEFAULT_CONFIG.limits, authRequests: { requests: 10, windowSeconds: 60 } });
    for (let i = 0; i < 10; i++) {
      const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.50', payload: {} });
      expect(json(r).code).toBe(4010);
    }
    const over = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.50', payload: {} });
    expect(json(over)).toMatchObject({ code: 1003, reason: 'ip_rate_limit' });
    h.clock.advanceSeconds(60);
    expect(json(await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.50', payload: {} })).code).toBe(4010);
  });

  it('limits verification-code failures and mail sends (send_cooldown)', async () => {
    const h = await make();
    const register = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        remoteAddress: '203.0.113.60',
        payload: { email: 'cool@example.com', password: GOOD_PASSWORD },
      });
    expect((await register()).statusCode).toBe(202);
    const again = await register();
    expect(json(again)).toMatchObject({ code: 1003, reason: 'send_cooldown', retryAfter: 60 });
    h.clock.advanceSeconds(60);
    expect((await register()).statusCode).toBe(202);

    const code = await latestCode(h, 'cool@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    const verify = (c: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/auth/register/verify', remoteAddress: '203.0.113.60', payload: { email: 'cool@example.com', code: c } });
    for (let i = 0; i < 5; i++) expect(json(await verify(wrong)).code).toBe(4014);
    expect(json(await verify(code))).toMatchObject({ code: 1003, reason: 'ip_rate_limit' });
  });
});
