/**
 * Bad input over HTTP (every failure is a catalog code, never a 500): malformed JSON, wrong shapes and
 * types, broken UTF-8, oversized bodies, odd content types, prototype pollution, unknown routes and
 * methods, bad tokens and query strings. Every answer is the catalog envelope with the right code
 * and status, names the offending field where there is one, leaks nothing internal, and changes
 * nothing (no mail, no account, no consumed code, no changed password).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachBackend } from '../support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, latestCode, login, loginToken, post, registerVerified, type Harness } from '../support/harness.js';
import { entryByCode } from '../../src/errors/lookup.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const ENVELOPE_KEYS = new Set(['code', 'msg', 'reason', 'retryAfter', 'details', 'help', 'requestId']);

/** Things that must never reach a client: stack frames, source paths, SQL and driver errors. */
const INTERNALS = [
  /\bat\s+\S+\s+\(?[^)\s]*:\d+:\d+\)?/, // stack frame
  /node_modules|\/src\/|\/work\/|\.ts:\d+|\.js:\d+/,
  /\b(TypeError|SyntaxError|RangeError|ReferenceError)\b/,
  /JSON at position|Unexpected token|is not valid JSON/,
  /FST_[A-Z_]+|ERR_[A-Z_]{3,}/,
  /SQLITE_|better-sqlite3|\bsqlite\b|postgres|\bpg\b|kysely/i,
  /\b(select|insert|update|delete)\b[\s\S]{0,80}\b(from|into|set|where)\b/i,
  /syntax error at or near|relation "|violates .* constraint|duplicate key/i,
];

function expectNoInternals(response: LightMyRequestResponse): void {
  for (const pattern of INTERNALS) expect(response.body, `body matches ${pattern}`).not.toMatch(pattern);
}

/** Asserts the exact status and catalog code, and that the body is the full envelope. */
function expectEnvelope(response: LightMyRequestResponse, status: number, code: number): any {
  const requestId = response.headers['x-request-id'];
  expect(response.statusCode, `status for body ${response.body.slice(0, 300)}`).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = json(response);
  expect(body.code).toBe(code);
  const entry = entryByCode(code);
  expect(entry, `code ${code} is in the catalog`).toBeDefined();
  expect(entry!.httpStatus).toBe(status);
  expect(typeof body.msg).toBe('string');
  expect(body.msg.length).toBeGreaterThan(0);
  expect(body.details).toBeTypeOf('object');
  expect(body.details).not.toBeNull();
  expect(Array.isArray(body.details)).toBe(false);
  expect(body.help).toBe(`/help/errors/${code}`);
  expect(typeof requestId).toBe('string');
  expect((requestId as string).length).toBeGreaterThan(0);
  expect(body.requestId).toBe(requestId);
  for (const key of Object.keys(body)) expect(ENVELOPE_KEYS.has(key), `unexpected envelope key ${key}`).toBe(true);
  expectNoInternals(response);
  return body;
}

/** 4010 whose `details.fields` names `field` (or one of `field`). */
function expectValidation(response: LightMyRequestResponse, field: string | string[]): any {
  const body = expectEnvelope(response, 400, 4010);
  expect(body.details.fields).toBeTypeOf('object');
  const names = Object.keys(body.details.fields as object);
  const wanted = Array.isArray(field) ? field : [field];
  expect(
    names.some((n) => wanted.includes(n)),
    `details.fields ${JSON.stringify(body.details.fields)} names one of ${wanted.join(', ')}`,
  ).toBe(true);
  for (const problem of Object.values(body.details.fields as Record<string, unknown>)) expect(typeof problem).toBe('string');
  return body;
}

function raw(
  h: Harness,
  url: string,
  payload: string | Buffer,
  headers: Record<string, string> = JSON_HEADERS,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'POST',
) {
  return h.app.inject({ method, url, payload, headers });
}

async function outboxFor(h: Harness, to: string): Promise<Array<{ subject: string; text: string }>> {
  const response = await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(response.statusCode).toBe(200);
  return json(response);
}

