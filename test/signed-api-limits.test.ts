/**
 * Signed-API limits on the memory and the Redis store: REQUEST_WEIGHT per IP with its headers,
 * 429 then 418 bans that escalate from 2 minutes to 3 days, ORDERS per account with their headers.
 * Time moves through the injected clock; nothing sleeps.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import type { SignedApiConfig } from '../src/signed-api/config-schema.js';
import { sqliteBackend } from './support/backends.js';
import { describeEachStore } from './support/limit-stores.js';
import { createHarness, json, type Harness } from './support/harness.js';
import { keyHolder, limitOrder, signed } from './support/signed-api.js';

const IP = '203.0.113.50';
const get = (h: Harness, url: string, ip = IP) => h.app.inject({ method: 'GET', url, remoteAddress: ip });

describeEachStore('signed API limits', (store) => {
  const make = (signedApi: Partial<SignedApiConfig> = {}) =>
    createHarness(sqliteBackend(), { signedApi: { ...DEFAULT_CONFIG.signedApi, ...signedApi } }, store.redisUrl ? { redisUrl: store.redisUrl } : {});

  it('sends X-MBX-USED-WEIGHT-1M on every /api/v3 answer, counting each endpoint at its weight, per IP, for one minute', async () => {
    const h = await make();
    const weights: Array<[string, number]> = [
      ['/api/v3/ping', 1],
      ['/api/v3/time', 1],
      ['/api/v3/exchangeInfo', 20],
      ['/api/v3/ticker/price?symbol=BTCUSDT', 2],
      ['/api/v3/ticker/price', 4],
      ['/api/v3/exchangeInfo?symbol=NOPE', 20],
      ['/api/v3/no-such-endpoint', 1],
      ['/api/v3/account', 20],
      ['/api/v3/openOrders?symbol=BTCUSDT', 6],
      ['/api/v3/openOrders', 80],
    ];
    let total = 0;
    for (const [url, weight] of weights) {
      total += weight;
      const response = await get(h, url);
      expect(response.headers['x-mbx-used-weight-1m'], url).toBe(String(total));
      expect(response.headers['x-mbx-used-weight'], url).toBe(String(total));
    }
    expect((await get(h, '/api/v3/ping', '203.0.113.51')).headers['x-mbx-used-weight-1m']).toBe('1');
    h.clock.advanceSeconds(61);
    expect((await get(h, '/api/v3/ping')).headers['x-mbx-used-weight-1m']).toBe('1');
    expect((await get(h, '/health/live')).headers['x-mbx-used-weight-1m']).toBeUndefined();
  });

  it('weighs and answers with the weight headers the /api/v3 paths Fastify would answer outside the scope: /api/v3 itself and malformed URLs', async () => {
    const h = await make();
    // With the web app built, as in production: its GET /api/* catch-all sits at the root.
    const webRoot = mkdtempSync(join(tmpdir(), 'gatehouse-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
    const { app } = await buildApp(h.deps, { webRoot });
    onTestFinished(() => app.close());
    const cases: Array<[string, string, number, number]> = [
      ['GET', '/api/v3', 404, 4013],
      ['GET', '/api/v3?x=1', 404, 4013],
      ['POST', '/api/v3', 404, 4013],
      ['DELETE', '/api/v3', 404, 4013],
      ['GET', '/api/v3/', 404, 4013],
      ['GET', '/api/v3/%ZZ', 400, 4010],
      ['POST', '/api/v3/order/%E0%A4%A', 400, 4010],
    ];
    let total = 0;
    for (const [method, url, status, code] of cases) {
      total += 1;
      const response = await app.inject({ method: method as 'GET', url, remoteAddress: IP });
      expect(response.statusCode, `${method} ${url}`).toBe(status);
      expect(json(response).code, `${method} ${url}`).toBe(code);
      expect(response.headers['x-mbx-used-weight-1m'], `${method} ${url}`).toBe(String(total));
      expect(response.headers['x-mbx-used-weight'], `${method} ${url}`).toBe(String(total));
    }
    // Elsewhere a malformed URL is the plain 4010, with no weight.
    const elsewhere = await app.inject({ method: 'GET', url: '/api/v1/%ZZ', remoteAddress: IP });
    expect(json(elsewhere).code).toBe(4010);
    expect(elsewhere.headers['x-mbx-used-weight-1m']).toBeUndefined();
  });

  it('refuses a malformed /api/v3 URL over REQUEST_WEIGHT like any other /api/v3 request (429 -1003)', async () => {
    const h = await make({ limits: { ...DEFAULT_CONFIG.signedApi.limits, requestWeightPerMinute: 20 } });
    expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(200);
    const limited = await get(h, '/api/v3/%ZZ');
    expect(limited.statusCode).toBe(429);
    expect(json(limited)).toMatchObject({ code: -1003, reason: 'weight_limit' });
    expect(limited.headers['x-mbx-used-weight-1m']).toBe('21');
  });

  it('answers 429 -1003 with Retry-After over REQUEST_WEIGHT, and serves again in the next minute', async () => {
    const h = await make({ limits: { ...DEFAULT_CONFIG.signedApi.limits, requestWeightPerMinute: 100 } });
    for (let i = 0; i < 5; i++) expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(200);
    h.clock.advanceSeconds(20);
    const limited = await get(h, '/api/v3/exchangeInfo');
    expect(limited.statusCode).toBe(429);
    expect(json(limited)).toMatchObject({
      code: -1003,
      reason: 'weight_limit',
      msg: 'Too much request weight used; current limit is 100 request weight per 1 MINUTE.',
      retryAfter: 40,
    });
    expect(limited.headers['retry-after']).toBe('40');
    expect(limited.headers['x-mbx-used-weight-1m']).toBe('120');
    // Another IP is not affected.
    expect((await get(h, '/api/v3/exchangeInfo', '203.0.113.99')).statusCode).toBe(200);
    h.clock.advanceSeconds(40);
    expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(200);
  });

  it('bans an IP that keeps going after 429s (418), for 2 minutes, doubling per repeat up to 3 days', { timeout: 60_000 }, async () => {
    const h = await make({
      limits: { ...DEFAULT_CONFIG.signedApi.limits, requestWeightPerMinute: 40 },
      bans: { ...DEFAULT_CONFIG.signedApi.bans, after429s: 3, memorySeconds: 30 * 86_400 },
    });
    const bans: number[] = [];
    for (let round = 0; round < 13; round++) {
      expect((await get(h, '/api/v3/exchangeInfo')).statusCode, `round ${round}`).toBe(200);
      expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(200);
      expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(429);
      expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(429);
      const banned = await get(h, '/api/v3/exchangeInfo');
      expect(banned.statusCode).toBe(418);
      const body = json(banned);
      expect(body).toMatchObject({ code: -1003, reason: 'ip_banned' });
      expect(body.msg).toBe(`Way too much request weight used; IP banned until ${h.clock.nowMs() + body.retryAfter * 1000}.`);
      expect(banned.headers['retry-after']).toBe(String(body.retryAfter));
      bans.push(body.retryAfter);
      // Every endpoint is refused during the ban, even the cheapest, and other IPs are not.
      h.clock.advanceSeconds(body.retryAfter - 1);
      expect((await get(h, '/api/v3/ping')).statusCode).toBe(418);
      expect((await get(h, '/api/v3/ping', '203.0.113.77')).statusCode).toBe(200);
      h.clock.advanceSeconds(1);
    }
    expect(bans.slice(0, 4)).toEqual([120, 240, 480, 960]);
    expect(bans.at(-1)).toBe(3 * 86_400);
    expect(bans.every((b, i) => i === 0 || b >= bans[i - 1]!)).toBe(true);
  });

  it('moves a ban up a step for a client that keeps hammering during it', async () => {
    const h = await make({
      limits: { ...DEFAULT_CONFIG.signedApi.limits, requestWeightPerMinute: 20 },
      bans: { ...DEFAULT_CONFIG.signedApi.bans, after429s: 1, requestsPerEscalation: 5 },
    });
    expect((await get(h, '/api/v3/exchangeInfo')).statusCode).toBe(200);
    const first = await get(h, '/api/v3/exchangeInfo');
    expect(first.statusCode).toBe(418);
    expect(json(first).retryAfter).toBe(120);
    let last = first;
    for (let i = 0; i < 5; i++) last = await get(h, '/api/v3/ping');
    expect(last.statusCode).toBe(418);
    expect(json(last).retryAfter).toBe(240);
  });

  it('counts new orders per account per 10 s and per day (X-MBX-ORDER-COUNT-10S / -1D, 429 -1003 order_rate_limit)', async () => {
    const h = await make({ limits: { requestWeightPerMinute: 6000, ordersPer10Seconds: 3, ordersPerDay: 5 } });
    const k = await keyHolder(h, 'orders@example.com', {}, { USDT: '1000' });
    const order = () => signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001' }));
    for (let i = 1; i <= 3; i++) {
      const placed = await order();
      expect(placed.statusCode).toBe(200);
      expect(placed.headers['x-mbx-order-count-10s']).toBe(String(i));
      expect(placed.headers['x-mbx-order-count-1d']).toBe(String(i));
    }
    const tooFast = await order();
    expect(tooFast.statusCode).toBe(429);
    expect(json(tooFast)).toMatchObject({ code: -1003, reason: 'order_rate_limit' });
    expect(tooFast.headers['x-mbx-order-count-10s']).toBe('4');
    expect(tooFast.headers['retry-after']).toBe('10');
    // Reads and tests are not orders.
    expect((await signed(h, k, 'POST', '/api/v3/order/test', limitOrder())).statusCode).toBe(200);
    h.clock.advanceSeconds(10);
    expect((await order()).headers['x-mbx-order-count-1d']).toBe('5');
    const daily = await order();
    expect(json(daily)).toMatchObject({ code: -1003, reason: 'order_rate_limit' });
    expect(daily.headers['x-mbx-order-count-1d']).toBe('6');
    expect(Number(daily.headers['retry-after'])).toBeGreaterThan(86_000);
  });
});
