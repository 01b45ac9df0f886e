/** 4001 region policy and hopping, risk-driven device confirmation and freezes, withdrawals (4015/4017/4002). */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, post, registerVerified, staffSession, type Harness } from './support/harness.js';
import { creditBalance } from '../src/wallet/store.js';

const IPS = { US: '203.0.113.7', CN: '198.51.100.7', DE: '192.0.2.10', FR: '192.0.2.70', JP: '192.0.2.130', BR: '192.0.2.200' };
const geo = {
  overrides: { '203.0.113.0/24': 'US', '198.51.100.0/24': 'CN', '192.0.2.0/26': 'DE', '192.0.2.64/26': 'FR', '192.0.2.128/26': 'JP', '192.0.2.192/26': 'BR' },
};

function loginFrom(h: Harness, email: string, ip: string, password = GOOD_PASSWORD, deviceId = 'phone-install-001') {
  return h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email, password, deviceId } });
}

function withdraw(h: Harness, token: string, ip: string, body: Record<string, unknown>) {
  return h.app.inject({ method: 'POST', url: '/api/v1/wallet/withdrawals', remoteAddress: ip, headers: bearer(token), payload: body });
}

async function setKyc(h: Harness, email: string, country: string) {
  return h.deps.db.updateTable('accounts').set({ kyc_country: country }).where('email', '=', email).returning(['id']).executeTakeFirstOrThrow();
}

