/**
 * Admission under load, over HTTP: while the normal hashing line is full, a login without a device
 * token is shed at once (1003 overloaded, before its body is read); a known device carrying its
 * token waits for the next slot and signs in.
 */
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { sqliteBackend } from './support/backends.js';
import { GOOD_PASSWORD, RELAXED_LIMITS, createHarness, json, post, registerVerified } from './support/harness.js';
import { countHookAdmissions, listenWithMaintenanceKnown } from './support/admission.js';

it('sheds unknown-device logins early and lets a known device with its token through', async () => {
  const h = await createHarness(sqliteBackend(), {
    // Held refusals have their own test below.
    admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 1, maxQueued: 0, priorityMaxQueued: 10, shedDelayMs: 0 },
  });
  await registerVerified(h, 'known@example.com');
  const first = json(await post(h, '/api/v1/auth/login', { email: 'known@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-01' }));
  expect(first.deviceToken).toMatch(/\./);

  // Occupy the only hashing slot, as a flood of unknown-device logins would.
  let release!: () => void;
  const busy = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  expect(h.deps.hashGate.normalSaturated).toBe(true);

  const shed = await post(h, '/api/v1/auth/login', { email: 'known@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-01' });
  expect(shed.statusCode).toBe(429);
  expect(json(shed)).toMatchObject({ code: 1003, reason: 'overloaded', retryAfter: 2 });
  const forged = await post(h, '/api/v1/auth/login', { email: 'known@example.com', password: GOOD_PASSWORD }, { 'x-device-token': 'ACCOUNT.digest.forged' });
  expect(json(forged).reason).toBe('overloaded');

  const known = h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-device-token': first.deviceToken },
    payload: { email: 'known@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-01' },
  });
  // Let the request run up to the gate: it must wait in the priority line, not be shed.
  for (let i = 0; i < 1000 && h.deps.hashGate.stats.priorityQueued === 0; i++) await new Promise((resolve) => setImmediate(resolve));
  expect(h.deps.hashGate.stats.priorityQueued).toBe(1);
  release();
  await busy;
  expect(json(await known).status).toBe('ok');
});

it('holds an early-shed refusal for the configured delay before answering it', async () => {
  const shedDelayMs = 120;
  const h = await createHarness(sqliteBackend(), { admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 1, maxQueued: 0, shedDelayMs } });
  let release!: () => void;
  const busy = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const shed = await post(h, '/api/v1/auth/login', { email: 'someone@example.com', password: GOOD_PASSWORD });
  expect(performance.now() - started).toBeGreaterThanOrEqual(shedDelayMs - 1);
  expect(shed.statusCode).toBe(429);
  expect(shed.headers['retry-after']).toBe('2');
  expect(json(shed)).toMatchObject({ code: 1003, reason: 'overloaded', retryAfter: 2 });
  release();
  await busy;
});

it('over a real socket, answers the flood before the framework with the same refusal, and lets a known device through', async () => {
  const h = await createHarness(sqliteBackend(), {
    admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 1, maxQueued: 0, priorityMaxQueued: 10, shedDelayMs: 0 },
  });
  await registerVerified(h, 'real@example.com');
  const first = json(await post(h, '/api/v1/auth/login', { email: 'real@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-02' }));
  const base = await listenWithMaintenanceKnown(h);

  let release!: () => void;
  const busy = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  const bodyOf = async (res: Response | Promise<Response>) => (await (await res).json()) as Record<string, unknown>;
  const login = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'real@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-02' }),
    });

  const shed = await login('/api/v1/auth/login');
  expect(shed.status).toBe(429);
  expect(shed.headers.get('retry-after')).toBe('2');
  expect(shed.headers.get('cache-control')).toBe('no-store');
  expect(shed.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(shed.headers.get('x-content-type-options')).toBe('nosniff');
  const body = await bodyOf(shed);
  expect(body).toMatchObject({ code: 1003, reason: 'overloaded', retryAfter: 2, details: {}, help: '/help/errors/1003' });
  expect(body.requestId).toBe(shed.headers.get('x-request-id'));
  expect((await bodyOf(login('/api/v1/auth/login', { 'accept-language': 'zh-CN' }))).msg).toMatch(/[\u4e00-\u9fff]/);
  // What the fast path does not recognise exactly still gets the same answer from the route's hook.
  const viaHook = await login('/api/v1/auth/login?source=app');
  expect(viaHook.status).toBe(429);
  expect(await viaHook.json()).toMatchObject({ code: 1003, reason: 'overloaded', retryAfter: 2 });
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/gatehouse_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="429",code="1003"\} 3/);

  // The device token (header or cookie) gets past both; the login waits for the slot and succeeds.
  const viaHeader = login('/api/v1/auth/login', { 'x-device-token': first.deviceToken });
  const viaCookie = login('/api/v1/auth/login', { cookie: `other=1; gh_dt=${encodeURIComponent(first.deviceToken)}` });
  for (let i = 0; i < 1000 && h.deps.hashGate.stats.priorityQueued < 2; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(h.deps.hashGate.stats.priorityQueued).toBe(2);
  release();
  await busy;
  expect((await bodyOf(viaHeader)).status).toBe('ok');
  expect((await bodyOf(viaCookie)).status).toBe('ok');
});

