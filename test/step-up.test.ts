/**
 * Step-up for sensitive actions: accounts whose second factor is an email or SMS code confirm a
 * withdrawal with a code sent for it; the daily-total risk signal; look-alike emails.
 */
import { expect, it } from 'vitest';
import { creditBalance } from '../src/wallet/store.js';
import { describeEachBackend } from './support/backends.js';
import { generateTotp } from '../src/twofactor/totp.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, latestCode, loginToken, post, registerVerified, staffSession } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';

describeEachBackend('step-up for sensitive actions', (backend) => {
  it('lets an account with email codes confirm a withdrawal with a code sent for it, once, instead of the password', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'mail2fa@example.com');
    const token = await loginToken(h, 'mail2fa@example.com');
    // turn on email codes (no second factor yet: the password is the proof)
    await post(h, '/api/v1/account/2fa/email', { enabled: true, password: GOOD_PASSWORD }, bearer(token));
    expect(json(await post(h, '/api/v1/account/2fa/email', { enabled: true, code: await latestCode(h, 'mail2fa@example.com') }, bearer(token))).status).toBe(
      'enabled',
    );
    h.clock.advanceSeconds(25 * 3600); // past the security hold of that change
    const { id } = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', 'mail2fa@example.com').executeTakeFirstOrThrow();
    await creditBalance(h.deps.db, id, 'BTC', 300_000_000n);
    const session = json(await post(h, '/api/v1/auth/login', { email: 'mail2fa@example.com', password: GOOD_PASSWORD }));
    await post(h, '/api/v1/auth/login/2fa/send', { challengeId: session.challenge.id, method: 'email' });
    const signedIn = json(
      await post(h, '/api/v1/auth/login/2fa', { challengeId: session.challenge.id, method: 'email', code: await latestCode(h, 'mail2fa@example.com') }),
    );
    const auth = bearer(signedIn.session.token);
    const body = { asset: 'BTC', amount: '0.5', address: 'bc1qexampleaddress000' };

    // the password alone no longer does: the account has a second factor
    expect(json(await post(h, '/api/v1/wallet/withdrawals', { ...body, password: GOOD_PASSWORD }, auth))).toMatchObject({
      code: 4016,
      details: { needs: ['twoFactor'] },
    });
    expect((await post(h, '/api/v1/account/2fa/step-up-code', { method: 'email' }, auth)).statusCode).toBe(202);
    const code = await latestCode(h, 'mail2fa@example.com');
    const mail = json(await get(h, '/api/v1/dev/outbox?to=mail2fa@example.com'))[0];
    expect(mail.subject).toBe('Your Gatehouse confirmation code');
    const done = await post(h, '/api/v1/wallet/withdrawals', { ...body, twoFactorCode: code }, auth);
    expect(done.statusCode).toBe(201);
    expect(json(await post(h, '/api/v1/wallet/withdrawals', { ...body, twoFactorCode: code }, auth))).toMatchObject({ code: 4003, reason: 'invalid_code' });
    // SMS is not on for this account
    expect(json(await post(h, '/api/v1/account/2fa/step-up-code', { method: 'sms' }, auth)).code).toBe(4010);
  });

  it('asks an account with only email codes for one before it adds an authenticator app: the password alone does not plant a new second factor', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'plant@example.com');
    const auth = bearer(await loginToken(h, 'plant@example.com'));
    await post(h, '/api/v1/account/2fa/email', { enabled: true, password: GOOD_PASSWORD }, auth);
    await post(h, '/api/v1/account/2fa/email', { enabled: true, code: await latestCode(h, 'plant@example.com') }, auth);

    const refused = await post(h, '/api/v1/account/2fa/totp/setup', { password: GOOD_PASSWORD }, auth);
    expect(json(refused)).toMatchObject({ code: 4016, details: { needs: ['twoFactor'] } });
    const row = await h.deps.db.selectFrom('two_factor').select('totp_pending_secret_enc').executeTakeFirstOrThrow();
    expect(row.totp_pending_secret_enc).toBeNull();

    expect((await post(h, '/api/v1/account/2fa/step-up-code', { method: 'email' }, auth)).statusCode).toBe(202);
    const setup = await post(h, '/api/v1/account/2fa/totp/setup', { password: GOOD_PASSWORD, code: await latestCode(h, 'plant@example.com') }, auth);
    expect(setup.statusCode).toBe(200);
    expect(json(setup).secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('takes only the app or a backup code, never an emailed code, to rebind, remove or re-mint the authenticator app', async () => {
    const h = await createHarness(backend);
    const email = 'both@example.com';
    await registerVerified(h, email);
    const { secret, token } = await enableTotp(h, email);
    const auth = bearer(token);
    await post(h, '/api/v1/account/2fa/email', { enabled: true, twoFactorCode: generateTotp(secret, h.clock.nowMs()) }, auth);
    expect(json(await post(h, '/api/v1/account/2fa/email', { enabled: true, code: await latestCode(h, email) }, auth)).status).toBe('enabled');

    const emailed = async () => {
      h.clock.advanceSeconds(61); // the step-up code's send cooldown
      expect((await post(h, '/api/v1/account/2fa/step-up-code', { method: 'email' }, auth)).statusCode).toBe(202);
      return latestCode(h, email);
    };
    const refusals = [
      await post(h, '/api/v1/account/2fa/backup-codes', { code: await emailed() }, auth),
      await post(h, '/api/v1/account/2fa/totp/setup', { password: GOOD_PASSWORD, code: await emailed() }, auth),
      await post(h, '/api/v1/account/2fa/totp/disable', { password: GOOD_PASSWORD, code: await emailed() }, auth),
    ];
    for (const refused of refusals) expect(json(refused)).toMatchObject({ code: 4003, reason: 'invalid_code' });
    const row = await h.deps.db.selectFrom('two_factor').select(['totp_enabled_at', 'totp_pending_secret_enc']).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
    expect(row.totp_pending_secret_enc).toBeNull();
    // the app itself still vouches
    h.clock.advanceSeconds(30);
    expect((await post(h, '/api/v1/account/2fa/backup-codes', { code: generateTotp(secret, h.clock.nowMs()) }, auth)).statusCode).toBe(200);
  });

  it('records a daily-total signal when small withdrawals add up past the per-asset line', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'salami@example.com');
    const token = await loginToken(h, 'salami@example.com');
    const { id } = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', 'salami@example.com').executeTakeFirstOrThrow();
    await creditBalance(h.deps.db, id, 'BTC', 1_000_000_000n);
    for (let i = 0; i < 3; i++) {
      const response = await post(
        h,
        '/api/v1/wallet/withdrawals',
        { asset: 'BTC', amount: '2', address: 'bc1qexampleaddress000', password: GOOD_PASSWORD },
        bearer(token),
      );
      expect(response.statusCode).toBe(201);
      h.clock.advanceSeconds(600);
    }
    const staff = await staffSession(h, 'ops@example.com', 'support');
    const context = json(await get(h, `/api/v1/admin/accounts/${id}`, bearer(staff.token)));
    const rules = context.riskDecisions.flatMap((d: { signals: Array<{ rule: string }> }) => d.signals.map((s) => s.rule));
    expect(rules).toContain('daily_withdrawal');
  });

  it('folds look-alike addresses into one account: a full-width copy cannot register beside the original', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'tim@example.com');
    const again = await post(h, '/api/v1/auth/register', { email: 'ｔｉｍ@example.com', password: 'another fine password' });
    expect(again.statusCode).toBe(202);
    const rows = await h.deps.db.selectFrom('accounts').select('email').execute();
    expect(rows.map((r) => r.email)).toEqual(['tim@example.com']);
    expect(json(await get(h, '/api/v1/dev/outbox?to=tim@example.com'))[0].subject).toBe('Someone tried to register with your email');
    expect(json(await post(h, '/api/v1/auth/register', { email: 'tіm@example.com', password: 'another fine password' })).code).toBe(4010);
  });
});