describeEachBackend('region policy, risk and withdrawals', (backend) => {
  it('denies a US IP with non-US KYC (4001 region_blocked) only to the holder of the password', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'us@example.com');
    await setKyc(h, 'us@example.com', 'DE');
    expect(json(await loginFrom(h, 'us@example.com', IPS.US, 'not the password'))).toMatchObject({ code: 4000 });
    const blocked = await loginFrom(h, 'us@example.com', IPS.US);
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked)).toMatchObject({ code: 4001, reason: 'region_blocked', details: { ipCountry: 'US' } });
    expect(json(await loginFrom(h, 'us@example.com', IPS.DE)).status).toBe('ok');
  });

  it('lets a CN IP with CN KYC sign in with restrictions, and refuses withdrawals there (function_restricted)', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'cn@example.com');
    await setKyc(h, 'cn@example.com', 'CN');
    const ok = json(await loginFrom(h, 'cn@example.com', IPS.CN));
    expect(ok).toMatchObject({ status: 'ok', restrictions: ['withdraw', 'api_keys', 'trade'] });
    const refused = await withdraw(h, ok.session.token, IPS.CN, { asset: 'BTC', amount: '0.1', address: 'bc1qexampleaddress000', password: GOOD_PASSWORD });
    expect(json(refused)).toMatchObject({ code: 4001, reason: 'function_restricted', details: { ipCountry: 'CN', function: 'withdraw' } });
    const history = json(await get(h, '/api/v1/account/login-history', bearer(ok.session.token)));
    expect(history.items[0].country).toBe('CN');
    // the session and the account show the restrictions that apply where the caller is now
    const fromCn = await h.app.inject({ method: 'GET', url: '/api/v1/auth/session', remoteAddress: IPS.CN, headers: bearer(ok.session.token) });
    expect(json(fromCn).restrictions).toEqual(['withdraw', 'api_keys', 'trade']);
    const fromDe = await h.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: IPS.DE, headers: bearer(ok.session.token) });
    expect(json(fromDe).restrictions).toEqual([]);
  });

  it('answers region_hopping for a fourth country within an hour, then holds a cool-down', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'hop@example.com');
    for (const country of ['DE', 'FR', 'JP'] as const) {
      expect(json(await loginFrom(h, 'hop@example.com', IPS[country])).status, country).toBe('ok');
      h.clock.advanceSeconds(300);
    }
    expect(json(await loginFrom(h, 'hop@example.com', IPS.BR))).toMatchObject({ code: 4001, reason: 'region_hopping' });
    h.clock.advanceSeconds(600);
    expect(json(await loginFrom(h, 'hop@example.com', IPS.DE))).toMatchObject({ code: 4001, reason: 'region_hopping' });
    h.clock.advanceSeconds(3600);
    expect(json(await loginFrom(h, 'hop@example.com', IPS.DE)).status).toBe('ok');
  });

  it('asks a new device from a new country for email confirmation; the mailed link completes the login', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'trip@example.com');
    expect(json(await loginFrom(h, 'trip@example.com', IPS.DE)).status).toBe('ok');
    const paused = json(await loginFrom(h, 'trip@example.com', IPS.JP, GOOD_PASSWORD, 'new-laptop-0001'));
    expect(paused.status).toBe('device_confirmation_required');
    const mail = json(await get(h, '/api/v1/dev/outbox?to=trip@example.com')).find(
      (m: { subject: string }) => m.subject === 'Approve a sign-in from a new device',
    );
    const token = /"token": "([^"]+)"/.exec(mail.text)![1];
    await post(h, '/api/v1/auth/login/confirm-device', { token });
    const done = json(await get(h, `/api/v1/auth/login/challenge/${paused.challenge.id}`));
    expect(done.status).toBe('ok');
    const history = json(await get(h, '/api/v1/account/login-history?limit=1', bearer(done.session.token)));
    expect(history.items[0].flags).toEqual(expect.arrayContaining(['new_device', 'new_country', 'device_confirmed']));
  });

  it('freezes instead of paying out a withdrawal 20× the usual size; staff see the signals', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'big@example.com');
    const { id } = await setKyc(h, 'big@example.com', 'DE');
    await creditBalance(h.deps.db, id, 'BTC', 10n * 100_000_000n);
    const token = json(await loginFrom(h, 'big@example.com', IPS.DE)).session.token;
    for (let i = 0; i < 3; i++) {
      const ok = await withdraw(h, token, IPS.DE, { asset: 'BTC', amount: '0.01', address: 'bc1qexampleaddress000', password: GOOD_PASSWORD });
      expect(ok.statusCode).toBe(201);
      expect(json(ok)).toMatchObject({ status: 'pending' });
    }
    const big = await withdraw(h, token, IPS.DE, { asset: 'BTC', amount: '0.2', address: 'bc1qexampleaddress000', password: GOOD_PASSWORD });
    expect(json(big)).toMatchObject({ code: 4002, reason: 'risk', details: { freezeType: 'risk' } });
    expect((await get(h, '/api/v1/account', bearer(token))).statusCode).toBe(401);
    expect(json(await loginFrom(h, 'big@example.com', IPS.DE))).toMatchObject({ code: 4002, reason: 'risk' });

    const staff = await staffSession(h, 'ops@example.com', 'admin');
    const context = json(await get(h, `/api/v1/admin/accounts/${id}`, bearer(staff.token)));
    expect(context.account.frozen.type).toBe('risk');
    expect(context.riskDecisions[0]).toMatchObject({ context: 'withdrawal', action: 'freeze', signals: [{ rule: 'large_withdrawal' }] });
    expect(context.riskDecisions[0].signals[0].explanation).toContain('0.2 BTC');
    // a risk freeze is lifted only with an identity check, and the action is audited
    expect(
      json(await post(h, `/api/v1/admin/accounts/${id}/unfreeze`, { reason: 'called the owner', identityVerified: false }, bearer(staff.token))).code,
    ).toBe(4010);
    expect(
      (await post(h, `/api/v1/admin/accounts/${id}/unfreeze`, { reason: 'ID checked by video call', identityVerified: true }, bearer(staff.token))).statusCode,
    ).toBe(200);
    expect(json(await loginFrom(h, 'big@example.com', IPS.DE)).status).toBe('ok');
    const audit = json(await get(h, '/api/v1/admin/audit', bearer(staff.token)));
    expect(audit.items[0]).toMatchObject({ action: 'account.unfreeze', actor: 'ops@example.com' });
  });

  it('lets exactly one of 50 concurrent withdrawals through when the balance covers one', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'race@example.com');
    const { id } = await setKyc(h, 'race@example.com', 'DE');
    await creditBalance(h.deps.db, id, 'USDT', 100n * 100_000_000n);
    const token = json(await loginFrom(h, 'race@example.com', IPS.DE)).session.token;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => withdraw(h, token, IPS.DE, { asset: 'USDT', amount: '100', address: 'TXexampleaddress00000', password: GOOD_PASSWORD })),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode !== 201).every((r) => json(r).code === 4017)).toBe(true);
    expect(json(await get(h, '/api/v1/wallet/balances', bearer(token)))).toEqual([{ asset: 'USDT', available: '0', locked: '0' }]);
  });

  it('holds withdrawals for 24 h after a password change (4015) and needs the password without 2FA (4016)', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'hold@example.com');
    const { id } = await setKyc(h, 'hold@example.com', 'DE');
    await creditBalance(h.deps.db, id, 'ETH', 5n * 100_000_000n);
    const token = json(await loginFrom(h, 'hold@example.com', IPS.DE)).session.token;
    expect(json(await withdraw(h, token, IPS.DE, { asset: 'ETH', amount: '1', address: '0xexampleaddress0000' }))).toMatchObject({
      code: 4016,
      details: { needs: ['password'] },
    });
    expect(json(await withdraw(h, token, IPS.DE, { asset: 'ETH', amount: '9', address: '0xexampleaddress0000', password: GOOD_PASSWORD })).code).toBe(4017);
    await post(h, '/api/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'a changed passphrase' }, bearer(token));
    const held = json(await withdraw(h, token, IPS.DE, { asset: 'ETH', amount: '1', address: '0xexampleaddress0000', password: 'a changed passphrase' }));
    expect(held).toMatchObject({ code: 4015, details: { function: 'withdraw' } });
    h.clock.advanceSeconds(24 * 3600);
    const token2 = json(await loginFrom(h, 'hold@example.com', IPS.DE, 'a changed passphrase')).session.token;
    expect(
      (await withdraw(h, token2, IPS.DE, { asset: 'ETH', amount: '1', address: '0xexampleaddress0000', password: 'a changed passphrase' })).statusCode,
    ).toBe(201);
  });

  it('forgets a revoked device and ends its sessions', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'dev@example.com');
    const first = json(await loginFrom(h, 'dev@example.com', IPS.DE, GOOD_PASSWORD, 'device-one-0001')).session.token;
    const second = json(await loginFrom(h, 'dev@example.com', IPS.DE, GOOD_PASSWORD, 'device-two-0002')).session.token;
    const devices = json(await get(h, '/api/v1/account/devices', bearer(second)));
    const other = devices.find((d: { current: boolean }) => !d.current);
    expect((await h.app.inject({ method: 'DELETE', url: `/api/v1/account/devices/${other.id}`, headers: bearer(second) })).statusCode).toBe(204);
    expect((await get(h, '/api/v1/account', bearer(first))).statusCode).toBe(401);
    expect((await get(h, '/api/v1/account', bearer(second))).statusCode).toBe(200);
    expect(json(await get(h, '/api/v1/account/devices', bearer(second)))).toHaveLength(1);
  });

  it('lets admins replace the region policy (validated, audited), freeze accounts and set KYC; support staff cannot', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'fr@example.com');
    const admin = await staffSession(h, 'admin@example.com', 'admin');
    const support = await staffSession(h, 'support@example.com', 'support');
    const policy = json(await get(h, '/api/v1/admin/region-policy', bearer(admin.token)));
    expect(policy.rules[0]).toEqual({ ipCountry: 'US', kycCountry: '!US', action: 'deny' });

    const bad = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/region-policy',
      headers: bearer(admin.token),
      payload: { rules: [{ ipCountry: 'France', kycCountry: '*', action: 'deny' }], hopping: policy.hopping },
    });
    expect(json(bad).code).toBe(4010);
    const denyFrance = { rules: [{ ipCountry: 'FR', kycCountry: '*', action: 'deny' }, ...policy.rules], hopping: policy.hopping };
    expect((await h.app.inject({ method: 'PUT', url: '/api/v1/admin/region-policy', headers: bearer(support.token), payload: denyFrance })).statusCode).toBe(
      403,
    );
    expect((await h.app.inject({ method: 'PUT', url: '/api/v1/admin/region-policy', headers: bearer(admin.token), payload: denyFrance })).statusCode).toBe(200);
    h.clock.advanceSeconds(2);
    expect(json(await loginFrom(h, 'fr@example.com', IPS.FR))).toMatchObject({ code: 4001, reason: 'region_blocked', details: { ipCountry: 'FR' } });

    const [found] = json(await get(h, '/api/v1/admin/accounts?email=FR@example.com', bearer(support.token)));
    expect((await post(h, `/api/v1/admin/accounts/${found.id}/kyc`, { kycCountry: 'DE' }, bearer(support.token))).statusCode).toBe(403);
    expect(json(await post(h, `/api/v1/admin/accounts/${found.id}/kyc`, { kycCountry: 'DE' }, bearer(admin.token)))).toEqual({ kycCountry: 'DE' });
    const token = json(await loginFrom(h, 'fr@example.com', IPS.DE)).session.token;
    expect((await post(h, `/api/v1/admin/accounts/${found.id}/freeze`, { reason: 'chargeback investigation' }, bearer(support.token))).statusCode).toBe(200);
    expect((await get(h, '/api/v1/account', bearer(token))).statusCode).toBe(401);
    expect(json(await loginFrom(h, 'fr@example.com', IPS.DE))).toMatchObject({
      code: 4002,
      reason: 'staff',
      msg: 'This account was frozen by our support team. Submit a support ticket to learn more.',
      details: { freezeType: 'staff' },
    });
    const actions = json(await get(h, '/api/v1/admin/audit', bearer(admin.token))).items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['region_policy.replace', 'account.kyc', 'account.freeze']));
  });

  it('flags a known device id that suddenly reports another browser and OS (fingerprint_change)', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'fp@example.com');
    const as = (ua: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: IPS.DE,
        headers: { 'user-agent': ua },
        payload: { email: 'fp@example.com', password: GOOD_PASSWORD, deviceId: 'install-fp-0001' },
      });
    expect(json(await as('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36')).status).toBe(
      'ok',
    );
    const cloned = json(await as('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0'));
    expect(cloned.status).toBe('device_confirmation_required');
  });
});
