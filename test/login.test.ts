import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, latestCode, login, loginToken, post, registerVerified, staffSession } from './support/harness.js';

/** The body without the per-request id, for "identical apart from requestId" comparisons. */
function withoutRequestId(body: string) {
  const parsed = JSON.parse(body);
  delete parsed.requestId;
  return parsed;
}

describeEachBackend('password login', (backend) => {
  it('returns a session whose token carries at least 128 random bits, new on every login', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'ann@example.com');
    const first = await login(h, 'ann@example.com', GOOD_PASSWORD, { deviceId: 'device-ann-1' });
    expect(first.statusCode).toBe(200);
    const body = json(first);
    expect(body).toMatchObject({ status: 'ok', restrictions: [] });
    expect(body.session.expiresAt).toBe(new Date(h.clock.nowMs() + 24 * 3600 * 1000).toISOString());
    const token: string = body.session.token;
    expect(Buffer.from(token.replace(/^gh_/, ''), 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(first.headers['cache-control']).toBe('no-store');
    const second = json(await login(h, 'ann@example.com', GOOD_PASSWORD, { deviceId: 'device-ann-1' }));
    expect(second.session.token).not.toBe(token);
    // the token is not stored in the clear
    const rows = await h.deps.db.selectFrom('sessions').select(['token_hash']).execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('answers a wrong password and an unknown email with identical 4000 responses', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'ben@example.com');
    const wrong = await login(h, 'ben@example.com', 'not the password at all');
    const unknown = await login(h, 'nobody@example.com', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(unknown.body));
    expect(withoutRequestId(wrong.body)).toMatchObject({ code: 4000, help: '/help/errors/4000', details: {} });
    expect(Object.keys(wrong.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
  });

  it('tells a caller who typed the previous password that it was changed (old_password)', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'cat@example.com');
    const token = await loginToken(h, 'cat@example.com');
    h.clock.advanceSeconds(60);
    const changed = await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'a brand new passphrase' }, bearer(token));
    expect(changed.statusCode).toBe(200);
    const old = json(await login(h, 'cat@example.com', GOOD_PASSWORD));
    expect(old).toMatchObject({ code: 4000, reason: 'old_password', details: { changedAt: new Date(h.clock.nowMs()).toISOString() } });
    const random = json(await login(h, 'cat@example.com', 'some random guess here'));
    expect(random.reason).toBeUndefined();
    expect((await login(h, 'cat@example.com', 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('reveals an unverified email (4019) only to the holder of the password', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'dee@example.com', password: GOOD_PASSWORD });
    expect(json(await login(h, 'dee@example.com', 'wrong password guess'))).toMatchObject({ code: 4000 });
    const unverified = await login(h, 'dee@example.com');
    expect(unverified.statusCode).toBe(403);
    expect(json(unverified)).toMatchObject({ code: 4019 });
  });

  it('reveals a frozen account (4002 with freezeType) only after the correct password', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'eve@example.com');
    await h.deps.db.updateTable('accounts').set({ frozen_type: 'self', frozen_at: h.clock.nowMs() }).where('email', '=', 'eve@example.com').execute();
    expect(json(await login(h, 'eve@example.com', 'wrong password guess'))).toMatchObject({ code: 4000 });
    const frozen = await login(h, 'eve@example.com');
    expect(frozen.statusCode).toBe(403);
    expect(json(frozen)).toMatchObject({ code: 4002, reason: 'self', details: { freezeType: 'self' } });
  });

  it('admits only staff through the staff door, and non-staff look like a wrong password', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'user@example.com');
    const notStaff = await post(h, '/api/v1/admin/login', { email: 'user@example.com', password: GOOD_PASSWORD });
    const unknown = await post(h, '/api/v1/admin/login', { email: 'ghost@example.com', password: GOOD_PASSWORD });
    expect(withoutRequestId(notStaff.body)).toEqual(withoutRequestId(unknown.body));
    expect(json(notStaff).code).toBe(4000);
    // a staff role without TOTP is refused: staff must have an authenticator
    await h.deps.db.updateTable('accounts').set({ roles: 'admin' }).where('email', '=', 'user@example.com').execute();
    const noTotp = await post(h, '/api/v1/admin/login', { email: 'user@example.com', password: GOOD_PASSWORD });
    expect(json(noTotp)).toMatchObject({ code: 4012, reason: 'staff_totp_required' });
    // staff with TOTP get the second-factor step, then a staff session that is not a user session
    const { token } = await staffSession(h, 'boss@example.com', 'admin');
    expect(json(await get(h, '/api/v1/account', bearer(token)))).toMatchObject({ code: 4012 });
    expect(json(await get(h, '/api/v1/auth/session', bearer(token))).session.kind).toBe('staff');
  });

  it('records every attempt on a known account in its history, newest first, with device and flags', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'fay@example.com');
    const chrome = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' };
    await post(h, '/api/v1/auth/login', { email: 'fay@example.com', password: 'wrong password one', deviceId: 'fay-laptop-01' }, chrome);
    h.clock.advanceSeconds(5);
    const ok = await post(h, '/api/v1/auth/login', { email: 'fay@example.com', password: GOOD_PASSWORD, deviceId: 'fay-laptop-01' }, chrome);
    const token = json(ok).session.token;
    h.clock.advanceSeconds(5);
    await post(h, '/api/v1/auth/login', { email: 'fay@example.com', password: GOOD_PASSWORD, deviceId: 'fay-laptop-01' }, chrome);
    await login(h, 'nobody@example.com', 'wrong password one'); // unknown accounts write nothing

    const history = json(await get(h, '/api/v1/account/login-history', bearer(token)));
    expect(history.items).toHaveLength(3);
    expect(history.nextCursor).toBeNull();
    const [latest, success, failure] = history.items;
    expect(failure).toMatchObject({ ip: '127.0.0.1', country: null, result: { code: 4000, reason: null }, flags: ['new_device'] });
    expect(failure.device).toEqual({ id: null, name: 'Chrome on macOS' });
    expect(success).toMatchObject({ result: null, flags: ['new_device'], device: { name: 'Chrome on macOS' } });
    expect(latest).toMatchObject({ result: null, flags: [] });
    expect(latest.device.id).toBe(success.device.id);
    expect(Date.parse(latest.at)).toBeGreaterThan(Date.parse(success.at));

    const devices = json(await get(h, '/api/v1/account/devices', bearer(token)));
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id: success.device.id, name: 'Chrome on macOS', lastIp: '127.0.0.1', current: true, trusted: false });
  });

  it('pages login history with a cursor', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'gus@example.com');
    for (let i = 0; i < 5; i++) {
      await login(h, 'gus@example.com', `wrong password ${i}`);
      h.clock.advanceSeconds(1);
    }
    const token = await loginToken(h, 'gus@example.com');
    const first = json(await get(h, '/api/v1/account/login-history?limit=4', bearer(token)));
    expect(first.items).toHaveLength(4);
    expect(first.items[0].result).toBeNull();
    const second = json(await get(h, `/api/v1/account/login-history?limit=4&cursor=${first.nextCursor}`, bearer(token)));
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((i: { at: string }) => Date.parse(i.at));
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });

  it('names devices from the body when given, and keeps one device per deviceId', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'hal@example.com');
    const token = await loginToken(h, 'hal@example.com', GOOD_PASSWORD, { deviceId: 'hal-phone-0001', deviceName: "Hal's iPhone" });
    await loginToken(h, 'hal@example.com', GOOD_PASSWORD, { deviceId: 'hal-phone-0001', deviceName: "Hal's iPhone" });
    await loginToken(h, 'hal@example.com', GOOD_PASSWORD, { deviceId: 'hal-tablet-01' });
    const devices = json(await get(h, '/api/v1/account/devices', bearer(token)));
    // without a deviceName the User-Agent names it (inject's UA is "lightMyRequest")
    expect(devices.map((d: { name: string }) => d.name).sort()).toEqual(["Hal's iPhone", 'lightMyRequest']);
    expect(devices.filter((d: { current: boolean }) => d.current)).toHaveLength(1);
  });

  it('verifies the code for the right address only', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'ivy@example.com', password: GOOD_PASSWORD });
    await post(h, '/api/v1/auth/register', { email: 'jon@example.com', password: GOOD_PASSWORD });
    const ivyCode = await latestCode(h, 'ivy@example.com');
    expect(json(await post(h, '/api/v1/auth/register/verify', { email: 'jon@example.com', code: ivyCode })).code).toBe(4014);
  });
});
