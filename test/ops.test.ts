import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, get, json, login, registerVerified } from './support/harness.js';
import { loadConfig } from '../src/config.js';

describeEachBackend('operations endpoints', (backend) => {
  it('reports liveness and readiness with the database check', async () => {
    const h = await createHarness(backend);
    expect(json(await get(h, '/health/live'))).toEqual({ status: 'ok' });
    expect(json(await get(h, '/health/ready'))).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('reports not ready when the database is gone', async () => {
    const h = await createHarness(backend);
    h.deps.readiness.database = async () => {
      throw new Error('connection refused');
    };
    const response = await get(h, '/health/ready');
    expect(response.statusCode).toBe(503);
    expect(json(response)).toEqual({ status: 'down', checks: { database: 'down' } });
  });

  it('exports request counts by route and code, login outcomes and hash durations', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'm@example.com');
    await login(h, 'm@example.com');
    await login(h, 'm@example.com', 'wrong password here');
    const text = (await get(h, '/metrics')).body;
    expect(text).toMatch(/gatehouse_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="401",code="4000"\} 1/);
    expect(text).toMatch(/gatehouse_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="200",code="0"\} 1/);
    expect(text).toMatch(/gatehouse_login_outcomes_total\{code="4000",reason=""\} 1/);
    expect(text).toMatch(/gatehouse_password_hash_seconds_count\{operation="verify"\} [1-9]/);
  });

  it('publishes an OpenAPI document generated from the route schemas, and the docs page', async () => {
    const h = await createHarness(backend);
    const spec = json(await get(h, '/api/openapi.json'));
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/account/login-history', '/api/v1/errors/{code}']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    expect(spec.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    // routes behind a session list the refusals of the session guard (401; 403 for a frozen account or the wrong kind of session)
    for (const [path, method] of [
      ['/api/v1/account/login-history', 'get'],
      ['/api/v1/account/2fa/totp/setup', 'post'],
      ['/api/v1/admin/tickets', 'get'],
    ] as const) {
      expect(Object.keys(spec.paths[path][method].responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    }
    const docs = await get(h, '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves the error catalog, localized by Accept-Language', async () => {
    const h = await createHarness(backend);
    const all = json(await get(h, '/api/v1/errors'));
    expect(all.map((e: { code: number }) => e.code)).toEqual(expect.arrayContaining([1003, 4000, 4001, 4002, 4003, 1100, -1021, -1022]));
    const en = json(await get(h, '/api/v1/errors/1003'));
    expect(en).toMatchObject({ code: 1003, name: 'TOO_MANY_REQUESTS', httpStatus: 429 });
    expect(en.steps.length).toBeGreaterThanOrEqual(3);
    const zh = json(await get(h, '/api/v1/errors/1003', { 'accept-language': 'zh-CN,zh;q=0.9' }));
    expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
    const missing = await get(h, '/api/v1/errors/4242');
    expect(json(missing).code).toBe(4013);
  });

  it('localizes error messages in the envelope', async () => {
    const h = await createHarness(backend);
    const zh = json(await login(h, 'x@example.com', 'wrong password here', {}, { 'accept-language': 'zh-CN' }));
    const en = json(await login(h, 'x@example.com', 'wrong password here'));
    expect(zh.code).toBe(4000);
    expect(zh.msg).toMatch(/[\u4e00-\u9fff]/);
    expect(en.msg).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('exposes the dev mailbox only with GATEHOUSE_DEV=1', async () => {
    const h = await createHarness(backend, { dev: false });
    const response = await get(h, '/api/v1/dev/outbox?to=a@example.com');
    expect(response.statusCode).toBe(404);
    expect(json(response).code).toBe(4013);
  });

  it('sends the security headers on every answer, errors included', async () => {
    const h = await createHarness(backend);
    for (const response of [await get(h, '/health/live'), await get(h, '/api/v1/account'), await get(h, '/nope')]) {
      expect(response.headers['content-security-policy']).toMatch(/default-src '(self|none)'/);
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    // API answers (balances, sessions, signed-API data) are never stored by a cache
    for (const response of [await get(h, '/api/v1/errors/1003'), await get(h, '/api/v3/ping'), await get(h, '/api/v3/time'), await get(h, '/api/v1/account')]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('echoes the request id in the header and the error body', async () => {
    const h = await createHarness(backend);
    const response = await get(h, '/api/v1/account');
    expect(response.headers['x-request-id']).toMatch(/^[0-9A-Z]{26}$/);
    expect(json(response).requestId).toBe(response.headers['x-request-id']);
  });
});

describeEachBackend('the metrics token', (backend) => {
  const token = 'metrics-token-0123456789abcdef';

  it('with metricsToken set, /metrics answers only `Authorization: Bearer <token>`, and 4011 otherwise', async () => {
    const h = await createHarness(backend, { metricsToken: token });
    for (const headers of [
      {},
      bearer('wrong-token-0123456789abcdef'),
      bearer(`${token}x`),
      bearer(token.slice(0, -1)),
      { authorization: token },
      { authorization: `Basic ${token}` },
    ]) {
      const refused = await get(h, '/metrics', headers);
      expect(refused.statusCode).toBe(401);
      expect(json(refused)).toMatchObject({ code: 4011 });
      expect(refused.body).not.toContain('gatehouse_');
    }
    for (const authorization of [`Bearer ${token}`, `bearer  ${token}`]) {
      const allowed = await get(h, '/metrics', { authorization });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('gatehouse_http_requests_total');
    }
  });

  it('without it, /metrics stays open', async () => {
    const h = await createHarness(backend);
    expect((await get(h, '/metrics')).statusCode).toBe(200);
  });

  it('comes from GATEHOUSE_METRICS_TOKEN, and a short one stops start-up naming the variable', () => {
    expect(loadConfig({ GATEHOUSE_METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(() => loadConfig({ GATEHOUSE_METRICS_TOKEN: 'short' })).toThrow(/GATEHOUSE_METRICS_TOKEN/);
  });
});