async function accountCount(h: Harness): Promise<number> {
  const row = await h.deps.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface Endpoint {
  name: string;
  url: string;
  /** A well-formed body; the tests break one thing at a time. */
  valid: (email: string) => Record<string, string>;
  /** Whether it needs `Authorization: Bearer` (the token is put in `headers`). */
  authenticated: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'register', url: '/api/v1/auth/register', authenticated: false, valid: (email) => ({ email, password: GOOD_PASSWORD }) },
  { name: 'register/verify', url: '/api/v1/auth/register/verify', authenticated: false, valid: (email) => ({ email, code: '123456' }) },
  { name: 'login', url: '/api/v1/auth/login', authenticated: false, valid: (email) => ({ email, password: GOOD_PASSWORD }) },
  { name: 'admin/login', url: '/api/v1/admin/login', authenticated: false, valid: (email) => ({ email, password: GOOD_PASSWORD }) },
  {
    name: 'account/password',
    url: '/api/v1/account/password',
    authenticated: true,
    valid: () => ({ currentPassword: GOOD_PASSWORD, newPassword: 'a much better passphrase 42' }),
  },
];

const WRONG_TYPES: Array<[string, unknown]> = [
  ['number', 123],
  ['float', 1.5],
  ['array', ['x']],
  ['object', { value: 'x' }],
  ['null', null],
  ['boolean', true],
];

