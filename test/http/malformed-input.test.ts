/**
 * Bad input over HTTP (every failure is a catalog code, never a 500): malformed JSON, wrong shapes and
 * types, broken UTF-8, oversized bodies, odd content types, prototype pollution (routes, methods,
 * tokens and query strings: malformed-requests.test.ts). Every answer is the catalog envelope with the right code
 * and status, names the offending field where there is one, leaks nothing internal, and changes
 * nothing (no mail, no account, no consumed code, no changed password).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, latestCode, login, loginToken, post, registerVerified, type Harness } from '../support/harness.js';

import { accountCount, ENDPOINTS, expectEnvelope, expectValidation, JSON_HEADERS, outboxFor, raw, WRONG_TYPES } from '../support/malformed.js';

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
});
