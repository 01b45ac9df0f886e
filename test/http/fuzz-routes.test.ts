/**
 * Property (bad input never breaks the server): every route the app exposes, fed generated malformed input
 * (any JSON value, random strings and bytes as the body, odd content types, garbage or real
 * credentials, random path parameters and query strings), never answers 5xx; every 4xx is the
 * catalog envelope with a catalog code whose httpStatus is the response status.
 *
 * Routes come from the app's own OpenAPI document (plus the few routes hidden from it), so a route
 * added later is fuzzed without touching this file. SQLite only, to keep the run short.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sqliteBackend } from '../support/backends.js';
import { GOOD_PASSWORD, createHarness, json, login, registerVerified, type Harness } from '../support/harness.js';
import { entryByCode } from '../../src/errors/lookup.js';
import { insertAccount } from '../../src/accounts/store.js';
import {
  type Body,
  bodyArbitrary,
  contentType,
  credential,
  extraHeaders,
  NestedBody,
  oddString,
  pathParamValue,
  queryString,
  safeEncode,
} from './fuzz-arbitraries.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

interface Operation {
  method: Method;
  /** OpenAPI template, e.g. /api/v1/errors/{code}. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}

/** Routes registered with `hide: true` (absent from the OpenAPI document) that are still reachable. */
const HIDDEN_ROUTES: Array<{ method: Method; path: string }> = [
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/api/docs' },
  { method: 'GET', path: '/api/docs/json' },
  { method: 'GET', path: '/api/docs/static/{file}' },
];

