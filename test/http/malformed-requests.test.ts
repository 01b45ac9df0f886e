/**
 * Bad requests over HTTP, continued from malformed-input.test.ts: NUL and control characters,
 * unknown routes and methods, bad credentials, odd query strings and path parameters, and
 * Accept-Language on malformed input. Every answer is the catalog envelope, leaking nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachBackend } from '../support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, login, loginToken, post, registerVerified, type Harness } from '../support/harness.js';

import { accountCount, expectEnvelope, expectValidation, JSON_HEADERS, raw } from '../support/malformed.js';

describeEachBackend('malformed requests', (backend) => {
  // One app for the whole suite: bad input must change nothing, so the tests cannot disturb each
  // other; each uses its own addresses and counts changes as differences, never absolute numbers.
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend, {}, { keepOpen: true });
  });
  afterAll(async () => {
    await h.close();
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
