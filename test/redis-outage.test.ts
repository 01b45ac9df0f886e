/** A Redis outage degrades to per-process limits, never to no limits, and readiness says so. */
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { sqliteBackend } from './support/backends.js';
import { GOOD_PASSWORD, createHarness, get, json, registerVerified } from './support/harness.js';

it('keeps enforcing limits through the insurance limiter when Redis is unreachable', { timeout: 30_000 }, async () => {
  // nothing listens on port 1: every Redis command fails at once
  const h = await createHarness(sqliteBackend(), { limits: DEFAULT_CONFIG.limits }, { redisUrl: 'redis://127.0.0.1:1' });
  await registerVerified(h, 'down@example.com');
  const attempt = (password: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.77', payload: { email: 'down@example.com', password } });
  for (let i = 0; i < 5; i++) expect(json(await attempt('wrong password!')).code).toBe(4000);
  expect(json(await attempt(GOOD_PASSWORD))).toMatchObject({ code: 1003, reason: 'account_ip_rate_limit', retryAfter: 300 });

  const ready = await get(h, '/health/ready');
  expect(ready.statusCode).toBe(503);
  expect(json(ready).checks).toEqual({ database: 'ok', redis: 'down' });
});
