/**
 * The server log never carries credentials (a log line is keyed by the requestId the client sees;
 * secrets never leave their place). The app is built with the same pino setup as src/server.ts,
 * writing at trace level into memory, and driven through a whole account life: register, verify,
 * bearer and cookie logins, authenticated calls both ways, a password change, failed and malformed
 * logins, logout. The captured lines must hold none of the passwords, the code, the tokens, the
 * cookie values or the CSRF token, and must hold every request's id.
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import pino from 'pino';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachBackend } from '../support/backends.js';
import { bearer, createHarness, get, json, latestCode, post, type Harness } from '../support/harness.js';
import { LOG_REDACT_PATHS, logSerializers } from '../../src/app.js';

/** Passwords with characters that JSON and URLs escape, so every spelling can be searched for. */
const FIRST_PASSWORD = 'Tr0ub4dor&3 "first" pässwörd/+=';
const SECOND_PASSWORD = 'second secret: ∑ unicorn\\battery';
const WRONG_PASSWORD = 'wrong-but-still-secret 7f3a';

function memoryLogger() {
  const lines: string[] = [];
  let pending = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      pending += String(chunk);
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts.filter((line) => line.length > 0));
      callback();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' }, serializers: logSerializers() }, stream);
  return { logger, lines, text: () => lines.join('\n') + pending };
}