describeEachBackend('malformed input', (backend) => {
  // One app for the whole suite: bad input must change nothing, so the tests cannot disturb each
  // other; each uses its own addresses and counts changes as differences, never absolute numbers.
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend, {}, { keepOpen: true });
  });
  afterAll(async () => {
    await h.close();
  });

  for (const endpoint of ENDPOINTS) {
    describe(`POST ${endpoint.url}`, () => {
      const email = `victim-${endpoint.name.replace(/\W/g, '-')}@example.com`;
      let auth: Record<string, string> = {};

      beforeAll(async () => {
        if (endpoint.authenticated) {
          const owner = `owner-${endpoint.name.replace(/\W/g, '-')}@example.com`;
          await registerVerified(h, owner);
          auth = bearer(await loginToken(h, owner));
        }
      });

      const send = (payload: string | Buffer, headers: Record<string, string> = JSON_HEADERS) => raw(h, endpoint.url, payload, { ...headers, ...auth });

      it('malformed JSON is 4010 naming the body', async () => {
        expectValidation(await send('{"email":'), 'body');
        expectValidation(await send('{"email": "a@example.com",}'), 'body');
        expectValidation(await send("{'email': 'a@example.com'}"), 'body');
        expectValidation(await send('{"email":"a@example.com"} trailing'), 'body');
      });

      it('an empty body with a JSON content type is 4010', async () => {
        expectValidation(await send(''), 'body');
        expectValidation(await send('   '), 'body');
      });

      it('a body that is not an object is 4010 naming the body', async () => {
        for (const payload of ['null', '[]', '[1,2]', '"a string"', '42', 'true']) {
          expectValidation(await send(payload), 'body');
        }
      });

      it('each missing field is 4010 naming that field', async () => {
        const valid = endpoint.valid(email);
        for (const field of Object.keys(valid)) {
          const { [field]: _dropped, ...rest } = valid;
          expectValidation(await send(JSON.stringify(rest)), field);
        }
        expectValidation(await send('{}'), Object.keys(valid));
      });

      it('wrong types are 4010 naming the field, never coerced', async () => {
        const valid = endpoint.valid(email);
        for (const field of Object.keys(valid)) {
          for (const [, value] of WRONG_TYPES) {
            expectValidation(await send(JSON.stringify({ ...valid, [field]: value })), field);
          }
        }
        const [first, second] = Object.keys(valid) as [string, string];
        expectValidation(await send(JSON.stringify({ [first]: 123, [second]: ['x'] })), [first, second]);
      });

      it('invalid UTF-8 bytes inside a JSON string are 4010, not replaced with U+FFFD', async () => {
        const valid = endpoint.valid(email);
        const [first] = Object.keys(valid) as [string];
        const rest = JSON.stringify(valid).replace(/^\{/, ',');
        for (const bad of [Buffer.from([0xc3, 0x28]), Buffer.from([0xff]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])]) {
          const body = Buffer.concat([Buffer.from(`{"${first}":"ab`), bad, Buffer.from(`cd"`), Buffer.from(rest.replace(`"${first}":`, '"ignored":'))]);
          expectValidation(await send(body), 'body');
        }
      });

      it('a 10 MB body is 413 with 4020', async () => {
        const valid = endpoint.valid(email);
        const huge = JSON.stringify({ ...valid, padding: 'x'.repeat(10 * 1024 * 1024) });
        expectEnvelope(await send(huge), 413, 4020);
        expectEnvelope(await send(Buffer.alloc(10 * 1024 * 1024, 0x20)), 413, 4020);
      });

      it('an unsupported content type is 4010', async () => {
        const body = JSON.stringify(endpoint.valid(email));
        expectValidation(await send(body, { 'content-type': 'text/plain' }), 'body');
        expectValidation(await send('email=a%40example.com&password=x', { 'content-type': 'application/x-www-form-urlencoded' }), 'body');
        expectValidation(await send(body, { 'content-type': 'application/octet-stream' }), 'body');
        expectValidation(await send('--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }), 'body');
        expectValidation(await send(body, { 'content-type': 'application/xml' }), 'body');
      });

      it('__proto__ and constructor.prototype pollution attempts are 4010 and pollute nothing', async () => {
        const valid = JSON.stringify(endpoint.valid(email)).slice(1);
        const attempts = [
          `{"__proto__":{"polluted":"yes","isAdmin":true},${valid}`,
          `{"constructor":{"prototype":{"polluted":"yes"}},${valid}`,
          `{"nested":{"__proto__":{"polluted":"yes"}},${valid}`,
          `{"nested":[{"constructor":{"prototype":{"polluted":"yes"}}}],${valid}`,
        ];
        for (const attempt of attempts) expectValidation(await send(attempt), 'body');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      });

      it('a property name given twice, at any level, is 4010 naming the body', async () => {
        const valid = endpoint.valid(email);
        const [first, second] = Object.keys(valid) as [string, string];
        const members = JSON.stringify(valid).slice(1, -1);
        const attempts = [
          // The last value would win in JSON.parse: a field checked twice could be read once.
          `{"${first}":"a@x.io","${first}":"b@x.io",${JSON.stringify(valid).slice(1).replace(`"${first}":`, '"ignored":')}`,
          `{${members},"${second}":"other"}`,
          `{"${first.replace(/^./, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}":"x",${members}}`,
          `{"nested":{"a":1,"b":2,"a":3},${members}}`,
          `{"list":[{"a":1},{"a":1,"a":2}],${members}}`,
          `{"deep":{"x":{"y":{"z":[{"q":1,"q":1}]}}},${members}}`,
        ];
        for (const attempt of attempts) expectValidation(await send(attempt), 'body');
      });

      it('deeply nested JSON is 4010, not a stack overflow', async () => {
        for (const depth of [1_000, 10_000, 100_000]) {
          expectValidation(await send('['.repeat(depth) + ']'.repeat(depth)), 'body');
          const [first] = Object.keys(endpoint.valid(email)) as [string];
          const nested = `{"${first}":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;
          expectValidation(await send(nested), [first, 'body']);
          expectValidation(await send(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`), ['body', ...Object.keys(endpoint.valid(email))]);
        }
      });

      if (!endpoint.authenticated) {
        it('without a body or content type it is 4010', async () => {
          expectValidation(await h.app.inject({ method: 'POST', url: endpoint.url }), 'body');
        });
      }
    });
  }

  describe('bad input changes nothing', () => {
    it('malformed registrations send no mail and create no account', async () => {
      const email = 'nobody-yet@example.com';
      const before = await accountCount(h);
      const url = '/api/v1/auth/register';
      const answers = [
        await raw(h, url, `{"email":"${email}","password":`),
        await raw(h, url, JSON.stringify({ email, password: 12345678901 })),
        await raw(h, url, JSON.stringify({ email, password: [GOOD_PASSWORD] })),
        await raw(h, url, JSON.stringify({ email })),
        await raw(h, url, Buffer.concat([Buffer.from(`{"email":"${email}","password":"ab`), Buffer.from([0xff]), Buffer.from('cdefghijkl"}')])),
        await raw(h, url, `{"__proto__":{"x":1},"email":"${email}","password":"${GOOD_PASSWORD}"}`),
        await raw(h, url, JSON.stringify({ email, password: GOOD_PASSWORD }), { 'content-type': 'text/plain' }),
        await raw(h, url, JSON.stringify({ email: `${email}\ud800`, password: GOOD_PASSWORD })),
      ];
      for (const answer of answers) expectEnvelope(answer, 400, 4010);
      expectEnvelope(await raw(h, url, JSON.stringify({ email, password: GOOD_PASSWORD, pad: 'x'.repeat(2 * 1024 * 1024) })), 413, 4020);
      expect(await outboxFor(h, email)).toEqual([]);
      expect(await accountCount(h)).toBe(before);
    });

    it('malformed verify attempts do not use up the code', async () => {
      const email = 'pending@example.com';
      expect((await post(h, '/api/v1/auth/register', { email, password: GOOD_PASSWORD })).statusCode).toBe(202);
      const code = await latestCode(h, email);
      const url = '/api/v1/auth/register/verify';
      for (let i = 0; i < 6; i++) {
        expectValidation(await raw(h, url, JSON.stringify({ email, code: Number(code) })), 'code');
        expectValidation(await raw(h, url, JSON.stringify({ email, code: `${code}0` })), 'code');
        expectValidation(await raw(h, url, `{"email":"${email}","code":"${code}"`), 'body');
      }
      const verified = await post(h, url, { email, code });
      expect(verified.statusCode, verified.body).toBe(200);
    });

    it('malformed password changes leave the password, the session and the mailbox alone', async () => {
      const email = 'keeper@example.com';
      await registerVerified(h, email);
      const token = await loginToken(h, email);
      const mailsBefore = (await outboxFor(h, email)).length;
      const url = '/api/v1/account/password';
      const headers = { ...JSON_HEADERS, ...bearer(token) };
      const newPassword = 'a much better passphrase 42';
      expectValidation(await raw(h, url, `{"currentPassword":"${GOOD_PASSWORD}","newPassword":`, headers), 'body');
      expectValidation(await raw(h, url, JSON.stringify({ currentPassword: GOOD_PASSWORD, newPassword: [newPassword] }), headers), 'newPassword');
      expectValidation(await raw(h, url, JSON.stringify({ currentPassword: { toString: GOOD_PASSWORD }, newPassword }), headers), 'currentPassword');
      expectValidation(await raw(h, url, JSON.stringify({ newPassword }), headers), 'currentPassword');
      expectValidation(await raw(h, url, `{"__proto__":{"x":1},"currentPassword":"${GOOD_PASSWORD}","newPassword":"${newPassword}"}`, headers), 'body');
      expectEnvelope(await raw(h, url, JSON.stringify({ currentPassword: GOOD_PASSWORD, newPassword, pad: 'x'.repeat(2 * 1024 * 1024) }), headers), 413, 4020);

      expect((await get(h, '/api/v1/account', bearer(token))).statusCode).toBe(200);
      expect((await outboxFor(h, email)).length).toBe(mailsBefore);
      expect((await login(h, email, newPassword)).statusCode).toBe(401);
      expect((await login(h, email, GOOD_PASSWORD)).statusCode).toBe(200);
    });

    it('an email with a lone surrogate (\\ud800) is refused with 4010, not stored with U+FFFD in its place', async () => {
      // JSON allows "\ud800" escapes; the result is not a Unicode string, and the database and mail
      // layers silently turn it into U+FFFD, so "a\ud800@x" and "a\udfff@x" would be one account.
      const before = await accountCount(h);
      const response = await post(h, '/api/v1/auth/register', { email: 'lone\ud800@example.com', password: GOOD_PASSWORD });
      expectValidation(response, ['body', 'email']);
      expect(await accountCount(h)).toBe(before);
      expect(await outboxFor(h, 'lone\ufffd@example.com')).toEqual([]);
    });
  });

  describe('NUL and control characters (PostgreSQL text cannot hold U+0000)', () => {
    // JSON.stringify sends these as "\u0000" escapes: valid JSON that decodes to a NUL character.
    /** One of the allowed [status, code] answers, as a full envelope. */
    function expectOneOf(response: LightMyRequestResponse, allowed: Array<[number, number]>): void {
      const body = response.body.startsWith('{') ? (json(response) as { code?: number }) : {};
      const match = allowed.find(([status, code]) => status === response.statusCode && code === body.code);
      expect(match, `${response.statusCode} ${response.body.slice(0, 200)} is one of ${JSON.stringify(allowed)}`).toBeDefined();
      expectEnvelope(response, match![0], match![1]);
    }

    it('registration refuses an email with NUL or control characters (4010) and stores nothing', async () => {
      const before = await accountCount(h);
      for (const email of ['nul\u0000byte@example.com', 'ctl\u0001x@example.com', 'del\u007fx@example.com', 'nul@example.com\u0000']) {
        const response = await post(h, '/api/v1/auth/register', { email, password: GOOD_PASSWORD });
        expectValidation(response, ['email', 'body']);
      }
      expect(await accountCount(h)).toBe(before);
    });

    it('login, staff login and verify with NUL in the email answer the catalog, never 500', async () => {
      await registerVerified(h, 'real@example.com');
      const email = 'real\u0000@example.com';
      expectOneOf(await post(h, '/api/v1/auth/login', { email, password: GOOD_PASSWORD }), [
        [401, 4000],
        [400, 4010],
      ]);
      expectOneOf(await post(h, '/api/v1/admin/login', { email, password: GOOD_PASSWORD }), [
        [401, 4000],
        [400, 4010],
      ]);
      expectOneOf(await post(h, '/api/v1/auth/register/verify', { email, code: '123456' }), [
        [400, 4014],
        [400, 4010],
      ]);
      expectOneOf(await post(h, '/api/v1/auth/login', { email: 'real@example.com', password: `${GOOD_PASSWORD}\u0000` }), [
        [401, 4000],
        [400, 4010],
      ]);
    });

    it('a deviceName with NUL does not break a correct login (200, or 4010 naming it)', async () => {
      await registerVerified(h, 'device@example.com');
      for (const extra of [{ deviceName: 'phone\u0000x' }, { deviceName: '\u0000' }, { deviceId: 'fixed-device-1', deviceName: 'tab\u0000' }]) {
        const response = await login(h, 'device@example.com', GOOD_PASSWORD, extra);
        if (response.statusCode === 200) continue;
        expectValidation(response, ['deviceName', 'body']);
      }
      // Nothing half-done: the account still logs in normally.
      expect((await login(h, 'device@example.com')).statusCode).toBe(200);
    });

    it('a wrong password with a NUL deviceName is 4000 for a known account exactly as for an unknown one', async () => {
      // A 500 only for existing accounts (the failed attempt is recorded with the device name) would
      // tell which emails are registered.
      await registerVerified(h, 'device-known@example.com');
      const known = await login(h, 'device-known@example.com', 'not the password at all', { deviceName: 'x\u0000' });
      const unknown = await login(h, 'nobody-here@example.com', 'not the password at all', { deviceName: 'x\u0000' });
      expectOneOf(known, [
        [401, 4000],
        [400, 4010],
      ]);
      expectOneOf(unknown, [
        [401, 4000],
        [400, 4010],
      ]);
      expect({ status: known.statusCode, code: json(known).code }).toEqual({ status: unknown.statusCode, code: json(unknown).code });
    });

    it('the dev mailbox answers a NUL in ?to= with 200 or 4010, never 500', async () => {
      const response = await get(h, '/api/v1/dev/outbox?to=a%00b%40example.com');
      if (response.statusCode !== 200) expectValidation(response, 'to');
    });

    it('raw control characters inside JSON strings are malformed JSON (4010)', async () => {
      for (const ch of ['\u0000', '\u0001', '\n', '\u001f']) {
        expectValidation(await raw(h, '/api/v1/auth/login', `{"email":"a${ch}b@example.com","password":"${GOOD_PASSWORD}"}`), 'body');
      }
    });
  });

  describe('routes and methods', () => {
    it('unknown routes are 404 with 4013', async () => {
      expectEnvelope(await get(h, '/nope'), 404, 4013);
      expectEnvelope(await get(h, '/api/v1/nope?x=1'), 404, 4013);
      expectEnvelope(await post(h, '/api/v1/nope', { email: 'a@example.com' }), 404, 4013);
      // The body of a request to an unknown route may be parsed first; either answer is a catalog one.
      const broken = await raw(h, '/api/v1/nope', '{"broken":');
      expectEnvelope(broken, broken.statusCode, broken.statusCode === 404 ? 4013 : 4010);
      expectEnvelope(await get(h, `/api/v1/${'a'.repeat(10_000)}`), 404, 4013);
      expectEnvelope(await get(h, '/api/v1/auth/register/verify/extra'), 404, 4013);
    });

    it('wrong methods on known paths are 404 with 4013', async () => {
      expectEnvelope(await get(h, '/api/v1/auth/register'), 404, 4013);
      expectEnvelope(await get(h, '/api/v1/auth/login'), 404, 4013);
      expectEnvelope(await raw(h, '/api/v1/auth/login', '{}', JSON_HEADERS, 'PUT'), 404, 4013);
      expectEnvelope(await raw(h, '/api/v1/account/password', '{}', JSON_HEADERS, 'PATCH'), 404, 4013);
      expectEnvelope(await h.app.inject({ method: 'DELETE', url: '/api/v1/account' }), 404, 4013);
      expectEnvelope(await h.app.inject({ method: 'OPTIONS', url: '/api/v1/admin/login' }), 404, 4013);
      expectEnvelope(await post(h, '/api/v1/errors', {}), 404, 4013);
    });

    it('a path with broken percent-encoding answers the envelope (4010 or 4013), not a framework body', async () => {
      for (const url of ['/api/v1/errors/%ZZ', '/api/v1/errors/%C0', '/nope/%E0%A4%A', '/api/v1/account/devices/%']) {
        const response = await get(h, url);
        expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
        const code = response.statusCode === 404 ? 4013 : 4010;
        expectEnvelope(response, response.statusCode, code);
      }
    });

    it('an overlong path parameter answers the envelope (4010 or 4013), not a framework 414', async () => {
      const response = await get(h, `/api/v1/errors/${'1'.repeat(200)}`);
      expect([400, 404], `${response.statusCode}: ${response.body}`).toContain(response.statusCode);
      expectEnvelope(response, response.statusCode, response.statusCode === 404 ? 4013 : 4010);
    });
  });

  describe('authentication', () => {
    const garbage = [
      bearer('nope'),
      bearer('A'.repeat(5_000)),
      bearer('../../etc/passwd'),
      bearer("' or 1=1 --"),
      { authorization: 'Bearer' },
      { authorization: 'Bearer    ' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Ticket abc' },
      { authorization: 'garbage' },
      { cookie: 'gh_session=nope' },
      { cookie: 'gh_session=%E0%A4%A; gh_csrf=x' },
      { cookie: '=;;;=;gh_session' },
    ];

    it('an invalid bearer token or session cookie is 401 with 4011', async () => {
      for (const headers of garbage) {
        expectEnvelope(await get(h, '/api/v1/account', headers), 401, 4011);
        expectEnvelope(await get(h, '/api/v1/account/login-history?limit=5', headers), 401, 4011);
        expectEnvelope(await get(h, '/api/v1/auth/session', headers), 401, 4011);
        expectEnvelope(await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers }), 401, 4011);
        expectEnvelope(
          await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'another long passphrase' }, headers),
          401,
          4011,
        );
      }
    });

    it('a logged-out token is 4011', async () => {
      await registerVerified(h, 'leaver@example.com');
      const token = await loginToken(h, 'leaver@example.com');
      expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
      expectEnvelope(await get(h, '/api/v1/account', bearer(token)), 401, 4011);
    });
  });

  describe('query strings and path parameters', () => {
    it('login-history query abuse is 4010 naming limit or cursor', async () => {
      await registerVerified(h, 'history@example.com');
      const auth = bearer(await loginToken(h, 'history@example.com'));
      const history = (query: string) => get(h, `/api/v1/account/login-history?${query}`, auth);
      expectValidation(await history(`limit=abc&cursor=${encodeURIComponent("'; drop table accounts; --")}`), ['limit', 'cursor']);
      for (const limit of ['abc', '0', '101', '999', '-1', '1.5', '1e2', '', '%00', '0x10', ' 5', '1&limit=2']) {
        expectValidation(await history(`limit=${limit}`), 'limit');
      }
      for (const cursor of ["'; drop table accounts; --", 'x'.repeat(65), '../../', '%00', 'zzz', '01%20OR%201%3D1']) {
        expectValidation(await history(`cursor=${cursor}`), 'cursor');
      }
      expectValidation(await history('cursor=a&cursor=b'), 'cursor');
      // ... and the account and its history are intact.
      const ok = await history('limit=5');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(json(ok).items.length).toBeGreaterThan(0);
    });

    it('GET /api/v1/errors/{code} is 4010 for a non-number and 4013 for an unknown code', async () => {
      expectValidation(await get(h, '/api/v1/errors/abc'), 'code');
      expectValidation(await get(h, '/api/v1/errors/12.5'), 'code');
      expectValidation(await get(h, '/api/v1/errors/%00'), 'code');
      expectValidation(await get(h, `/api/v1/errors/${encodeURIComponent("1' or '1'='1")}`), 'code');
      expectEnvelope(await get(h, '/api/v1/errors/99999'), 404, 4013);
      expectEnvelope(await get(h, '/api/v1/errors/-9999'), 404, 4013);
      expectEnvelope(await get(h, '/api/v1/errors/0'), 404, 4013);
      expect((await get(h, '/api/v1/errors/4010')).statusCode).toBe(200);
    });

    it('prototype keys in the query string pollute nothing', async () => {
      const response = await get(h, '/api/v1/errors?__proto__[polluted]=1&constructor[prototype][polluted]=1&__proto__=x');
      expect(response.statusCode).toBe(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('catalog messages follow Accept-Language on malformed input too, whatever the header looks like', async () => {
    const zh = await raw(h, '/api/v1/auth/login', '{"email":', { ...JSON_HEADERS, 'accept-language': 'zh-CN,zh;q=0.9' });
    const en = await raw(h, '/api/v1/auth/login', '{"email":', JSON_HEADERS);
    expect(expectValidation(zh, 'body').msg).not.toBe(expectValidation(en, 'body').msg);
    for (const header of [';q=;,,zh-;q=1.0000,*', 'x'.repeat(4000), '*;q=abc', ',,,,']) {
      expectValidation(await raw(h, '/api/v1/auth/login', '{"email":', { ...JSON_HEADERS, 'accept-language': header }), 'body');
    }
  });
});
