import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, get, json, login, post, registerVerified, staffSession, type Harness } from './support/harness.js';
import { generateTotp } from '../src/twofactor/totp.js';
import { createMaintenanceService } from '../src/maintenance/service.js';

async function adminSession(h: Harness) {
  return staffSession(h, 'admin@example.com', 'admin');
}

describeEachBackend('maintenance mode', (backend) => {
  it('answers 1100 with Retry-After until the announced end, before any credential check', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'u@example.com');
    const until = h.clock.nowMs() + 30 * 60 * 1000;
    // as the CLI does it: straight into the shared settings, seen by the server within a second
    await createMaintenanceService(h.deps).set({ enabled: true, message: 'Database upgrade', untilMs: until });
    h.clock.advanceSeconds(2);

    const response = await login(h, 'u@example.com', 'wrong password anyway');
    expect(response.statusCode).toBe(503);
    const body = json(response);
    expect(body).toMatchObject({ code: 1100, retryAfter: 30 * 60 - 2, details: { until: new Date(until).toISOString(), message: 'Database upgrade' } });
    expect(response.headers['retry-after']).toBe(String(30 * 60 - 2));
    expect((await post(h, '/api/v1/auth/register', { email: 'x@example.com', password: 'whatever passphrase' })).statusCode).toBe(503);

    // probes, the catalog and the docs stay up
    expect((await get(h, '/health/live')).statusCode).toBe(200);
    expect((await get(h, '/api/v1/errors/1100')).statusCode).toBe(200);
  });

  it('is switched by an admin over the API, audited, and staff can still sign in', async () => {
    const h = await createHarness(backend);
    const staff = await adminSession(h);
    const token = staff.token;
    const on = await post(h, '/api/v1/admin/maintenance', { enabled: true, message: 'Back soon' }, bearer(token));
    expect(on.statusCode).toBe(200);
    const blocked = await login(h, 'admin@example.com');
    expect(json(blocked)).toMatchObject({ code: 1100, details: { until: null } });
    expect(json(blocked).retryAfter).toBeUndefined();
    // the whole staff sign-in, second factor included, works during maintenance
    const staffDoor = json(await post(h, '/api/v1/admin/login', { email: 'admin@example.com', password: 'correct horse battery staple' }));
    expect(staffDoor.status).toBe('2fa_required');
    h.clock.advanceSeconds(60);
    const code = generateTotp(staff.secret, h.clock.nowMs());
    expect(json(await post(h, '/api/v1/auth/login/2fa', { challengeId: staffDoor.challenge.id, method: 'totp', code })).code).toBe(1100);
    expect(json(await post(h, '/api/v1/admin/login/2fa', { challengeId: staffDoor.challenge.id, method: 'totp', code })).status).toBe('ok');

    const off = await post(h, '/api/v1/admin/maintenance', { enabled: false }, bearer(token));
    expect(off.statusCode).toBe(200);
    expect((await login(h, 'admin@example.com')).statusCode).toBe(200);
    const audit = await h.deps.db.selectFrom('audit_log').select(['action', 'actor_email']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'maintenance.on', actor_email: 'admin@example.com' },
      { action: 'maintenance.off', actor_email: 'admin@example.com' },
    ]);
  });

  it('refuses the switch to support staff and to users', async () => {
    const h = await createHarness(backend);
    const support = (await staffSession(h, 'sup@example.com', 'support')).token;
    const refused = await post(h, '/api/v1/admin/maintenance', { enabled: true }, bearer(support));
    expect(refused.statusCode).toBe(403);
    expect(json(refused).code).toBe(4012);
    await registerVerified(h, 'plain@example.com');
    const user = json(await login(h, 'plain@example.com')).session.token;
    // a valid user session at a staff endpoint lacks the permission: 4012, not "session expired"
    expect(json(await post(h, '/api/v1/admin/maintenance', { enabled: true }, bearer(user)))).toMatchObject({ code: 4012 });
  });
});
