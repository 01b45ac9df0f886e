/** 4003: TOTP with replay protection and clock-skew diagnosis, backup codes, email and SMS codes. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, latestCode, loginToken, post, registerVerified, staffSession } from './support/harness.js';
import { answer, enableTotp, secretFromSetup, startLogin } from './support/two-factor.js';
import { generateTotp } from '../src/twofactor/totp.js';

describeEachBackend('two-factor authentication', (backend) => {
  it('enables TOTP from the setup secret and returns 8 backup codes once; the account shows it', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'tina@example.com');
    const { backupCodes, token } = await enableTotp(h, 'tina@example.com');
    expect(backupCodes).toHaveLength(8);
    for (const code of backupCodes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(backupCodes).size).toBe(8);
    const account = json(await get(h, '/api/v1/account', bearer(token)));
    expect(account.twoFactor).toEqual({ totp: true, email: false, sms: false, backupCodesRemaining: 8 });
    expect(account.securityHoldUntil).not.toBeNull();
    const mails = json(await get(h, '/api/v1/dev/outbox?to=tina@example.com'));
    expect(mails[0].subject).toBe('Authenticator app turned on');
    expect(mails[0].text).not.toContain(backupCodes[0]);
  });

  it('asks every login for the second factor and accepts codes from -30 s, now and +30 s', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'tom@example.com');
    const { secret } = await enableTotp(h, 'tom@example.com');
    for (const offset of [-30, 0, 30]) {
      h.clock.advanceSeconds(120);
      const challenge = await startLogin(h, 'tom@example.com', { deviceId: 'tom-phone-0001' });
      expect(challenge.methods).toEqual(['totp', 'backup_code']);
      const response = await answer(h, challenge.id, 'totp', generateTotp(secret, h.clock.nowMs() + offset * 1000));
      expect(response.statusCode, `offset ${offset}`).toBe(200);
      expect(json(response).session.token).toMatch(/^gh_/);
    }
  });

  it('refuses a used code as code_reused, and an older one after it', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'rita@example.com');
    const { secret } = await enableTotp(h, 'rita@example.com');
    const code = generateTotp(secret, h.clock.nowMs());
    expect((await answer(h, (await startLogin(h, 'rita@example.com')).id, 'totp', code)).statusCode).toBe(200);
    const again = await answer(h, (await startLogin(h, 'rita@example.com')).id, 'totp', code);
    expect(again.statusCode).toBe(401);
    expect(json(again)).toMatchObject({ code: 4003, reason: 'code_reused' });
    const older = await answer(h, (await startLogin(h, 'rita@example.com')).id, 'totp', generateTotp(secret, h.clock.nowMs() - 30_000));
    expect(json(older).reason).toBe('code_reused');
  });

  it('diagnoses a phone clock 2 to 10 steps behind as clock_skew with signed seconds at once, and beyond as invalid_code', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'skew@example.com');
    const { secret } = await enableTotp(h, 'skew@example.com');
    for (const steps of [-2, -7, -10]) {
      const challenge = await startLogin(h, 'skew@example.com');
      const response = json(await answer(h, challenge.id, 'totp', generateTotp(secret, h.clock.nowMs() + steps * 30_000)));
      expect(response, `${steps} steps`).toMatchObject({ code: 4003, reason: 'clock_skew', details: { skewSeconds: steps * 30 } });
    }
    for (const steps of [11, -11, 40]) {
      const challenge = await startLogin(h, 'skew@example.com');
      expect(json(await answer(h, challenge.id, 'totp', generateTotp(secret, h.clock.nowMs() + steps * 30_000))).reason).toBe('invalid_code');
    }
  });

  it('ends a challenge after 5 wrong codes or 5 minutes, and mails the owner once per window about failures', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'five@example.com');
    const { secret } = await enableTotp(h, 'five@example.com');
    const challenge = await startLogin(h, 'five@example.com');
    for (let i = 0; i < 5; i++) expect(json(await answer(h, challenge.id, 'totp', '000000')).reason).toMatch(/invalid_code|clock_skew/);
    expect(json(await answer(h, challenge.id, 'totp', generateTotp(secret, h.clock.nowMs())))).toMatchObject({ code: 4003, reason: 'challenge_expired' });

    const later = await startLogin(h, 'five@example.com');
    h.clock.advanceSeconds(300);
    expect(json(await answer(h, later.id, 'totp', generateTotp(secret, h.clock.nowMs()))).reason).toBe('challenge_expired');
    const failed = (mails: Array<{ subject: string; text: string }>) => mails.filter((m) => m.subject === 'Sign-in stopped at the second factor');
    expect(failed(json(await get(h, '/api/v1/dev/outbox?to=five@example.com')))).toHaveLength(1);
    // the next window's notice tells how many were held back meanwhile (4 more of the first 5)
    h.clock.advanceSeconds(15 * 60);
    expect(json(await answer(h, (await startLogin(h, 'five@example.com')).id, 'totp', '000000')).code).toBe(4003);
    const notices = failed(json(await get(h, '/api/v1/dev/outbox?to=five@example.com')));
    expect(notices).toHaveLength(2);
    expect(notices[0]!.text).toContain('4 more failed attempts');
  });

  it('uses each backup code once; after all 8 the next try says backup_codes_exhausted; regenerating replaces them', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'bea@example.com');
    const { backupCodes, secret } = await enableTotp(h, 'bea@example.com');
    // case-insensitive, hyphens optional
    const first = await answer(h, (await startLogin(h, 'bea@example.com')).id, 'backup_code', backupCodes[0]!.toLowerCase().replace(/-/g, ''));
    expect(first.statusCode).toBe(200);
    expect(json(await answer(h, (await startLogin(h, 'bea@example.com')).id, 'backup_code', backupCodes[0]!)).reason).toBe('code_reused');
    for (const code of backupCodes.slice(1)) expect((await answer(h, (await startLogin(h, 'bea@example.com')).id, 'backup_code', code)).statusCode).toBe(200);
    const exhausted = json(await answer(h, (await startLogin(h, 'bea@example.com')).id, 'backup_code', 'AAAA-BBBB-CCCC-DDDD'));
    expect(exhausted).toMatchObject({ code: 4003, reason: 'backup_codes_exhausted', details: { ticketHint: '/support/new?category=reset_2fa' } });
    const usedMail = json(await get(h, '/api/v1/dev/outbox?to=bea@example.com')).find((m: { subject: string }) => m.subject === 'A backup code was used');
    expect(usedMail.text).toContain('at sign-in (or a password reset). 0 of 8 codes are left');
    expect(usedMail.text).toContain('/disable-account?token=');

    const session = json(await answer(h, (await startLogin(h, 'bea@example.com')).id, 'totp', generateTotp(secret, h.clock.nowMs()))).session.token;
    h.clock.advanceSeconds(60);
    const regenerated = json(await post(h, '/api/v1/account/2fa/backup-codes', { code: generateTotp(secret, h.clock.nowMs()) }, bearer(session)));
    expect(regenerated.backupCodes).toHaveLength(8);
    expect(json(await answer(h, (await startLogin(h, 'bea@example.com')).id, 'backup_code', backupCodes[1]!)).reason).toBe('invalid_code'); // an old set is unknown
    expect((await answer(h, (await startLogin(h, 'bea@example.com')).id, 'backup_code', regenerated.backupCodes[0])).statusCode).toBe(200);
    expect(json(await get(h, '/api/v1/account', bearer(session))).twoFactor.backupCodesRemaining).toBe(7);
  });

  it('gives exactly one session for 50 parallel submissions of one backup code, one TOTP code, one email code', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'race@example.com');
    const { backupCodes, secret, token } = await enableTotp(h, 'race@example.com');
    const parallel = async (method: string, code: () => Promise<string> | string) => {
      const challenges = await Promise.all(Array.from({ length: 50 }, () => startLogin(h, 'race@example.com')));
      const value = await code();
      const responses = await Promise.all(challenges.map((c) => answer(h, c.id, method, value)));
      return responses.filter((r) => r.statusCode === 200).length;
    };
    expect(await parallel('backup_code', () => backupCodes[3]!)).toBe(1);
    h.clock.advanceSeconds(60);
    expect(await parallel('totp', () => generateTotp(secret, h.clock.nowMs()))).toBe(1);

    // email codes are bound to one challenge: 50 parallel submissions to that challenge
    h.clock.advanceSeconds(60);
    await post(h, '/api/v1/account/2fa/email', { enabled: true, twoFactorCode: generateTotp(secret, h.clock.nowMs()) }, bearer(token));
    await post(h, '/api/v1/account/2fa/email', { enabled: true, code: await latestCode(h, 'race@example.com') }, bearer(token));
    const challenge = await startLogin(h, 'race@example.com');
    expect(challenge.methods).toContain('email');
    expect((await post(h, '/api/v1/auth/login/2fa/send', { challengeId: challenge.id, method: 'email' })).statusCode).toBe(202);
    const code = await latestCode(h, 'race@example.com');
    const responses = await Promise.all(Array.from({ length: 50 }, () => answer(h, challenge.id, 'email', code)));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });

  it('signs in with an email code, where a resend retires the old code but not the failure count', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'em@example.com');
    const { token, secret } = await enableTotp(h, 'em@example.com');
    expect(json(await post(h, '/api/v1/account/2fa/email', { enabled: true, twoFactorCode: generateTotp(secret, h.clock.nowMs()) }, bearer(token)))).toEqual({
      status: 'code_sent',
    });
    expect(json(await post(h, '/api/v1/account/2fa/email', { enabled: true, code: await latestCode(h, 'em@example.com') }, bearer(token)))).toEqual({
      status: 'enabled',
    });

    const challenge = await startLogin(h, 'em@example.com');
    expect(challenge.methods).toEqual(['totp', 'backup_code', 'email']);
    await post(h, '/api/v1/auth/login/2fa/send', { challengeId: challenge.id, method: 'email' });
    const firstCode = await latestCode(h, 'em@example.com');
    for (let i = 0; i < 4; i++) expect(json(await answer(h, challenge.id, 'email', firstCode === '000000' ? '111111' : '000000')).reason).toBe('invalid_code');
    await post(h, '/api/v1/auth/login/2fa/send', { challengeId: challenge.id, method: 'email' });
    const secondCode = await latestCode(h, 'em@example.com');
    expect(json(await answer(h, challenge.id, 'email', firstCode)).reason).toBe('invalid_code'); // 5th failure: retired code
    expect(json(await answer(h, challenge.id, 'email', secondCode)).reason).toBe('challenge_expired');

    const fresh = await startLogin(h, 'em@example.com');
    await post(h, '/api/v1/auth/login/2fa/send', { challengeId: fresh.id, method: 'email' });
    expect((await answer(h, fresh.id, 'email', await latestCode(h, 'em@example.com'))).statusCode).toBe(200);
  });

  it('signs in with an SMS code to a verified number only', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'sam@example.com');
    const { token, secret } = await enableTotp(h, 'sam@example.com');
    expect(json(await post(h, '/api/v1/account/2fa/sms', { phone: '12345' }, bearer(token))).code).toBe(4010);
    const proof = { twoFactorCode: generateTotp(secret, h.clock.nowMs()) };
    expect(json(await post(h, '/api/v1/account/2fa/sms', { phone: '+49 151 1234 5678', ...proof }, bearer(token)))).toEqual({ status: 'code_sent' });
    const smsCode = await latestCode(h, '+4915112345678');
    expect(
      json(await post(h, '/api/v1/account/2fa/sms', { phone: '+4915112345678', code: smsCode === '000000' ? '111111' : '000000' }, bearer(token))).code,
    ).toBe(4014);
    expect(json(await post(h, '/api/v1/account/2fa/sms', { phone: '+4915112345678', code: smsCode }, bearer(token)))).toEqual({ status: 'enabled' });

    const challenge = await startLogin(h, 'sam@example.com');
    expect(challenge.methods).toContain('sms');
    expect((await post(h, '/api/v1/auth/login/2fa/send', { challengeId: challenge.id, method: 'sms' })).statusCode).toBe(202);
    const sms = json(await get(h, '/api/v1/dev/outbox?to=%2B4915112345678'));
    expect(sms[0].channel).toBe('sms');
    expect((await answer(h, challenge.id, 'sms', await latestCode(h, '+4915112345678'))).statusCode).toBe(200);
  });

  it('rebinding needs a current code; disabling needs password and code; both mail the owner', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'reb@example.com');
    const { secret, token } = await enableTotp(h, 'reb@example.com');
    const noCode = await post(h, '/api/v1/account/2fa/totp/setup', { password: GOOD_PASSWORD }, bearer(token));
    expect(json(noCode)).toMatchObject({ code: 4016, details: { needs: ['twoFactor'] } });
    const setup = json(
      await post(h, '/api/v1/account/2fa/totp/setup', { password: GOOD_PASSWORD, code: generateTotp(secret, h.clock.nowMs()) }, bearer(token)),
    );
    expect(setup.qrSvg).toMatch(/^<svg/);
    const newSecret = secretFromSetup(setup);
    // until enabled, the old secret is still the one that counts
    h.clock.advanceSeconds(60);
    expect((await answer(h, (await startLogin(h, 'reb@example.com')).id, 'totp', generateTotp(secret, h.clock.nowMs()))).statusCode).toBe(200);
    h.clock.advanceSeconds(60);
    expect((await post(h, '/api/v1/account/2fa/totp/enable', { code: generateTotp(newSecret, h.clock.nowMs()) }, bearer(token))).statusCode).toBe(200);
    h.clock.advanceSeconds(60);
    expect(json(await answer(h, (await startLogin(h, 'reb@example.com')).id, 'totp', generateTotp(secret, h.clock.nowMs()))).code).toBe(4003);

    const wrongPassword = await post(
      h,
      '/api/v1/account/2fa/totp/disable',
      { password: 'not my password', code: generateTotp(newSecret, h.clock.nowMs()) },
      bearer(token),
    );
    expect(json(wrongPassword).code).toBe(4000);
    const disabled = await post(
      h,
      '/api/v1/account/2fa/totp/disable',
      { password: GOOD_PASSWORD, code: generateTotp(newSecret, h.clock.nowMs()) },
      bearer(token),
    );
    expect(disabled.statusCode).toBe(200);
    expect(json(await post(h, '/api/v1/auth/login', { email: 'reb@example.com', password: GOOD_PASSWORD })).status).toBe('ok');
    const subjects = json(await get(h, '/api/v1/dev/outbox?to=reb@example.com')).map((m: { subject: string }) => m.subject);
    expect(subjects).toContain('Authenticator app changed');
    expect(subjects).toContain('Authenticator app turned off');
  });

  it('asks any session for the current second factor (the password without one) before adding a phone, and never lets staff turn TOTP off', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'old@example.com');
    const plain = await loginToken(h, 'old@example.com');
    // no second factor yet: the password
    expect(json(await post(h, '/api/v1/account/2fa/sms', { phone: '+4915112345678' }, bearer(plain)))).toMatchObject({
      code: 4016,
      details: { needs: ['password'] },
    });
    const { token, secret } = await enableTotp(h, 'old@example.com');
    // a fresh session is not enough, nor the password: the current second factor
    const fresh = await post(h, '/api/v1/account/2fa/sms', { phone: '+4915112345678', password: GOOD_PASSWORD }, bearer(token));
    expect(json(fresh)).toMatchObject({ code: 4016, details: { needs: ['twoFactor'] } });
    expect(
      json(await post(h, '/api/v1/account/2fa/sms', { phone: '+4915112345678', twoFactorCode: generateTotp(secret, h.clock.nowMs()) }, bearer(token))),
    ).toEqual({ status: 'code_sent' });

    const staff = await staffSession(h, 'ops@example.com', 'admin');
    h.clock.advanceSeconds(60);
    const refused = await post(
      h,
      '/api/v1/account/2fa/totp/disable',
      { password: GOOD_PASSWORD, code: generateTotp(staff.secret, h.clock.nowMs()) },
      bearer(staff.token),
    );
    expect(json(refused)).toMatchObject({ code: 4012, reason: 'staff_totp_required' });
  });
});