it('refuses before the framework only the exact login path, which counts toward no IP budget; the route hook counts first', async () => {
  const h = await createHarness(sqliteBackend(), {
    admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 1, maxQueued: 0, shedDelayMs: 0 },
    limits: { ...RELAXED_LIMITS, authRequests: { requests: 2, windowSeconds: 60 } },
  });
  const base = await listenWithMaintenanceKnown(h);
  let release!: () => void;
  const busy = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  const reasonOf = async (path: string) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com', password: GOOD_PASSWORD }),
    });
    return ((await res.json()) as { reason?: string }).reason;
  };
  // Five refusals on the exact path: answered before any hook, so the budget of 2 is untouched.
  for (let i = 0; i < 5; i++) expect(await reasonOf('/api/v1/auth/login')).toBe('overloaded');
  // Through Fastify the budget hook runs first: two requests fit, the third exceeds it.
  expect(await reasonOf('/api/v1/auth/login?via=route')).toBe('overloaded');
  expect(await reasonOf('/api/v1/auth/login?via=route')).toBe('overloaded');
  expect(await reasonOf('/api/v1/auth/login?via=route')).toBe('ip_rate_limit');
  release();
  await busy;
});

it("over a real socket, holds the flood's refusals while a known device's password is checked and sends them when it is done", async () => {
  const h = await createHarness(sqliteBackend(), {
    admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 2, maxQueued: 0, shedDelayMs: 0, priorityYieldMs: 5000 },
  });
  const base = await listenWithMaintenanceKnown(h);
  let releaseNormal!: () => void;
  let releasePriority!: () => void;
  const normal = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (releaseNormal = resolve)));
  const priority = h.deps.hashGate.run('priority', () => new Promise<void>((resolve) => (releasePriority = resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  expect(h.deps.hashGate.normalSaturated).toBe(true);

  let answered = false;
  const refusal = fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'x@example.com', password: GOOD_PASSWORD }),
  }).then((res) => {
    answered = true;
    return res;
  });
  for (let i = 0; i < 1000 && h.deps.shedHold.held === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(h.deps.shedHold.held).toBe(1);
  expect(answered).toBe(false);

  releasePriority();
  await priority;
  const res = await refusal;
  expect(res.status).toBe(429);
  expect(await res.json()).toMatchObject({ code: 1003, reason: 'overloaded' });
  expect(h.deps.shedHold.held).toBe(0);
  releaseNormal();
  await normal;
});

