/**
 * A paused login (second factor, device confirmation) re-runs the checks that can change meanwhile
 * (freeze, region, maintenance, a password reset or change) for the request that resumes it, with
 * the answers of a fresh login;
 * sessions of frozen accounts end; region hopping reads the live policy; support hints.
 */
import { expect, it } from 'vitest';
import { generateTotp } from '../src/twofactor/totp.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, post, registerVerified, resetLink, staffSession, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';

const IPS = { NONE: '10.0.0.5', US: '203.0.113.7', DE: '192.0.2.10', FR: '192.0.2.70', JP: '192.0.2.130' };
const geo = { overrides: { '203.0.113.0/24': 'US', '192.0.2.0/26': 'DE', '192.0.2.64/26': 'FR', '192.0.2.128/26': 'JP' } };

function from(h: Harness, ip: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: payload === undefined ? 'GET' : 'POST',
    url,
    remoteAddress: ip,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function setKyc(h: Harness, email: string, country: string) {
  return h.deps.db.updateTable('accounts').set({ kyc_country: country }).where('email', '=', email).returning(['id']).executeTakeFirstOrThrow();
}

describeEachBackend('paused logins re-check what can change', (backend) => {
  it('refuses a second factor answered from a region the policy denies, as a fresh login from there would be', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'kyc-de@example.com');
    await setKyc(h, 'kyc-de@example.com', 'DE');
    const { secret } = await enableTotp(h, 'kyc-de@example.com');
    // the password from an address without a country, the code from a US address
    const started = json(await from(h, IPS.NONE, '/api/v1/auth/login', { email: 'kyc-de@example.com', password: GOOD_PASSWORD }));
    expect(started.status).toBe('2fa_required');
    const resumed = await from(h, IPS.US, '/api/v1/auth/login/2fa', {
      challengeId: started.challenge.id,
      method: 'totp',
      code: generateTotp(secret, h.clock.nowMs()),
    });
    expect(resumed.statusCode).toBe(403);
    expect(json(resumed)).toMatchObject({ code: 4001, reason: 'region_blocked', details: { ipCountry: 'US' } });
    const fresh = json(await from(h, IPS.US, '/api/v1/auth/login', { email: 'kyc-de@example.com', password: GOOD_PASSWORD }));
    expect(fresh).toMatchObject({ code: 4001, reason: 'region_blocked' });
    // the code was not spent on the refused attempt: it still works from an allowed address
    const again = json(await from(h, IPS.DE, '/api/v1/auth/login', { email: 'kyc-de@example.com', password: GOOD_PASSWORD }));
    expect(
      (await from(h, IPS.DE, '/api/v1/auth/login/2fa', { challengeId: again.challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) }))
        .statusCode,
    ).toBe(200);
  });

  it('ends a login paused at the second factor when the password is reset meanwhile, as the reset ends every session', async () => {
    const h = await createHarness(backend, { geo });
    const email = 'reset-wins@example.com';
    await registerVerified(h, email);
    const { secret } = await enableTotp(h, email);
    // someone with the old password gets as far as the second factor
    const intruder = json(await from(h, IPS.NONE, '/api/v1/auth/login', { email, password: GOOD_PASSWORD, deviceId: 'intruder-laptop-01' }));
    expect(intruder.status).toBe('2fa_required');
    h.clock.advanceSeconds(40);
    await post(h, '/api/v1/auth/password/forgot', { email });
    const token = await resetLink(h, email);
    const reset = await post(h, '/api/v1/auth/password/reset', {
      token,
      newPassword: 'owner new passphrase 77',
      twoFactorCode: generateTotp(secret, h.clock.nowMs()),
    });
    expect(json(reset)).toEqual({ status: 'password_reset' });
    h.clock.advanceSeconds(40);
    const resumed = await from(h, IPS.NONE, '/api/v1/auth/login/2fa', {
      challengeId: intruder.challenge.id,
      method: 'totp',
      code: generateTotp(secret, h.clock.nowMs()),
    });
    expect(json(resumed)).toMatchObject({ code: 4003, reason: 'challenge_expired' });
    // the owner signs in with the new password as usual
    h.clock.advanceSeconds(30);
    const owner = json(await from(h, IPS.NONE, '/api/v1/auth/login', { email, password: 'owner new passphrase 77', deviceId: 'owner-phone-01' }));
    const code = generateTotp(secret, h.clock.nowMs());
    expect((await from(h, IPS.NONE, '/api/v1/auth/login/2fa', { challengeId: owner.challenge.id, method: 'totp', code })).statusCode).toBe(200);
  });

  it('answers 4002 with its reason when the account was frozen while the login waited, at the second factor and at device confirmation', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'paused@example.com');
    const { secret } = await enableTotp(h, 'paused@example.com');
    const staff = await staffSession(h, 'ops@example.com', 'support');
    const { id } = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', 'paused@example.com').executeTakeFirstOrThrow();

    const waiting = json(await from(h, IPS.DE, '/api/v1/auth/login', { email: 'paused@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' }));
    await post(h, `/api/v1/admin/accounts/${id}/freeze`, { reason: 'fraud report' }, bearer(staff.token));
    const atSecondFactor = json(
      await from(h, IPS.DE, '/api/v1/auth/login/2fa', { challengeId: waiting.challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) }),
    );
    expect(atSecondFactor).toMatchObject({ code: 4002, reason: 'staff', details: { freezeType: 'staff', ticketHint: '/support/new?category=account_frozen' } });
    await post(h, `/api/v1/admin/accounts/${id}/unfreeze`, { reason: 'checked', identityVerified: true }, bearer(staff.token));

    // a new device from a new country asks for an emailed approval; the account is frozen before it is used
    h.clock.advanceSeconds(60);
    const ok = json(await from(h, IPS.DE, '/api/v1/auth/login', { email: 'paused@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' }));
    expect(
      (await from(h, IPS.DE, '/api/v1/auth/login/2fa', { challengeId: ok.challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) }))
        .statusCode,
    ).toBe(200);
    const paused = json(await from(h, IPS.FR, '/api/v1/auth/login', { email: 'paused@example.com', password: GOOD_PASSWORD, deviceId: 'laptop-install-77' }));
    expect(paused.status).toBe('device_confirmation_required');
    const mail = json(await get(h, '/api/v1/dev/outbox?to=paused@example.com')).find(
      (m: { subject: string }) => m.subject === 'Approve a sign-in from a new device',
    );
    const token = /confirm-device\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect((await post(h, '/api/v1/auth/login/confirm-device', { token })).statusCode).toBe(200);
    await post(h, '/api/v1/account/disable-link', { token: await disableTokenFromLatestNotice(h, 'paused@example.com') });
    const polled = json(await from(h, IPS.FR, `/api/v1/auth/login/challenge/${paused.challenge.id}`));
    expect(polled).toMatchObject({ code: 4002, reason: 'self', details: { freezeType: 'self' } });
  });

  it('re-checks the region at device confirmation for the polling address', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'travel@example.com');
    await setKyc(h, 'travel@example.com', 'DE');
    expect(
      json(await from(h, IPS.DE, '/api/v1/auth/login', { email: 'travel@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' })).status,
    ).toBe('ok');
    const paused = json(await from(h, IPS.FR, '/api/v1/auth/login', { email: 'travel@example.com', password: GOOD_PASSWORD, deviceId: 'laptop-install-77' }));
    expect(paused.status).toBe('device_confirmation_required');
    const mail = json(await get(h, '/api/v1/dev/outbox?to=travel@example.com')).find(
      (m: { subject: string }) => m.subject === 'Approve a sign-in from a new device',
    );
    await post(h, '/api/v1/auth/login/confirm-device', { token: /confirm-device\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]! });
    expect(json(await from(h, IPS.US, `/api/v1/auth/login/challenge/${paused.challenge.id}`))).toMatchObject({ code: 4001, reason: 'region_blocked' });
  });

  it('ends a session of a frozen account on its next request, even one the freeze did not reach', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'race@example.com');
    const token = json(await post(h, '/api/v1/auth/login', { email: 'race@example.com', password: GOOD_PASSWORD })).session.token;
    // a login that finished between the freeze flag and the end of the account's sessions
    await h.deps.db.updateTable('accounts').set({ frozen_type: 'risk', frozen_at: h.clock.nowMs() }).where('email', '=', 'race@example.com').execute();
    expect(json(await get(h, '/api/v1/account', bearer(token)))).toMatchObject({ code: 4002, reason: 'risk' });
    await h.deps.db.updateTable('accounts').set({ frozen_type: null, frozen_at: null }).where('email', '=', 'race@example.com').execute();
    expect(json(await get(h, '/api/v1/account', bearer(token))).code).toBe(4011);
  });

  it('reads region hopping from the live policy: a stored maxCountries of 1 refuses a second country like the file setting does', async () => {
    const hopping = { maxCountries: 1, windowSeconds: 3600, cooldownSeconds: 3600 };
    const fromFile = await createHarness(backend, { geo, regionPolicy: { ...(await import('../src/region/policy.js')).DEFAULT_REGION_POLICY, hopping } });
    const fromAdmin = await createHarness(backend, { geo });
    const admin = await staffSession(fromAdmin, 'admin@example.com', 'admin');
    const stored = json(await get(fromAdmin, '/api/v1/admin/region-policy', bearer(admin.token)));
    expect(
      (await fromAdmin.app.inject({ method: 'PUT', url: '/api/v1/admin/region-policy', headers: bearer(admin.token), payload: { ...stored, hopping } }))
        .statusCode,
    ).toBe(200);
    for (const h of [fromFile, fromAdmin]) {
      await registerVerified(h, 'hop@example.com');
      expect(
        json(await from(h, IPS.DE, '/api/v1/auth/login', { email: 'hop@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' })).status,
      ).toBe('ok');
      h.clock.advanceSeconds(300);
      const second = json(await from(h, IPS.FR, '/api/v1/auth/login', { email: 'hop@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' }));
      expect(second).toMatchObject({ code: 4001, reason: 'region_hopping', details: { ipCountry: 'FR' } });
    }
  });

  it('tells the owner about a first sign-in from a new country on a known device', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'abroad@example.com');
    expect(
      json(await from(h, IPS.DE, '/api/v1/auth/login', { email: 'abroad@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' })).status,
    ).toBe('ok');
    h.clock.advanceSeconds(3600 * 3);
    expect(
      json(await from(h, IPS.JP, '/api/v1/auth/login', { email: 'abroad@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' })).status,
    ).toBe('ok');
    const mails = json(await get(h, '/api/v1/dev/outbox?to=abroad@example.com'));
    expect(mails[0]).toMatchObject({ subject: 'Sign-in from a new country' });
    expect(mails[0].text).toContain('JP');
    expect(mails[0].text).toContain(IPS.JP);
  });

  it('suggests support when the same error repeats for the account and device for over a day, never before the password is proven', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'stuck@example.com');
    const token = json(await post(h, '/api/v1/auth/login', { email: 'stuck@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' })).session
      .token;
    await post(h, '/api/v1/account/disable', { password: GOOD_PASSWORD }, bearer(token));
    h.clock.advanceSeconds(60);
    const attempt = () => post(h, '/api/v1/auth/login', { email: 'stuck@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' });
    const wrong = () => post(h, '/api/v1/auth/login', { email: 'stuck@example.com', password: 'not the password', deviceId: 'phone-install-001' });
    expect(json(await attempt()).details.supportSuggested).toBeUndefined();
    expect(json(await wrong()).details.supportSuggested).toBeUndefined();
    h.clock.advanceSeconds(25 * 3600);
    expect(json(await attempt())).toMatchObject({ code: 4002, details: { supportSuggested: true, ticketHint: '/support/new?category=account_frozen' } });
    expect(json(await wrong()).details).toEqual({});
    // another device has no such history
    expect(
      json(await post(h, '/api/v1/auth/login', { email: 'stuck@example.com', password: GOOD_PASSWORD, deviceId: 'other-install-002' })).details
        .supportSuggested,
    ).toBeUndefined();
  });

  it('points a repeating regional refusal at a region-change ticket', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'moved@example.com');
    await setKyc(h, 'moved@example.com', 'DE');
    const attempt = () => from(h, IPS.US, '/api/v1/auth/login', { email: 'moved@example.com', password: GOOD_PASSWORD, deviceId: 'phone-install-001' });
    expect(json(await attempt()).details.supportSuggested).toBeUndefined();
    h.clock.advanceSeconds(25 * 3600);
    expect(json(await attempt())).toMatchObject({
      code: 4001,
      reason: 'region_blocked',
      details: { supportSuggested: true, ticketHint: '/support/new?category=region_change&code=4001' },
    });
  });
});

async function disableTokenFromLatestNotice(h: Harness, email: string): Promise<string> {
  const mails = json(await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`)) as Array<{ text: string }>;
  for (const mail of mails) {
    const match = /disable-account\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    if (match) return match[1]!;
  }
  throw new Error('no security notice with a disable link');
}
