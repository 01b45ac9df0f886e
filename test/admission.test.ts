/**
 * Admission under load, over HTTP: while the normal hashing line is full, a login without a device
 * token is shed at once (1003 overloaded, before its body is read); a known device carrying its
 * token waits for the next slot and signs in.
 */
import dns from 'node:dns';
import { expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { sqliteBackend } from './support/backends.js';
import { GOOD_PASSWORD, RELAXED_LIMITS, createHarness, json, post, registerVerified } from './support/harness.js';

type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Listens on a real socket; the early refusals need the maintenance state known to be off, which any request looks up. */
async function listenWithMaintenanceKnown(h: Harness): Promise<string> {
  const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  await fetch(`${base}/api/v1/account`);
  return base;
}

/** Counts the requests that reach the framework's credential hook (the early refusals never do). */
function countHookAdmissions(h: Harness): { readonly count: number; reset(): void } {
  let count = 0;
  const admitRequest = h.deps.limits.admitRequest.bind(h.deps.limits);
  h.deps.limits.admitRequest = (ip) => {
    count++;
    return admitRequest(ip);
  };
  return {
    get count() {
      return count;
    },
    reset: () => {
      count = 0;
    },
  };
}

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

/** One answer, reduced to what must be the same whichever path gave it. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Headers that differ per request by nature; everything else must match exactly. */
const PER_REQUEST_HEADERS = new Set(['date', 'x-request-id', 'set-cookie', 'keep-alive', 'connection']);

/** Error envelopes compare whole (requestId aside); a success compares by shape, since tokens and ids are new each time. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

async function answerOf(res: Response): Promise<Answer> {
  const body = (await res.json()) as Record<string, unknown>;
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!PER_REQUEST_HEADERS.has(name)) headers[name] = value;
  });
  if (typeof body.code === 'number' && body.code !== 0) {
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    return { status: res.status, headers, body: { ...body, requestId: '<request id>' } };
  }
  delete headers['content-length'];
  return { status: res.status, headers, body: { status: body.status, shape: shapeOf(body) } };
}

/** Every series of the request counter with its value, to see which one a request moved. */
async function requestCounts(h: Harness): Promise<Map<string, number>> {
  const metric = await h.deps.metrics.httpRequests.get();
  return new Map(metric.values.map((v) => [JSON.stringify(v.labels), v.value]));
}

function countsMoved(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const [series, value] of after) if (value !== (before.get(series) ?? 0)) moved[series] = value - (before.get(series) ?? 0);
  return moved;
}

interface RefusalCase {
  name: string;
  /** Path and query as the client sends it; the route path appends `via=route`. */
  url: string;
  headers?: (deviceToken: string) => Record<string, string>;
  /** Run from the case's own client address before the request (through the same path). */
  before?: (send: (url: string) => Promise<unknown>) => Promise<unknown>;
  state?: 'saturated' | 'maintenance';
  /** Whether the early path answers it itself (never reaching the framework's credential hook). */
  answeredEarly: boolean;
  expected: { status: number; code?: number; reason?: string; retryAfter?: number; zh?: boolean };
}

const LOGIN = '/api/v1/auth/login';
const failTwice = async (send: (url: string) => Promise<unknown>) => {
  await send(LOGIN);
  await send(LOGIN);
};