it('over a real socket, answers a client whose IP block the process knows before the framework, with the same refusal and the same escalation', async () => {
  const h = await createHarness(sqliteBackend(), {
    limits: {
      ...RELAXED_LIMITS,
      ip: { failures: 2, windowSeconds: 600, blockSeconds: 600 },
      escalation: { ...DEFAULT_CONFIG.limits.escalation, hammerAttempts: 3 },
    },
  });
  const base = await listenWithMaintenanceKnown(h);
  const admitted = countHookAdmissions(h);
  const attempt = async (path = '/api/v1/auth/login') => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com', password: 'wrong-password-123' }),
    });
    return { res, body: (await res.json()) as Record<string, unknown> };
  };
  // Two failures block this IP for 600 s; the process now knows the block.
  expect((await attempt()).body.code).toBe(4000);
  expect((await attempt()).body.code).toBe(4000);

  admitted.reset();
  const fast = await attempt();
  const viaHook = await attempt('/api/v1/auth/login?via=route');
  // The exact path never reached the framework's hook; the query-string path did.
  expect(admitted.count).toBe(1);
  for (const { res, body } of [fast, viaHook]) {
    expect(res.status).toBe(429);
    expect(body).toMatchObject({ code: 1003, reason: 'ip_rate_limit', retryAfter: 600, help: '/help/errors/1003' });
    expect(res.headers.get('retry-after')).toBe('600');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  }
  // Both were counted as hammering: the third attempt during the block re-blocks at the next level,
  // written to the store and answered from the same early path.
  const third = await attempt();
  expect(third.body).toMatchObject({ code: 1003, reason: 'ip_rate_limit', retryAfter: 1200 });
  expect(third.res.headers.get('retry-after')).toBe('1200');
  expect(admitted.count).toBe(1);
  // Once the block is over, the early path lets the login through to the framework and its hook.
  h.clock.advanceSeconds(1200);
  const after = await attempt();
  expect(after.body.code).toBe(4000);
  expect(admitted.count).toBe(2);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/gatehouse_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="429",code="1003"\} 3/);
});

it('behind a trusted proxy, the early refusal keys the block on the forwarded client address, as the framework does', async () => {
  const h = await createHarness(sqliteBackend(), {
    trustProxy: ['127.0.0.1'],
    limits: { ...RELAXED_LIMITS, ip: { failures: 2, windowSeconds: 600, blockSeconds: 600 } },
  });
  const base = await listenWithMaintenanceKnown(h);
  const admitted = countHookAdmissions(h);
  const attempt = async (client: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ email: 'x@example.com', password: 'wrong-password-123' }),
    });
    return (await res.json()) as { code: number; reason?: string };
  };
  expect((await attempt('203.0.113.9')).code).toBe(4000);
  expect((await attempt('203.0.113.9')).code).toBe(4000);
  admitted.reset();
  expect(await attempt('203.0.113.9')).toMatchObject({ code: 1003, reason: 'ip_rate_limit' });
  expect(admitted.count).toBe(0); // refused before the framework
  // Another client behind the same proxy is not blocked, and goes through the framework.
  expect((await attempt('203.0.113.10')).code).toBe(4000);
  expect(admitted.count).toBe(1);
});

it("over a real socket, a blocked client's refusal waits while a known device's password is checked, before the framework and through it", async () => {
  const h = await createHarness(sqliteBackend(), {
    limits: { ...RELAXED_LIMITS, ip: { failures: 2, windowSeconds: 600, blockSeconds: 600 } },
    admission: { ...DEFAULT_CONFIG.admission, priorityYieldMs: 5000 },
  });
  const base = await listenWithMaintenanceKnown(h);
  const attempt = (path: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com', password: 'wrong-password-123' }),
    });
  await attempt('/api/v1/auth/login');
  await attempt('/api/v1/auth/login');
  // Not yielding: a blocked client is answered at once (no tarpit for blocks).
  expect(((await (await attempt('/api/v1/auth/login')).json()) as { reason?: string }).reason).toBe('ip_rate_limit');

  let releasePriority!: () => void;
  const priority = h.deps.hashGate.run('priority', () => new Promise<void>((resolve) => (releasePriority = resolve)));
  const answered: string[] = [];
  const early = attempt('/api/v1/auth/login').then(async (res) => {
    answered.push('early');
    return res.json();
  });
  const viaHook = attempt('/api/v1/auth/login?via=route').then(async (res) => {
    answered.push('hook');
    return res.json();
  });
  for (let i = 0; i < 1000 && h.deps.shedHold.held < 2; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(h.deps.shedHold.held).toBe(2);
  expect(answered).toEqual([]);
  releasePriority();
  await priority;
  expect(await early).toMatchObject({ code: 1003, reason: 'ip_rate_limit' });
  expect(await viaHook).toMatchObject({ code: 1003, reason: 'ip_rate_limit' });
});
