/** 4002 self: disabling ends sessions at once, from the security center or from a notice's link. */
import { expect, it } from 'vitest';
import { createMaintenanceService } from '../src/maintenance/service.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, login, loginToken, post, registerVerified, type Harness } from './support/harness.js';

/** Changes the password to 'brand new passphrase'; returns the disable token of the notice that follows. */
async function changePasswordForNotice(h: Harness, email: string, session: string): Promise<string> {
  await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'brand new passphrase' }, bearer(session));
  const notice = json(await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`)).find(
    (m: { subject: string }) => m.subject === 'Your Gatehouse password was changed',
  );
  expect(notice.text).toContain('/disable-account?token=');
  return /"token": "([^"]+)"/.exec(notice.text)![1]!;
}

describeEachBackend('disable account', (backend) => {
  it('ends an active session immediately; the next login with the right password gets 4002 self', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'dis@example.com');
    const token = await loginToken(h, 'dis@example.com');
    const other = await loginToken(h, 'dis@example.com');
    expect(json(await post(h, '/api/v1/account/disable', { password: 'wrong password here' }, bearer(token))).code).toBe(4000);
    expect(json(await post(h, '/api/v1/account/disable', { password: GOOD_PASSWORD }, bearer(token)))).toEqual({ status: 'disabled' });
    for (const t of [token, other]) expect((await get(h, '/api/v1/account', bearer(t))).statusCode).toBe(401);
    const refused = await login(h, 'dis@example.com');
    expect(refused.statusCode).toBe(403);
    expect(json(refused)).toMatchObject({ code: 4002, reason: 'self', details: { freezeType: 'self' } });
    expect(json(await login(h, 'dis@example.com', 'wrong password here')).code).toBe(4000);
  });

  it('works from the one-click link in a security notice, once, without signing in', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'link@example.com');
    const token = await loginToken(h, 'link@example.com');
    const link = await changePasswordForNotice(h, 'link@example.com', token);
    expect(json(await post(h, '/api/v1/account/disable-link', { token: link }))).toEqual({ status: 'disabled' });
    expect(json(await post(h, '/api/v1/account/disable-link', { token: link })).code).toBe(4014);
    expect((await get(h, '/api/v1/account', bearer(token))).statusCode).toBe(401);
    expect(json(await login(h, 'link@example.com', 'brand new passphrase')).code).toBe(4002);
  });

  it('works from the link during maintenance too: the owner’s emergency brake is never switched off', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'brake@example.com');
    const token = await loginToken(h, 'brake@example.com');
    const link = await changePasswordForNotice(h, 'brake@example.com', token);
    await createMaintenanceService(h.deps).set({ enabled: true, message: null, untilMs: null });
    h.clock.advanceSeconds(2);
    expect(json(await get(h, '/api/v1/account', bearer(token))).code).toBe(1100);
    expect(json(await post(h, '/api/v1/account/disable-link', { token: link }))).toEqual({ status: 'disabled' });
    await createMaintenanceService(h.deps).set({ enabled: false, message: null, untilMs: null });
    h.clock.advanceSeconds(2);
    expect(json(await login(h, 'brake@example.com', 'brand new passphrase'))).toMatchObject({ code: 4002, reason: 'self' });
  });
});