const REFUSAL_CASES: RefusalCase[] = [
  { name: 'blocked IP', url: LOGIN, before: failTwice, answeredEarly: true, expected: { status: 429, code: 1003, reason: 'ip_rate_limit', retryAfter: 600 } },
  {
    name: 'escalation step (the third attempt during a block)',
    url: LOGIN,
    before: async (send) => {
      await failTwice(send);
      await send(LOGIN);
      await send(LOGIN);
    },
    answeredEarly: true,
    expected: { status: 429, code: 1003, reason: 'ip_rate_limit', retryAfter: 1200 },
  },
  {
    name: 'overloaded, no device token',
    url: LOGIN,
    state: 'saturated',
    answeredEarly: true,
    expected: { status: 429, code: 1003, reason: 'overloaded', retryAfter: 2 },
  },
  {
    name: 'overloaded, staff door',
    url: '/api/v1/admin/login',
    state: 'saturated',
    answeredEarly: true,
    expected: { status: 429, code: 1003, reason: 'overloaded', retryAfter: 2 },
  },
  {
    name: 'overloaded, forged device token',
    url: LOGIN,
    headers: () => ({ 'x-device-token': 'ACCOUNT.digest.forged' }),
    state: 'saturated',
    answeredEarly: true,
    expected: { status: 429, code: 1003, reason: 'overloaded', retryAfter: 2 },
  },
  {
    name: 'overloaded, zh-CN',
    url: LOGIN,
    headers: () => ({ 'accept-language': 'zh-CN,zh;q=0.9' }),
    state: 'saturated',
    answeredEarly: true,
    expected: { status: 429, code: 1003, reason: 'overloaded', retryAfter: 2, zh: true },
  },
  {
    name: 'overloaded, valid device token (header)',
    url: LOGIN,
    headers: (token) => ({ 'x-device-token': token }),
    state: 'saturated',
    answeredEarly: false,
    expected: { status: 200 },
  },
  {
    name: 'overloaded, valid device token (cookie)',
    url: LOGIN,
    headers: (token) => ({ cookie: `other=1; gh_dt=${encodeURIComponent(token)}` }),
    state: 'saturated',
    answeredEarly: false,
    expected: { status: 200 },
  },
  {
    name: 'maintenance on',
    url: LOGIN,
    state: 'maintenance',
    answeredEarly: false,
    expected: { status: 503, code: 1100 },
  },
  {
    name: 'maintenance on, blocked IP',
    url: LOGIN,
    before: failTwice,
    state: 'maintenance',
    answeredEarly: false,
    expected: { status: 503, code: 1100 },
  },
  {
    name: 'query string, overloaded',
    url: `${LOGIN}?source=app`,
    state: 'saturated',
    answeredEarly: false,
    expected: { status: 429, code: 1003, reason: 'overloaded', retryAfter: 2 },
  },
  {
    name: 'query string, blocked IP',
    url: `${LOGIN}?source=app`,
    before: failTwice,
    answeredEarly: false,
    expected: { status: 429, code: 1003, reason: 'ip_rate_limit', retryAfter: 600 },
  },
  {
    name: 'encoded path, overloaded',
    url: '/api/v1/auth/%6Cogin',
    state: 'saturated',
    answeredEarly: false,
    expected: { status: 429, code: 1003, reason: 'overloaded', retryAfter: 2 },
  },
  {
    name: 'other credential path, blocked IP',
    url: '/api/v1/auth/login/confirm-device',
    before: failTwice,
    answeredEarly: false,
    expected: { status: 429, code: 1003, reason: 'ip_rate_limit', retryAfter: 600 },
  },
  { name: 'not blocked, not overloaded', url: LOGIN, answeredEarly: false, expected: { status: 401, code: 4000 } },
];