function operationsOf(h: Harness): Operation[] {
  const doc = h.app.swagger() as unknown as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Array<{ in: string; name: string }>; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }
      >
    >;
  };
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const upper = method.toUpperCase() as Method;
      if (!METHODS.includes(upper)) continue;
      const params = op.parameters ?? [];
      operations.push({
        method: upper,
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
      });
    }
  }
  for (const hidden of HIDDEN_ROUTES) {
    const url = hidden.path.replace(/\{\w+\}/g, 'x');
    if (!h.app.hasRoute({ method: hidden.method, url: hidden.path.replace(/\{(\w+)\}/g, ':$1') }) && !h.app.hasRoute({ method: hidden.method, url })) continue;
    operations.push({
      method: hidden.method,
      path: hidden.path,
      pathParams: [...hidden.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
      queryParams: [],
      bodyFields: [],
    });
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------
// Checks

const INTERNALS = [
  /\bat\s+\S+\s+\(?[^)\s]*:\d+:\d+\)?/,
  /node_modules|\/src\/|\.ts:\d+/,
  /\b(TypeError|SyntaxError|RangeError|ReferenceError)\b/,
  /FST_[A-Z_]+/,
  /SQLITE_|better-sqlite3|kysely/i,
  /syntax error at or near|violates .* constraint/i,
];

function describeRequest(request: { method: string; url: string; headers: Record<string, string>; payload?: Body }): string {
  const body = request.payload;
  const payload =
    body === undefined
      ? '(none)'
      : body instanceof NestedBody
        ? body[fc.toStringMethod]()
        : Buffer.isBuffer(body)
          ? `<${body.length} bytes ${body.toString('hex').slice(0, 80)}>`
          : JSON.stringify(body.slice(0, 200));
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 80)}…` : v]));
  return `${request.method} ${request.url.slice(0, 200)} headers=${JSON.stringify(headers)} body=${payload}`;
}

/** What the runs got back (status or catalog code), to prove the generators reach past validation. */
const seen = new Map<string, number>();

/** Throws (with the request and response) unless the answer is 2xx/3xx or a catalog envelope. */
function checkAnswer(label: string, response: LightMyRequestResponse): void {
  const status = response.statusCode;
  let outcome = status < 400 ? `${Math.floor(status / 100)}xx` : String(status);
  try {
    if (status >= 400) outcome = String((JSON.parse(response.body) as { code?: unknown }).code ?? status);
  } catch {
    // reported below
  }
  seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
  const where = `${label}\n  -> ${status} ${response.body.slice(0, 300)}`;
  expect(status, `5xx: ${where}`).toBeLessThan(500);
  if (status < 400) return;
  let body: Record<string, unknown>;
  try {
    body = json(response);
  } catch {
    throw new Error(`non-JSON error body: ${where}`);
  }
  expect(String(response.headers['content-type']), `content type: ${where}`).toMatch(/^application\/json/);
  expect(typeof body.code, `code: ${where}`).toBe('number');
  const entry = entryByCode(body.code as number);
  expect(entry, `code not in catalog: ${where}`).toBeDefined();
  expect(entry!.httpStatus, `status differs from catalog httpStatus: ${where}`).toBe(status);
  expect(typeof body.msg, `msg: ${where}`).toBe('string');
  expect(typeof body.details === 'object' && body.details !== null, `details: ${where}`).toBe(true);
  expect(body.help, `help: ${where}`).toBe(`/help/errors/${entry!.code}`);
  expect(body.requestId, `requestId: ${where}`).toBe(response.headers['x-request-id']);
  for (const pattern of INTERNALS) expect(response.body, `internals (${pattern}): ${where}`).not.toMatch(pattern);
}

// ---------------------------------------------------------------------------------------------

describe('fuzzed routes [sqlite]', () => {
  let h: Harness;
  let operations: Operation[];
  let userEmail = 'fuzz-user@example.com';
  let userSerial = 0;
  const STAFF_EMAIL = 'fuzz-staff@example.com';

  beforeEach(async () => {
    h = await createHarness(sqliteBackend());
    operations = operationsOf(h);
    userEmail = 'fuzz-user@example.com';
    await registerVerified(h, userEmail);
    await insertAccount(h.deps.db, {
      id: h.deps.newId(),
      email: STAFF_EMAIL,
      passwordHash: await h.deps.hasher.hash(GOOD_PASSWORD),
      nowMs: h.clock.nowMs(),
      roles: 'admin',
      verified: true,
    });
  });

  /** A live session of the given kind: cookies when asked, else a bearer header. */
  async function realCredential(kind: 'user' | 'staff', via: 'bearer' | 'cookie'): Promise<Record<string, string>> {
    const transport: Record<string, string> = via === 'cookie' ? { 'x-session-transport': 'cookie' } : {};
    let response =
      kind === 'staff'
        ? await h.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { email: STAFF_EMAIL, password: GOOD_PASSWORD }, headers: transport })
        : await login(h, userEmail, GOOD_PASSWORD, {}, transport);
    if (response.statusCode !== 200 && kind === 'user') {
      // A fuzzed password change (or disable) ended this user; start another one.
      userEmail = `fuzz-user-${++userSerial}@example.com`;
      await registerVerified(h, userEmail);
      response = await login(h, userEmail, GOOD_PASSWORD, {}, transport);
    }
    if (response.statusCode !== 200) return {};
    if (via === 'bearer') return { authorization: `Bearer ${json(response).session.token as string}` };
    const cookies = response.cookies as Array<{ name: string; value: string }>;
    const session = cookies.find((c) => c.name === 'gh_session')?.value ?? '';
    const csrf = cookies.find((c) => c.name === 'gh_csrf')?.value ?? '';
    return { cookie: `gh_session=${session}; gh_csrf=${csrf}`, 'x-csrf-token': csrf };
  }

  /** Undo what a lucky fuzz input may have switched on, so later runs still reach the routes. */
  async function resetState(): Promise<void> {
    if ((await h.maintenance.current()).enabled) await h.maintenance.set({ enabled: false, message: null, untilMs: null });
  }

  async function fire(input: { method: Method; url: string; headers: Record<string, string>; payload?: Body }): Promise<void> {
    const label = describeRequest(input);
    const payload = input.payload instanceof NestedBody ? input.payload.text() : input.payload;
    let response: LightMyRequestResponse;
    try {
      response = await h.app.inject({ method: input.method, url: input.url, headers: input.headers, ...(payload !== undefined ? { payload } : {}) });
    } finally {
      await resetState();
    }
    checkAnswer(label, response);
  }

  it('every route answers a catalog envelope or success to shaped garbage', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    // Routes that take a body have more to get wrong, so they are drawn three times as often.
    const requestArb = fc.oneof(...operations.map((op) => ({ weight: op.bodyFields.length > 0 ? 3 : 1, arbitrary: fc.constant(op) }))).chain((op) => {
      return fc.record({
        op: fc.constant(op),
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
        params: fc.tuple(...op.pathParams.map(() => pathParamValue)),
        query:
          op.queryParams.length > 0
            ? fc.option(
                fc.array(fc.tuple(fc.constantFrom(...op.queryParams), fc.oneof(oddString.map(safeEncode), fc.constantFrom('abc', '0', '5', '101', '%ZZ'))), {
                  maxLength: 3,
                }),
                { freq: 4 },
              )
            : queryString,
        body: bodyArbitrary(op.bodyFields),
        contentType,
        credential,
        headers: extraHeaders,
      });
    });

    await fc.assert(
      fc.asyncProperty(requestArb, async (input) => {
        let path = input.op.path;
        input.op.pathParams.forEach((name, i) => {
          path = path.replace(`{${name}}`, input.params[i] as string);
        });
        const query = input.query ? `?${input.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
        const headers: Record<string, string> = { ...(input.headers as Record<string, string>) };
        if (input.contentType !== null) headers['content-type'] = input.contentType;
        if (input.credential.kind === 'garbage') headers.authorization = input.credential.header;
        if (input.credential.kind === 'user' || input.credential.kind === 'staff')
          Object.assign(headers, await realCredential(input.credential.kind, input.credential.via));
        await fire({
          method: input.method,
          url: path + query,
          headers,
          ...(input.body !== undefined && input.method !== 'GET' ? { payload: input.body } : {}),
        });
      }),
      { numRuns: 400, endOnFailure: false, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false },
    );
    // The inputs reached successes, validation, authentication and routing, not one wall.
    for (const outcome of ['2xx', '4010', '4011', '4013']) expect(seen.get(outcome) ?? 0, `${outcome} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    const fromServices = ['4000', '4002', '4012', '4014', '4018', '4019'].reduce((sum, code) => sum + (seen.get(code) ?? 0), 0);
    expect(fromServices, `answers from past the schema in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
  }, 90_000);

  it('random paths, methods and bodies answer a catalog envelope or success', async () => {
    const prefixes = [...new Set(operations.map((op) => op.path.replace(/\{\w+\}.*$/, '')))];
    const requestArb = fc.record({
      method: fc.constantFrom(...METHODS),
      prefix: fc.constantFrom(...prefixes, '/', '/api/', '/api/v1/', '/api/v2/', '/help/errors/'),
      tail: fc.oneof(fc.constant(''), oddString.map(safeEncode), fc.constantFrom('%ZZ', '..', '//', '/.', '?', '#x', '%2F', '1'.repeat(150))),
      body: bodyArbitrary(['email', 'password', 'code', 'token', 'currentPassword', 'newPassword', 'enabled']),
      contentType,
      credential,
      headers: extraHeaders,
    });

    await fc.assert(
      fc.asyncProperty(requestArb, async (input) => {
        const headers: Record<string, string> = { ...(input.headers as Record<string, string>) };
        if (input.contentType !== null) headers['content-type'] = input.contentType;
        if (input.credential.kind === 'garbage') headers.authorization = input.credential.header;
        if (input.credential.kind === 'user' || input.credential.kind === 'staff')
          Object.assign(headers, await realCredential(input.credential.kind, input.credential.via));
        await fire({
          method: input.method,
          url: `${input.prefix}${input.tail}`,
          headers,
          ...(input.body !== undefined && input.method !== 'GET' ? { payload: input.body } : {}),
        });
      }),
      { numRuns: 150, endOnFailure: false, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
  }, 60_000);

  it('pollution attempts during fuzzing left Object.prototype clean', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
