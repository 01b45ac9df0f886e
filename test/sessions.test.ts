import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, login, loginToken, post, registerVerified } from './support/harness.js';

function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(list.map((c) => [c.split('=')[0]!, c]));
}

function cookieValue(header: string): string {
  return header.split(';')[0]!.split('=').slice(1).join('=');
}

describeEachBackend('sessions', (backend) => {
  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'idle@example.com');
    const idle = await loginToken(h, 'idle@example.com');
    const active = await loginToken(h, 'idle@example.com');
    for (let i = 0; i < 3; i++) {
      h.clock.advanceSeconds(20 * 60);
      expect((await get(h, '/api/v1/auth/session', bearer(active))).statusCode).toBe(200);
    }
    const expired = await get(h, '/api/v1/auth/session', bearer(idle));
    expect(expired.statusCode).toBe(401);
    expect(json(expired).code).toBe(4011);
  });

  it('ends every session at the 24-hour absolute limit however active', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'abs@example.com');
    const token = await loginToken(h, 'abs@example.com');
    for (let i = 0; i < 95; i++) {
      h.clock.advanceSeconds(15 * 60);
      expect((await get(h, '/api/v1/auth/session', bearer(token))).statusCode).toBe(200);
    }
    h.clock.advanceSeconds(15 * 60);
    expect((await get(h, '/api/v1/auth/session', bearer(token))).statusCode).toBe(401);
  });

  it('logout ends the session server-side', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'out@example.com');
    const token = await loginToken(h, 'out@example.com');
    const session = json(await get(h, '/api/v1/auth/session', bearer(token)));
    expect(session).toMatchObject({ account: { email: 'out@example.com', roles: [] }, session: { kind: 'user' }, restrictions: [] });
    const out = await post(h, '/api/v1/auth/logout', {}, bearer(token));
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    expect((await get(h, '/api/v1/auth/session', bearer(token))).statusCode).toBe(401);
    expect((await post(h, '/api/v1/auth/logout', {}, bearer(token))).statusCode).toBe(401);
  });

  it('a password change ends the other sessions but keeps the current one', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'pw@example.com');
    const current = await loginToken(h, 'pw@example.com');
    const other = await loginToken(h, 'pw@example.com');
    const changed = await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'fresh passphrase here' }, bearer(current));
    expect(changed.statusCode).toBe(200);
    expect((await get(h, '/api/v1/auth/session', bearer(current))).statusCode).toBe(200);
    expect((await get(h, '/api/v1/auth/session', bearer(other))).statusCode).toBe(401);
    const account = json(await get(h, '/api/v1/account', bearer(current)));
    expect(account.securityHoldUntil).toBe(new Date(h.clock.nowMs() + 24 * 3600 * 1000).toISOString());
    const mail = json(await get(h, '/api/v1/dev/outbox?to=pw@example.com'));
    expect(mail[0].subject).toBe('Your Gatehouse password was changed');
  });

  it('refuses a password change with the wrong current password, the same password, or a weak one', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'pw2@example.com');
    const token = await loginToken(h, 'pw2@example.com');
    const wrong = await post(h, '/api/v1/account/password', { currentPassword: 'not my password', newPassword: 'fresh passphrase here' }, bearer(token));
    expect(json(wrong).code).toBe(4000);
    const same = await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: GOOD_PASSWORD }, bearer(token));
    expect(json(same)).toMatchObject({ code: 4018, reason: 'same_as_old' });
    const weak = await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'password1' }, bearer(token));
    expect(json(weak)).toMatchObject({ code: 4018, reason: 'common' });
    expect((await login(h, 'pw2@example.com')).statusCode).toBe(200);
  });

  it('web clients get an HttpOnly SameSite=Strict cookie, no token in the body, and need the CSRF header to change state', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'web@example.com');
    const response = await login(h, 'web@example.com', GOOD_PASSWORD, {}, { 'x-session-transport': 'cookie' });
    expect(response.statusCode).toBe(200);
    expect(json(response).session.token).toBeUndefined();
    const cookies = cookiesOf(response.headers['set-cookie']);
    expect(cookies.gh_session).toMatch(/HttpOnly/);
    expect(cookies.gh_session).toMatch(/SameSite=Strict/);
    expect(cookies.gh_session).not.toMatch(/Secure/); // plain http on localhost
    expect(cookies.gh_csrf).not.toMatch(/HttpOnly/);
    expect(cookies.gh_device).toMatch(/HttpOnly/);
    const session = cookieValue(cookies.gh_session!);
    const csrf = cookieValue(cookies.gh_csrf!);
    const cookie = `gh_session=${session}; gh_csrf=${csrf}`;

    expect((await get(h, '/api/v1/account', { cookie })).statusCode).toBe(200);
    const forged = await post(h, '/api/v1/auth/logout', {}, { cookie });
    expect(forged.statusCode).toBe(403);
    expect(json(forged)).toMatchObject({ code: 4012 });
    const wrongToken = await post(h, '/api/v1/auth/logout', {}, { cookie, 'x-csrf-token': `${csrf.slice(0, -2)}xx` });
    expect(wrongToken.statusCode).toBe(403);
    expect((await get(h, '/api/v1/account', { cookie })).statusCode).toBe(200);
    const out = await post(h, '/api/v1/auth/logout', {}, { cookie, 'x-csrf-token': csrf });
    expect(out.statusCode).toBe(204);
    expect((await get(h, '/api/v1/account', { cookie })).statusCode).toBe(401);
  });

  it('sets Secure cookies when not on plain-http localhost', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'sec@example.com');
    const response = await login(h, 'sec@example.com', GOOD_PASSWORD, {}, { 'x-session-transport': 'cookie', host: 'login.example.com' });
    const cookies = cookiesOf(response.headers['set-cookie']);
    expect(cookies.gh_session).toMatch(/Secure/);
    expect(cookies.gh_csrf).toMatch(/Secure/);
  });

  it('keeps the web device cookie across logins so the device is recognised', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'dev@example.com');
    const first = await login(h, 'dev@example.com', GOOD_PASSWORD, {}, { 'x-session-transport': 'cookie' });
    const device = cookiesOf(first.headers['set-cookie']).gh_device!.split(';')[0]!;
    const second = await login(h, 'dev@example.com', GOOD_PASSWORD, {}, { 'x-session-transport': 'cookie', cookie: device });
    expect(cookiesOf(second.headers['set-cookie']).gh_device).toBeUndefined();
    const token = await loginToken(h, 'dev@example.com', GOOD_PASSWORD, { deviceId: 'api-client-0001' });
    const history = json(await get(h, '/api/v1/account/login-history', bearer(token))).items;
    expect(history.map((i: { flags: string[] }) => i.flags)).toEqual([['new_device'], [], ['new_device']]);
  });

  it('answers 4011 for missing, malformed and unknown tokens', async () => {
    const h = await createHarness(backend);
    for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Basic abc' }, bearer(`gh_${'A'.repeat(43)}`), bearer('x'.repeat(5000))]) {
      const response = await get(h, '/api/v1/account', headers);
      expect(response.statusCode).toBe(401);
      expect(json(response).code).toBe(4011);
    }
  });
});