it('gives the same answer before the framework and through the route hooks, case by case', async () => {
  const h = await createHarness(sqliteBackend(), {
    // Every case and path gets its own client address behind the (trusted) loopback proxy.
    trustProxy: ['127.0.0.1'],
    limits: {
      ...RELAXED_LIMITS,
      ip: { failures: 2, windowSeconds: 600, blockSeconds: 600 },
      escalation: { ...DEFAULT_CONFIG.limits.escalation, hammerAttempts: 3 },
    },
    // One normal slot and one priority slot; the tarpit has its own tests.
    admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 2, maxQueued: 0, shedDelayMs: 0 },
  });
  await registerVerified(h, 'table@example.com');
  const { deviceToken } = json(await post(h, LOGIN, { email: 'table@example.com', password: GOOD_PASSWORD, deviceId: 'table-device-01' }));
  const base = await listenWithMaintenanceKnown(h);
  const admitted = countHookAdmissions(h);
  let nextClient = 1;

  for (const c of REFUSAL_CASES) {
    const answers: Record<string, { answer: Answer; admitted: number; moved: Record<string, number> }> = {};
    for (const path of ['early', 'route'] as const) {
      const client = `198.51.100.${nextClient++}`;
      const urlFor = (url: string) => (path === 'early' ? url : `${url}${url.includes('?') ? '&' : '?'}via=route`);
      const send = (url: string, headers: Record<string, string> = {}) =>
        fetch(`${base}${urlFor(url)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...headers },
          body: JSON.stringify(
            url.includes('confirm-device')
              ? { token: 'x'.repeat(32) }
              : {
                  email: 'table@example.com',
                  password: headers['x-device-token'] || headers.cookie ? GOOD_PASSWORD : 'wrong-password-123',
                  deviceId: 'table-device-01',
                },
          ),
        });
      await c.before?.(async (url) => (await send(url)).arrayBuffer());

      let release: (() => void) | undefined;
      let busy: Promise<void> | undefined;
      if (c.state === 'saturated') {
        busy = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (release = resolve)));
        await new Promise((resolve) => setImmediate(resolve));
        expect(h.deps.hashGate.normalSaturated).toBe(true);
      }
      if (c.state === 'maintenance') {
        await h.maintenance.set({ enabled: true, message: 'Upgrade', untilMs: null });
        // The early path only defers to a known state; make it known, as any request would.
        await h.maintenance.current();
      }
      const before = await requestCounts(h);
      admitted.reset();
      const answer = await answerOf(await send(c.url, c.headers?.(deviceToken) ?? {}));
      await h.deps.background.idle();
      answers[path] = { answer, admitted: admitted.count, moved: countsMoved(before, await requestCounts(h)) };

      release?.();
      await busy;
      if (c.state === 'maintenance') {
        await h.maintenance.set({ enabled: false, message: null, untilMs: null });
        await h.maintenance.current();
      }
    }
    const { early, route } = answers as Record<'early' | 'route', (typeof answers)[string]>;
    expect(early.answer, c.name).toEqual(route.answer);
    expect(early.moved, c.name).toEqual(route.moved);
    expect(Object.values(early.moved), c.name).toEqual([1]);
    const { status, zh, ...fields } = c.expected;
    expect(early.answer.status, c.name).toBe(status);
    if (status !== 200) expect(early.answer.body, c.name).toMatchObject(fields);
    else expect(early.answer.body, c.name).toMatchObject({ status: 'ok' });
    if (zh) expect((early.answer.body as { msg: string }).msg, c.name).toMatch(/[\u4e00-\u9fff]/);
    if (fields.retryAfter !== undefined) expect(early.answer.headers['retry-after'], c.name).toBe(String(fields.retryAfter));
    // The early path answered it itself exactly when the case says so; the route path always went through the hooks.
    const reachesHook = c.state !== 'maintenance';
    expect({ early: early.admitted, route: route.admitted }, c.name).toEqual({
      early: c.answeredEarly || !reachesHook ? 0 : 1,
      route: reachesHook ? 1 : 0,
    });
  }
});

it('listening on a name with two loopback addresses, no address answers the flood through the framework', async () => {
  // Where `localhost` resolves to 127.0.0.1 and ::1, Fastify used to bind a second server to ::1 with
  // its own handler only, so the early refusals did not run there. The server is now made by
  // Fastify's serverFactory: one server, with the early refusals, on the first address.
  const realLookup = dns.lookup;
  vi.spyOn(dns, 'lookup').mockImplementation(((host: string, options: unknown, callback: (...args: unknown[]) => void) => {
    if (host === 'localhost' && typeof options === 'object' && (options as { all?: boolean }).all) {
      return callback(null, [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ]);
    }
    return (realLookup as (...args: unknown[]) => void)(host, options, callback);
  }) as never);
  const h = await createHarness(sqliteBackend(), { admission: { ...DEFAULT_CONFIG.admission, hashConcurrency: 1, maxQueued: 0, shedDelayMs: 0 } });
  const port = new URL(await h.app.listen({ port: 0, host: 'localhost' })).port;
  vi.restoreAllMocks();
  // The server serverFactory made has the settings Fastify gives its own.
  expect({ keepAliveTimeout: h.app.server.keepAliveTimeout, requestTimeout: h.app.server.requestTimeout }).toEqual({
    keepAliveTimeout: 72_000,
    requestTimeout: 0,
  });
  const admitted = countHookAdmissions(h);
  const addresses = ['127.0.0.1', '[::1]'];
  // The early refusals need the maintenance state known.
  await Promise.all(addresses.map((address) => fetch(`http://${address}:${port}/api/v1/account`).catch(() => undefined)));
  let release!: () => void;
  const busy = h.deps.hashGate.run('normal', () => new Promise<void>((resolve) => (release = resolve)));
  await new Promise((resolve) => setImmediate(resolve));
  const outcomes: Record<string, string> = {};
  for (const address of addresses) {
    admitted.reset();
    outcomes[address] = await fetch(`http://${address}:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.com', password: GOOD_PASSWORD }),
    }).then(
      async (res) => `${res.status} ${((await res.json()) as { reason?: string }).reason} ${admitted.count === 0 ? 'early' : 'through the framework'}`,
      (err: { cause?: { code?: string } }) => String(err.cause?.code),
    );
  }
  expect(outcomes).toEqual({ '127.0.0.1': '429 overloaded early', '[::1]': 'ECONNREFUSED' });
  release();
  await busy;
});