/** The spellings a secret could take in a log line: raw, JSON-escaped, URL-encoded. */
function spellings(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

function cookieValue(response: LightMyRequestResponse, name: string): string {
  const cookie = (response.cookies as Array<{ name: string; value: string }>).find((c) => c.name === name);
  if (!cookie?.value) throw new Error(`no ${name} cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
  return cookie.value;
}

describeEachBackend('log secrets', (backend) => {
  it('no password, code, token, cookie or CSRF token reaches the log; every request id does', async () => {
    const log = memoryLogger();
    const h: Harness = await createHarness(backend, {}, { logger: log.logger });
    const email = 'logged-user@example.com';
    const responses: LightMyRequestResponse[] = [];
    const track = (response: LightMyRequestResponse) => {
      responses.push(response);
      return response;
    };

    // Register and verify.
    expect(track(await post(h, '/api/v1/auth/register', { email, password: FIRST_PASSWORD })).statusCode).toBe(202);
    const code = await latestCode(h, email);
    expect(track(await post(h, '/api/v1/auth/register/verify', { email, code })).statusCode).toBe(200);

    // A bearer login and a cookie login.
    const bearerLogin = track(await post(h, '/api/v1/auth/login', { email, password: FIRST_PASSWORD, deviceId: 'log-test-device-1' }));
    expect(bearerLogin.statusCode, bearerLogin.body).toBe(200);
    const firstToken = json(bearerLogin).session.token as string;
    const cookieLogin = track(await post(h, '/api/v1/auth/login', { email, password: FIRST_PASSWORD }, { 'x-session-transport': 'cookie' }));
    expect(cookieLogin.statusCode, cookieLogin.body).toBe(200);
    const sessionCookie = cookieValue(cookieLogin, 'gh_session');
    const csrfToken = cookieValue(cookieLogin, 'gh_csrf');
    const deviceCookie = cookieValue(cookieLogin, 'gh_device');
    const cookies = { cookie: `gh_session=${sessionCookie}; gh_csrf=${csrfToken}; gh_device=${deviceCookie}` };

    // Authenticated calls both ways, including a token where it does not belong (the query string).
    expect(track(await get(h, '/api/v1/account', bearer(firstToken))).statusCode).toBe(200);
    expect(
      track(await get(h, `/api/v1/auth/session?access_token=${firstToken}&password=${encodeURIComponent(FIRST_PASSWORD)}`, bearer(firstToken))).statusCode,
    ).toBe(200);
    expect(track(await get(h, '/api/v1/account', cookies)).statusCode).toBe(200);
    expect(track(await get(h, '/api/v1/account/login-history?limit=5', cookies)).statusCode).toBe(200);
    expect(track(await get(h, '/api/v1/account/devices', { ...cookies, 'x-csrf-token': csrfToken })).statusCode).toBe(200);

    // A cookie write without the CSRF token is refused; with it the password changes.
    const noCsrf = track(await post(h, '/api/v1/account/password', { currentPassword: FIRST_PASSWORD, newPassword: SECOND_PASSWORD }, cookies));
    expect(noCsrf.statusCode).toBe(403);
    const changed = track(
      await post(h, '/api/v1/account/password', { currentPassword: FIRST_PASSWORD, newPassword: SECOND_PASSWORD }, { ...cookies, 'x-csrf-token': csrfToken }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    // The bearer session ended with the change.
    expect(track(await get(h, '/api/v1/account', bearer(firstToken))).statusCode).toBe(401);

    // Failed logins: the old password, a wrong one, and a malformed body that holds the password.
    expect(track(await post(h, '/api/v1/auth/login', { email, password: FIRST_PASSWORD })).statusCode).toBe(401);
    expect(track(await post(h, '/api/v1/auth/login', { email, password: WRONG_PASSWORD })).statusCode).toBe(401);
    expect(track(await post(h, '/api/v1/auth/login', { email: 'nobody@example.com', password: WRONG_PASSWORD })).statusCode).toBe(401);
    const malformed = track(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: `{"email":"${email}","password":${JSON.stringify(SECOND_PASSWORD)}`,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(malformed.statusCode).toBe(400);
    const wrongType = track(await post(h, '/api/v1/auth/login', { email, password: [SECOND_PASSWORD] }));
    expect(wrongType.statusCode).toBe(400);
    const staffDoor = track(await post(h, '/api/v1/admin/login', { email, password: SECOND_PASSWORD }));
    expect(staffDoor.statusCode).toBe(401);

    // A new login with the new password, used and logged out.
    const secondLogin = track(await post(h, '/api/v1/auth/login', { email, password: SECOND_PASSWORD }));
    expect(secondLogin.statusCode, secondLogin.body).toBe(200);
    const secondToken = json(secondLogin).session.token as string;
    expect(track(await get(h, '/api/v1/account', bearer(secondToken))).statusCode).toBe(200);
    expect(track(await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(secondToken) })).statusCode).toBe(204);
    // ... and the cookie session's logout, which clears the cookies (a Set-Cookie in the response).
    expect(track(await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...cookies, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);

    const output = log.text();

    // The capture works: every line is JSON, and every request left its id and its route.
    expect(log.lines.length).toBeGreaterThanOrEqual(responses.length * 2);
    const parsed = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const loggedIds = new Set(parsed.map((line) => line.reqId).filter((id): id is string => typeof id === 'string'));
    for (const response of responses) {
      const id = response.headers['x-request-id'];
      expect(typeof id).toBe('string');
      expect(loggedIds.has(id as string), `request id ${id} is in the log`).toBe(true);
    }
    expect(parsed.some((line) => (line.req as { url?: string } | undefined)?.url === '/api/v1/account/password')).toBe(true);
    expect(parsed.some((line) => (line.res as { statusCode?: number } | undefined)?.statusCode === 401)).toBe(true);
    expect(output).toContain('/api/v1/auth/login');

    // None of the secrets, in any spelling.
    const secrets: Record<string, string> = {
      'first password': FIRST_PASSWORD,
      'second password': SECOND_PASSWORD,
      'wrong password': WRONG_PASSWORD,
      'verification code': code,
      'first bearer token': firstToken,
      'second bearer token': secondToken,
      'session cookie': sessionCookie,
      'csrf token': csrfToken,
      'device cookie': deviceCookie,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThanOrEqual(6);
      for (const spelling of spellings(secret)) expect(output.includes(spelling), `${name} (${spelling}) is in the log`).toBe(false);
    }
    // Token prefixes too: a truncated token is still a lead.
    for (const token of [firstToken, secondToken, sessionCookie, csrfToken]) expect(output).not.toContain(token.slice(0, 16));
    // Nor the stored forms of the password.
    expect(output).not.toMatch(/\$argon2(id|i|d)\$/);
    // Nor the headers that carry credentials, whatever a future serializer logs.
    expect(output).not.toMatch(/"authorization"\s*:\s*"(?!\[redacted\])/i);
    expect(output).not.toMatch(/"cookie"\s*:\s*"(?!\[redacted\])/i);
    expect(output).not.toMatch(/"set-cookie"\s*:\s*(?!"\[redacted\]")/i);
    expect(output).not.toMatch(/"x-csrf-token"\s*:\s*"(?!\[redacted\])/i);
    // Query strings are dropped from logged URLs.
    expect(output).not.toContain('access_token');
  });

  it('the redaction would catch the secrets if they were logged (the check can fail)', async () => {
    const log = memoryLogger();
    log.logger.info({ secret: FIRST_PASSWORD, req: { method: 'GET', url: `/x?token=${FIRST_PASSWORD}`, headers: { authorization: 'Bearer abc' } } }, 'probe');
    const output = log.text();
    // The serializer drops the query and headers; a plain field is not protected, which is why the
    // app must never log bodies.
    expect(output).toContain('probe');
    expect(output).not.toContain('token=');
    expect(output).not.toContain('Bearer abc');
    expect(spellings(FIRST_PASSWORD).some((s) => output.includes(s))).toBe(true);
  });
});
