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
// Arbitraries

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b'];
const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...LONE_SURROGATES, 'x', '\u0000', '\u202e', '\ufeff', 'é', 'e\u0301'), maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'null',
    'undefined',
    'NaN',
    '-1',
    '0',
    '1e309',
    "' or 1=1 --",
    '"; drop table accounts; --',
    '../../etc/passwd',
    '%00',
    '%',
    '{{7*7}}',
    '$' + '{7*7}',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom('a'.repeat(129), 'a'.repeat(1025), 'x'.repeat(70_000)),
);
const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('@example.com', '@', '@@example.com', '@example', '')).map(([local, domain]) => local + domain),
  fc.constantFrom('fuzz-user@example.com', 'FUZZ-USER@EXAMPLE.COM ', 'fuzz-staff@example.com'),
);
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: emailLike },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      GOOD_PASSWORD,
      'correct horse battery staple 2',
      '123456',
      '000000',
      'totp',
      'email',
      true,
      false,
      null,
      0,
      -1,
      1.5,
      2 ** 53,
      [],
      {},
      ['x'],
      { $gt: '' },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);

/** Mostly well-typed values, so that inputs get past the schema into the handlers. */
const stringValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 3, arbitrary: emailLike },
  { weight: 2, arbitrary: fc.constantFrom(GOOD_PASSWORD, 'correct horse battery staple 2', 'password', '123456', '000000', 'fuzz-device-0001') },
);

/** Plausible values for the fields the API knows, so that generated bodies reach the services. */
const passwordLike = fc.oneof(
  fc.constantFrom(GOOD_PASSWORD, 'correct horse battery staple 2', 'password', 'short'),
  fc.string({ minLength: 8, maxLength: 40 }),
  oddString,
);
const FIELD_HINTS: Record<string, fc.Arbitrary<unknown>> = {
  email: emailLike,
  password: passwordLike,
  currentPassword: passwordLike,
  newPassword: passwordLike,
  code: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), fc.constantFrom('000000', '123456')),
  deviceId: fc.oneof(fc.stringMatching(/^[\x21-\x7e]{8,40}$/), oddString),
  deviceName: fc.string({ minLength: 1, maxLength: 64 }),
  enabled: fc.boolean(),
  message: fc.string({ maxLength: 100 }),
  until: fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    oddString,
  ),
};

/** JSON text built pair by pair, so `__proto__` and duplicate keys really reach the wire. */
function objectText(pairs: Array<[string, unknown]>): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

/** Deeply nested JSON, built only when sent (so a counterexample prints as `nested(array, 5000)`). */
class NestedBody {
  constructor(
    readonly depth: number,
    readonly shape: 'array' | 'object',
  ) {}
  text(): string {
    return this.shape === 'array' ? '['.repeat(this.depth) + ']'.repeat(this.depth) : `${'{"a":'.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
  [fc.toStringMethod](): string {
    return `nested(${this.shape}, ${this.depth})`;
  }
}

type Body = string | Buffer | NestedBody | undefined;

function bodyArbitrary(fields: string[]): fc.Arbitrary<Body> {
  const keys = fc.oneof(
    { weight: 4, arbitrary: fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  const shaped = fc
    .tuple(
      fc
        .oneof({ weight: 2, arbitrary: fc.constant(fields) }, { weight: 1, arbitrary: fc.subarray(fields) })
        .chain((present) =>
          fc.tuple(
            ...present.map((field) =>
              fc.tuple(fc.constant(field), fc.oneof({ weight: 3, arbitrary: FIELD_HINTS[field] ?? stringValue }, { weight: 1, arbitrary: fieldValue })),
            ),
          ),
        ),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([] as Array<[string, unknown]>) },
        { weight: 1, arbitrary: fc.array(fc.tuple(keys, fieldValue), { minLength: 1, maxLength: 3 }) },
      ),
    )
    .map(([base, extra]) => objectText([...(base as Array<[string, unknown]>), ...extra]));
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: shaped.map((text) => text.slice(0, Math.max(1, text.length - 2))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: shaped.map((text) => Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(-1))])),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('array' as const, 'object' as const))
        .map(([depth, shape]) => new NestedBody(depth, shape)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        '',
        'null',
        '[]',
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
      ),
    },
  );
}

const contentType = fc.option(
  fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/json; charset=utf-16',
        'application/json;;;',
        'application/vnd.api+json',
        'application/xml',
        '*/*',
        ';',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  ),
  { freq: 10 },
);

type Credential = { kind: 'none' } | { kind: 'user' | 'staff'; via: 'bearer' | 'cookie' } | { kind: 'garbage'; header: string };
const credential: fc.Arbitrary<Credential> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Credential>({ kind: 'none' }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('user' as const, 'staff' as const), via: fc.constantFrom('bearer' as const, 'cookie' as const) }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
        fc.string({ maxLength: 60 }),
        fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Ticket x', `Bearer ${'A'.repeat(5000)}`),
      )
      .map((header): Credential => ({ kind: 'garbage', header })),
  },
);

const extraHeaders = fc.record(
  {
    'accept-language': fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('zh-CN', 'zh-TW,zh;q=0.1', '*;q=abc', ';q=;,,')),
    cookie: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('gh_session=x', 'gh_session=%E0%A4%A', '=;;;=', 'gh_device=../../x')),
    'x-csrf-token': fc.string({ maxLength: 40 }),
    'x-session-transport': fc.oneof(fc.constant('cookie'), fc.string({ maxLength: 10 })),
    'x-forwarded-for': fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 30 })),
    'user-agent': fc.string({ maxLength: 60 }),
  },
  { requiredKeys: [] },
);

const pathParamValue = fc.oneof(
  { weight: 4, arbitrary: oddString.map((s) => safeEncode(s)) },
  { weight: 2, arbitrary: fc.constantFrom('0', '-1', '4010', '1003', '-1022', '99999', '01J0000000000000000000000', 'x') },
  // Raw text a client could put in a path: broken percent-escapes, dots, over-long values.
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%C0', '%E0%A4%A', '..', '%2e%2e', '1'.repeat(150), 'a;b', 'a,b') },
);

const queryString = fc.option(
  fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'cursor', 'to', 'code', '__proto__', 'constructor[prototype][x]', 'limit[]'),
        fc.string({ maxLength: 8 }).map(safeEncode),
      ),
      fc.oneof(oddString.map(safeEncode), fc.constantFrom('abc', '0', '101', '5', '-1', '%ZZ', '%00', 'fuzz-user%40example.com')),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  { freq: 3 },
);

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // Lone surrogates cannot be percent-encoded; send the U+FFFD-free escape of each UTF-16 unit.
    return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
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
