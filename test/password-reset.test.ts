/**
 * Forgot password: the same answer for known and unknown addresses, a single-use link of 30 minutes,
 * the second factor still asked, every session ended, the withdrawal hold, a notice; the old password
 * then answers 4000 old_password.
 */
import { expect, it } from 'vitest';
import { generateTotp } from '../src/twofactor/totp.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, RELAXED_LIMITS, bearer, createHarness, get, json, loginToken, post, registerVerified, resetLink } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';

const NEW_PASSWORD = 'a brand new passphrase 42';

const withoutRequestId = (body: string) => ({ ...JSON.parse(body), requestId: undefined });

describeEachBackend('forgot password', (backend) => {
  it('answers known and unknown addresses alike, and mails a link only to an account', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'known@example.com');
    const known = await post(h, '/api/v1/auth/password/forgot', { email: 'known@example.com' });
    const unknown = await post(h, '/api/v1/auth/password/forgot', { email: 'nobody@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(json(known)).toEqual({ status: 'reset_requested' });
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    const token = await resetLink(h, 'known@example.com');
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(json(await get(h, '/api/v1/dev/outbox?to=nobody@example.com'))).toEqual([]);
    // the token is stored only as a hash
    const rows = await h.deps.db.selectFrom('password_reset_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('resets with the link once: sessions end, the old password answers old_password, withdrawals hold, the owner is told', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'forgetful@example.com');
    const before = await loginToken(h, 'forgetful@example.com');
    await post(h, '/api/v1/auth/password/forgot', { email: 'forgetful@example.com' });
    const token = await resetLink(h, 'forgetful@example.com');
    // a weak password is refused without using the link up
    expect(json(await post(h, '/api/v1/auth/password/reset', { token, newPassword: 'short' }))).toMatchObject({ code: 4018, reason: 'too_short' });
    expect(json(await post(h, '/api/v1/auth/password/reset', { token, newPassword: GOOD_PASSWORD }))).toMatchObject({ code: 4018, reason: 'same_as_old' });
    const done = await post(h, '/api/v1/auth/password/reset', { token, newPassword: NEW_PASSWORD });
    expect(json(done)).toEqual({ status: 'password_reset' });
    expect(json(await post(h, '/api/v1/auth/password/reset', { token, newPassword: `${NEW_PASSWORD}!` }))).toMatchObject({ code: 4014 });

    expect(json(await get(h, '/api/v1/account', bearer(before))).code).toBe(4011);
    expect(json(await post(h, '/api/v1/auth/login', { email: 'forgetful@example.com', password: GOOD_PASSWORD }))).toMatchObject({
      code: 4000,
      reason: 'old_password',
    });
    const after = await loginToken(h, 'forgetful@example.com', NEW_PASSWORD);
    expect(json(await get(h, '/api/v1/account', bearer(after))).securityHoldUntil).toBe(new Date(h.clock.nowMs() + 24 * 3600 * 1000).toISOString());
    const notice = json(await get(h, '/api/v1/dev/outbox?to=forgetful@example.com')).find(
      (m: { subject: string }) => m.subject === 'Your Gatehouse password was reset',
    );
    expect(notice.text).toContain('/disable-account?token=');
  });

  it('still asks for the second factor: inline, or as a challenge answered like a login', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'guarded@example.com');
    const { secret } = await enableTotp(h, 'guarded@example.com');
    await post(h, '/api/v1/auth/password/forgot', { email: 'guarded@example.com' });
    const first = await resetLink(h, 'guarded@example.com');
    // a wrong inline code: 4003, and the link is spent
    expect(json(await post(h, '/api/v1/auth/password/reset', { token: first, newPassword: NEW_PASSWORD, twoFactorCode: '000000' }))).toMatchObject({
      code: 4003,
    });
    expect(json(await post(h, '/api/v1/auth/login', { email: 'guarded@example.com', password: NEW_PASSWORD })).code).toBe(4000);

    h.clock.advanceSeconds(61);
    await post(h, '/api/v1/auth/password/forgot', { email: 'guarded@example.com' });
    const second = await resetLink(h, 'guarded@example.com');
    const paused = json(await post(h, '/api/v1/auth/password/reset', { token: second, newPassword: NEW_PASSWORD }));
    expect(paused).toMatchObject({ status: '2fa_required', challenge: { methods: ['totp', 'backup_code'] } });
    const answered = await post(h, '/api/v1/auth/login/2fa', { challengeId: paused.challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) });
    expect(json(answered)).toEqual({ status: 'password_reset' });
    expect(json(await post(h, '/api/v1/auth/login', { email: 'guarded@example.com', password: NEW_PASSWORD })).status).toBe('2fa_required');
  });

  it('lets exactly one of 50 parallel uses of a link through', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'racy@example.com');
    await post(h, '/api/v1/auth/password/forgot', { email: 'racy@example.com' });
    const token = await resetLink(h, 'racy@example.com');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(h, '/api/v1/auth/password/reset', { token, newPassword: `${NEW_PASSWORD} ${i}` })),
    );
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 200).every((a) => json(a).code === 4014)).toBe(true);
  });

  it('expires links after 30 minutes, and a newer mail retires the older link', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'slow@example.com');
    await post(h, '/api/v1/auth/password/forgot', { email: 'slow@example.com' });
    const old = await resetLink(h, 'slow@example.com');
    h.clock.advanceSeconds(61);
    await post(h, '/api/v1/auth/password/forgot', { email: 'slow@example.com' });
    const newer = await resetLink(h, 'slow@example.com');
    expect(json(await post(h, '/api/v1/auth/password/reset', { token: old, newPassword: NEW_PASSWORD })).code).toBe(4014);
    h.clock.advanceSeconds(30 * 60);
    expect(json(await post(h, '/api/v1/auth/password/reset', { token: newer, newPassword: NEW_PASSWORD })).code).toBe(4014);
  });

  it('limits mails per address and per IP with 1003, the same for addresses with and without an account', async () => {
    const h = await createHarness(backend, { limits: { ...RELAXED_LIMITS, sendCooldownSeconds: 60, passwordResets: { perEmail: 2, perIp: 100 } } });
    await registerVerified(h, 'spam@example.com');
    for (const email of ['spam@example.com', 'ghost@example.com']) {
      expect((await post(h, '/api/v1/auth/password/forgot', { email })).statusCode).toBe(202);
      expect(json(await post(h, '/api/v1/auth/password/forgot', { email }))).toMatchObject({ code: 1003, reason: 'send_cooldown' });
    }
    h.clock.advanceSeconds(61);
    expect((await post(h, '/api/v1/auth/password/forgot', { email: 'ghost@example.com' })).statusCode).toBe(202);
    h.clock.advanceSeconds(61);
    const third = await post(h, '/api/v1/auth/password/forgot', { email: 'ghost@example.com' });
    const thirdKnown = await (async () => {
      await post(h, '/api/v1/auth/password/forgot', { email: 'spam@example.com' });
      h.clock.advanceSeconds(61);
      return post(h, '/api/v1/auth/password/forgot', { email: 'spam@example.com' });
    })();
    expect(withoutRequestId(third.body)).toMatchObject({ code: 1003, reason: 'account_rate_limit' });
    expect(json(thirdKnown)).toMatchObject({ code: 1003, reason: 'account_rate_limit' });
  });
});
