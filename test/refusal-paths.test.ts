/**
 * One table of refusal cases runs through both refusal paths: the early path (the server factory,
 * before Fastify parses anything) and Fastify's own hooks must give the same answer, down to the
 * headers and the body shape, and move the same counters.
 */
import dns from 'node:dns';
import { expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { sqliteBackend } from './support/backends.js';
import { GOOD_PASSWORD, RELAXED_LIMITS, createHarness, json, post, registerVerified } from './support/harness.js';

import { type Harness, countHookAdmissions, listenWithMaintenanceKnown } from './support/admission.js';

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
