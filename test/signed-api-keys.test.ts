/** API keys in the security center: the step-up to create one, Ed25519 keys, list, delete, notices, audit, freezes. */
import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, loginToken, post, registerVerified, staffSession, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';
import { createKey, keyHolder, signed, type KeyOptions } from './support/signed-api.js';
import { generateTotp } from '../src/twofactor/totp.js';
import { DEFAULT_CONFIG } from '../src/config.js';

const geo = { overrides: { '198.51.100.0/24': 'CN', '192.0.2.0/24': 'DE' } };

function createWith(h: Harness, token: string, body: Record<string, unknown>, ip = '127.0.0.1') {
  return h.app.inject({ method: 'POST', url: '/api/v1/account/api-keys', remoteAddress: ip, headers: bearer(token), payload: body });
}

async function outboxSubjects(h: Harness, email: string): Promise<string[]> {
  return (json(await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`)) as Array<{ subject: string }>).map((m) => m.subject);
}

describeEachBackend('signed API keys', (backend) => {
  it('creates an HMAC key with password and TOTP code, shows the secret once, lists it without it, and the key signs requests', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'maker@example.com', { label: 'market maker', permissions: ['READ'] });
    expect(k.apiKey).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(k.secretKey).toMatch(/^[A-Za-z0-9]{64}$/);
    const list = json(await get(h, '/api/v1/account/api-keys', bearer(k.token)));
    expect(list).toEqual([
      {
        id: k.keyId,
        label: 'market maker',
        type: 'HMAC_SHA256',
        apiKeyPrefix: k.apiKey.slice(0, 8),
        permissions: ['READ'],
        ipWhitelist: [],
        createdAt: expect.any(String),
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(k.secretKey);
    // Neither the key string nor the secret is stored as such.
    const row = await h.deps.db.selectFrom('api_keys').selectAll().where('id', '=', k.keyId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(k.apiKey);
    expect(JSON.stringify(row)).not.toContain(k.secretKey);
    const account = await signed(h, k, 'GET', '/api/v3/account');
    expect(account.statusCode).toBe(200);
    expect(json(account).balances).toEqual([]);
  });

  it('records use at most once a minute', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'used@example.com');
    const lastUsed = async () => {
      await h.deps.background.idle();
      return json(await get(h, '/api/v1/account/api-keys', bearer(k.token)))[0].lastUsedAt as string | null;
    };
    await signed(h, k, 'GET', '/api/v3/account');
    const first = await lastUsed();
    expect(first).toBe(new Date(h.clock.nowMs()).toISOString());
    h.clock.advanceSeconds(30);
    await signed(h, k, 'GET', '/api/v3/account');
    expect(await lastUsed()).toBe(first);
    h.clock.advanceSeconds(31);
    await signed(h, k, 'GET', '/api/v3/account');
    expect(await lastUsed()).toBe(new Date(h.clock.nowMs()).toISOString());
  });

  it('asks for the password and the second factor, and checks each (4016, 4000, 4003)', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'careful@example.com');
    const { secret, token } = await enableTotp(h, 'careful@example.com');
    const base = { label: 'bot', type: 'HMAC_SHA256', permissions: ['READ'] };
    expect(json(await createWith(h, token, base))).toMatchObject({ code: 4016, details: { needs: ['password', 'twoFactor'] } });
    expect(json(await createWith(h, token, { ...base, password: GOOD_PASSWORD }))).toMatchObject({ code: 4016, details: { needs: ['twoFactor'] } });
    const code = generateTotp(secret, h.clock.nowMs());
    expect(json(await createWith(h, token, { ...base, password: 'not the password', twoFactorCode: code }))).toMatchObject({ code: 4000 });
    expect(json(await createWith(h, token, { ...base, password: GOOD_PASSWORD, twoFactorCode: '000000' }))).toMatchObject({ code: 4003 });
    expect(json(await get(h, '/api/v1/account/api-keys', bearer(token)))).toEqual([]);
    const created = await createWith(h, token, { ...base, password: GOOD_PASSWORD, twoFactorCode: code });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    // The same TOTP code does not work twice.
    expect(json(await createWith(h, token, { ...base, password: GOOD_PASSWORD, twoFactorCode: code }))).toMatchObject({ code: 4003, reason: 'code_reused' });
  });

  it('refuses accounts without an authenticator app (4012 two_factor_required)', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'plain@example.com');
    const token = await loginToken(h, 'plain@example.com');
    const refused = await createWith(h, token, { label: 'bot', type: 'HMAC_SHA256', permissions: ['READ'], password: GOOD_PASSWORD, twoFactorCode: '123456' });
    expect(refused.statusCode).toBe(403);
    expect(json(refused)).toMatchObject({ code: 4012, reason: 'two_factor_required' });
  });

  it('applies the region restriction api_keys (4001 function_restricted) before any credential is checked', async () => {
    const h = await createHarness(backend, { geo });
    await registerVerified(h, 'cn@example.com');
    await h.deps.db.updateTable('accounts').set({ kyc_country: 'CN' }).where('email', '=', 'cn@example.com').execute();
    const { secret, token } = await enableTotp(h, 'cn@example.com');
    const body = { label: 'bot', type: 'HMAC_SHA256', permissions: ['READ'], password: 'wrong', twoFactorCode: '000000' };
    expect(json(await createWith(h, token, body, '198.51.100.7'))).toMatchObject({
      code: 4001,
      reason: 'function_restricted',
      details: { function: 'api_keys' },
    });
    const fromDe = await createWith(h, token, { ...body, password: GOOD_PASSWORD, twoFactorCode: generateTotp(secret, h.clock.nowMs()) }, '192.0.2.10');
    expect(fromDe.statusCode).toBe(201);
  });

  it('validates the request before spending credentials (4010): public keys, whitelist entries, the key limit', async () => {
    const h = await createHarness(backend, { signedApi: { ...DEFAULT_CONFIG.signedApi, maxKeysPerAccount: 1 } });
    await registerVerified(h, 'strict@example.com');
    const { secret, token } = await enableTotp(h, 'strict@example.com');
    const holder = { token, totpSecret: secret };
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const cases: Array<[KeyOptions, string]> = [
      [{ type: 'ED25519' }, 'publicKey'],
      [{ type: 'ED25519', publicKeyPem: rsa }, 'publicKey'],
      [{ type: 'ED25519', publicKeyPem: 'hello' }, 'publicKey'],
      [{ type: 'HMAC_SHA256', publicKeyPem: rsa }, 'publicKey'],
      [{ ipWhitelist: ['10.0.0.0/33'] }, 'ipWhitelist'],
      [{ ipWhitelist: ['example.com'] }, 'ipWhitelist'],
    ];
    for (const [options, field] of cases) {
      const refused = await createKey(h, holder, options);
      expect(json(refused), JSON.stringify(options)).toMatchObject({ code: 4010, details: { fields: { [field]: expect.any(String) } } });
    }
    expect(json(await createKey(h, holder, { permissions: [] }))).toMatchObject({ code: 4010 });
    expect((await createKey(h, holder)).statusCode).toBe(201);
    expect(json(await createKey(h, holder))).toMatchObject({ code: 4010, details: { fields: { apiKeys: 'at most 1 keys per account; delete one first' } } });
  });

  it('takes an Ed25519 public key and verifies base64 signatures made with its private key', async () => {
    const h = await createHarness(backend);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const k = await keyHolder(
      h,
      'ed@example.com',
      { type: 'ED25519', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey },
      { BTC: '1' },
    );
    expect(k.secretKey).toBeUndefined();
    const ok = await signed(h, k, 'GET', '/api/v3/account');
    expect(ok.statusCode).toBe(200);
    expect(json(ok).balances).toEqual([{ asset: 'BTC', free: '1.00000000', locked: '0.00000000' }]);
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(json(await signed(h, { ...k, privateKey: other }, 'GET', '/api/v3/account'))).toMatchObject({ code: -1022 });
  });

  it('deletes a key: the next signed request is refused (-2015); a notice and an audit row for creation and deletion', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'owner@example.com');
    expect((await signed(h, k, 'GET', '/api/v3/account')).statusCode).toBe(200);
    const deleted = await h.app.inject({ method: 'DELETE', url: `/api/v1/account/api-keys/${k.keyId}`, headers: bearer(k.token) });
    expect(deleted.statusCode).toBe(204);
    const refused = await signed(h, k, 'GET', '/api/v3/account');
    expect(refused.statusCode).toBe(401);
    expect(json(refused)).toMatchObject({ code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' });
    expect(json(await get(h, '/api/v1/account/api-keys', bearer(k.token)))).toEqual([]);
    const again = await h.app.inject({ method: 'DELETE', url: `/api/v1/account/api-keys/${k.keyId}`, headers: bearer(k.token) });
    expect(json(again)).toMatchObject({ code: 4013 });

    const subjects = await outboxSubjects(h, 'owner@example.com');
    expect(subjects).toContain('New API key created');
    expect(subjects).toContain('API key deleted');
    const notice = (json(await get(h, '/api/v1/dev/outbox?to=owner%40example.com')) as Array<{ subject: string; text: string }>).find(
      (m) => m.subject === 'New API key created',
    )!;
    expect(notice.text).toContain(k.apiKey.slice(0, 8));
    expect(notice.text).not.toContain(k.apiKey);
    expect(notice.text).not.toContain(k.secretKey);
    expect(notice.text).toContain('/disable-account?token=');

    const admin = await staffSession(h, 'admin@example.com', 'admin');
    const audit = json(await get(h, '/api/v1/admin/audit', bearer(admin.token))).items as Array<{ actor: string; action: string; target: string }>;
    expect(audit.filter((a) => a.actor === 'owner@example.com').map((a) => [a.action, a.target])).toEqual([
      ['api_key.delete', k.keyId],
      ['api_key.create', k.keyId],
    ]);
  });

  it("cannot delete another account's key (4013)", async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'victim@example.com');
    await registerVerified(h, 'other@example.com');
    const token = await loginToken(h, 'other@example.com');
    const refused = await h.app.inject({ method: 'DELETE', url: `/api/v1/account/api-keys/${k.keyId}`, headers: bearer(token) });
    expect(json(refused)).toMatchObject({ code: 4013 });
    expect((await signed(h, k, 'GET', '/api/v3/account')).statusCode).toBe(200);
  });

  it("refuses a frozen account's keys at once (-2015) and accepts them again after an unfreeze", async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'frozen@example.com');
    const admin = await staffSession(h, 'admin@example.com', 'admin');
    expect((await signed(h, k, 'GET', '/api/v3/account')).statusCode).toBe(200);
    const frozen = await post(h, `/api/v1/admin/accounts/${k.accountId}/freeze`, { reason: 'investigation' }, bearer(admin.token));
    expect(frozen.statusCode).toBe(200);
    const refused = await signed(h, k, 'GET', '/api/v3/account');
    expect(refused.statusCode).toBe(401);
    expect(json(refused)).toMatchObject({ code: -2015 });
    const unfrozen = await post(h, `/api/v1/admin/accounts/${k.accountId}/unfreeze`, { reason: 'cleared', identityVerified: true }, bearer(admin.token));
    expect(unfrozen.statusCode).toBe(200);
    expect((await signed(h, k, 'GET', '/api/v3/account')).statusCode).toBe(200);
  });
});
