/**
 * The per-account ceiling: a distributed attack (one failure from each of many IPs) never locks the
 * owner out; it makes sign-ins from new devices wait for an emailed approval.
 */
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { sqliteBackend } from './support/backends.js';
import { describeEachStore } from './support/limit-stores.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, post, registerVerified, type Harness } from './support/harness.js';

function attempt(h: Harness, password: string, ip: string, deviceId: string) {
  return h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email: 'target@example.com', password, deviceId } });
}

async function confirmationToken(h: Harness): Promise<string> {
  const mails = json(await get(h, '/api/v1/dev/outbox?to=target@example.com'));
  const mail = mails.find((m: { subject: string }) => m.subject === 'Approve a sign-in from a new device');
  return /"token": "([^"]+)"/.exec(mail.text)![1]!;
}

describeEachStore('account-wide failure ceiling', (store) => {
  it('after 100 failures from 100 IPs, the owner still signs in on a known device; a new device needs the mailed approval', async () => {
    const h = await createHarness(sqliteBackend(), { limits: DEFAULT_CONFIG.limits }, store.redisUrl ? { redisUrl: store.redisUrl } : {});
    await registerVerified(h, 'target@example.com');
    expect((await attempt(h, GOOD_PASSWORD, '198.51.100.1', 'owner-phone-001')).statusCode).toBe(200);

    for (let i = 0; i < 100; i++) {
      const response = await attempt(h, `guess number ${i}`, `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, `bot-${i}-device`);
      expect(json(response).code).toBe(4000);
    }

    // the owner's known device is not locked out
    expect(json(await attempt(h, GOOD_PASSWORD, '198.51.100.1', 'owner-phone-001')).status).toBe('ok');

    // a new device with the correct password is paused for email approval
    const paused = await attempt(h, GOOD_PASSWORD, '198.51.100.2', 'owner-laptop-01');
    expect(paused.statusCode).toBe(200);
    const { challenge } = json(paused);
    expect(json(paused).status).toBe('device_confirmation_required');
    expect(json(paused).session).toBeUndefined();
    expect(json(await get(h, `/api/v1/auth/login/challenge/${challenge.id}`))).toEqual({ status: 'pending' });

    const token = await confirmationToken(h);
    expect(json(await post(h, '/api/v1/auth/login/confirm-device', { token }))).toEqual({ status: 'confirmed' });
    expect(json(await post(h, '/api/v1/auth/login/confirm-device', { token })).code).toBe(4014);

    const done = json(await get(h, `/api/v1/auth/login/challenge/${challenge.id}`));
    expect(done.status).toBe('ok');
    expect((await get(h, '/api/v1/account', bearer(done.session.token))).statusCode).toBe(200);
    // the session is handed out once
    expect(json(await get(h, `/api/v1/auth/login/challenge/${challenge.id}`)).code).toBe(4014);

    const history = json(await get(h, '/api/v1/account/login-history?limit=1', bearer(done.session.token)));
    expect(history.items[0].flags).toEqual(['new_device', 'device_confirmed']);
    // once approved, that device signs in directly
    expect(json(await attempt(h, GOOD_PASSWORD, '198.51.100.2', 'owner-laptop-01')).status).toBe('ok');
  });

  it('a wrong password on a paused account still answers 4000 and the challenge expires after 15 minutes', async () => {
    const h = await createHarness(
      sqliteBackend(),
      { limits: { ...DEFAULT_CONFIG.limits, account: { failures: 3, windowSeconds: 3600, confirmDevicesForSeconds: 86_400 } } },
      store.redisUrl ? { redisUrl: store.redisUrl } : {},
    );
    await registerVerified(h, 'target@example.com');
    for (let i = 0; i < 3; i++) await attempt(h, 'nope nope nope', `203.0.113.${i + 1}`, `bot-device-${i}`);
    expect(json(await attempt(h, 'nope nope nope', '203.0.113.9', 'bot-device-9')).code).toBe(4000);
    const paused = json(await attempt(h, GOOD_PASSWORD, '198.51.100.2', 'new-device-01'));
    expect(paused.status).toBe('device_confirmation_required');
    h.clock.advanceSeconds(15 * 60);
    const token = await confirmationToken(h);
    expect(json(await post(h, '/api/v1/auth/login/confirm-device', { token })).code).toBe(4014);
    expect(json(await get(h, `/api/v1/auth/login/challenge/${paused.challenge.id}`)).code).toBe(4014);
  });
});
