/**
 * The red-team findings on the second factor: staff use TOTP only; a clock-skew answer never reveals
 * a code that is accepted later; an account-wide ceiling on failures across IPs; owners are not
 * flooded with notices, challenges or codes.
 */
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { generateTotp } from '../src/twofactor/totp.js';
import { describeEachBackend } from './support/backends.js';
import {
  GOOD_PASSWORD,
  RELAXED_LIMITS,
  bearer,
  createHarness,
  get,
  json,
  latestCode,
  post,
  registerVerified,
  staffSession,
  type Harness,
} from './support/harness.js';
import { answer, enableTotp, startLogin } from './support/two-factor.js';

function subjects(h: Harness, email: string): Promise<string[]> {
  return get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`).then((r) => json(r).map((m: { subject: string }) => m.subject));
}

async function history(h: Harness, token: string) {
  return json(await get(h, '/api/v1/account/login-history?limit=50', bearer(token))).items as Array<{ result: { code: number; reason: string | null } | null }>;
}

describeEachBackend('second-factor hardening', (backend) => {
  it('never lets staff use email or SMS codes: not enrolled, not offered, not accepted at the staff door', async () => {
    const h = await createHarness(backend);
    const staff = await staffSession(h, 'ops@example.com', 'admin');
    h.clock.advanceSeconds(60);
    const proof = { twoFactorCode: generateTotp(staff.secret, h.clock.nowMs()) };
    expect(json(await post(h, '/api/v1/account/2fa/email', { enabled: true, ...proof }, bearer(staff.token)))).toMatchObject({
      code: 4012,
      reason: 'staff_totp_only',
    });
    expect(json(await post(h, '/api/v1/account/2fa/sms', { phone: '+4915112345678', ...proof }, bearer(staff.token)))).toMatchObject({
      code: 4012,
      reason: 'staff_totp_only',
    });
    // even an email method switched on behind the API's back is neither offered nor accepted
    await h.deps.db
      .updateTable('two_factor')
      .set({ email_enabled_at: h.clock.nowMs() })
      .where('account_id', '=', json(await get(h, '/api/v1/auth/session', bearer(staff.token))).account.id)
      .execute();
    const started = json(await post(h, '/api/v1/admin/login', { email: 'ops@example.com', password: GOOD_PASSWORD }));
    expect(started.challenge.methods).toEqual(['totp', 'backup_code']);
    expect(json(await post(h, '/api/v1/auth/login/2fa/send', { challengeId: started.challenge.id, method: 'email' })).code).toBe(4010);
    const viaEmail = await post(h, '/api/v1/admin/login/2fa', { challengeId: started.challenge.id, method: 'email', code: '123456' });
    expect(viaEmail.statusCode).toBe(400);
    expect(json(viaEmail)).toMatchObject({ code: 4010, details: { fields: { method: 'not enabled for this account' } } });
  });

  it('tells a code ahead of the clock only when a second one agrees, and never accepts such a code later', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'ahead@example.com');
    const { secret } = await enableTotp(h, 'ahead@example.com');
    const ahead = (steps: number) => generateTotp(secret, h.clock.nowMs() + steps * 30_000);

    // a guess that happens to be the code of 3 steps ahead says nothing about it
    const guessed = ahead(3);
    const first = json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', guessed));
    expect(first).toMatchObject({ code: 4003, reason: 'invalid_code' });
    // ... and when its time comes, it is refused
    h.clock.advanceSeconds(90);
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', guessed))).toMatchObject({ code: 4003, reason: 'code_reused' });

    // a phone whose clock runs 2 steps ahead: the second code, 30 s later, is diagnosed
    h.clock.advanceSeconds(60);
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', ahead(2))).reason).toBe('invalid_code');
    h.clock.advanceSeconds(30);
    const revealed = ahead(2);
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', revealed))).toMatchObject({
      code: 4003,
      reason: 'clock_skew',
      details: { skewSeconds: 60 },
    });
    // the revealed code is never accepted either, while the phone's fixed clock gives working codes
    h.clock.advanceSeconds(60);
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', revealed)).reason).toBe('code_reused');
    h.clock.advanceSeconds(30);
    expect((await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', generateTotp(secret, h.clock.nowMs()))).statusCode).toBe(200);

    // an interleaved wrong code breaks the pair: no diagnosis
    h.clock.advanceSeconds(60);
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', ahead(4))).reason).toBe('invalid_code');
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', '000000')).reason).toBe('invalid_code');
    h.clock.advanceSeconds(30);
    expect(json(await answer(h, (await startLogin(h, 'ahead@example.com')).id, 'totp', ahead(4))).reason).toBe('invalid_code');
  });

  it('stops every second factor of an account after its failure ceiling, across IPs, tells the owner once and records it', async () => {
    const limits = { ...RELAXED_LIMITS, secondFactor: { failures: 6, windowSeconds: 3600 } };
    const h = await createHarness(backend, { limits });
    await registerVerified(h, 'target@example.com');
    const { secret, token } = await enableTotp(h, 'target@example.com');
    // the attacker has the password and spreads guesses over challenges and IPs
    for (let i = 0; i < 6; i++) {
      const challenge = json(
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `203.0.113.${i + 1}`,
          payload: { email: 'target@example.com', password: GOOD_PASSWORD },
        }),
      );
      const guess = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login/2fa',
        remoteAddress: `203.0.113.${i + 1}`,
        payload: { challengeId: challenge.challenge.id, method: 'totp', code: String(100000 + i) },
      });
      expect(json(guess).code).toBe(4003);
    }
    await h.deps.background.idle();
    const stopped = json(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '203.0.113.99',
        payload: { email: 'target@example.com', password: GOOD_PASSWORD },
      }),
    );
    expect(stopped).toMatchObject({ code: 1003, reason: 'account_2fa_rate_limit' });
    expect(stopped.retryAfter).toBeGreaterThan(0);
    // a correct code in a challenge opened before the ceiling is refused too
    h.clock.advanceSeconds(60);
    const limited = json(await post(h, '/api/v1/account/2fa/backup-codes', { code: generateTotp(secret, h.clock.nowMs()) }, bearer(token)));
    expect(limited).toMatchObject({ code: 1003, reason: 'account_2fa_rate_limit' });
    const mails = await subjects(h, 'target@example.com');
    expect(mails.filter((s) => s === 'Sign-ins paused after many failed two-factor attempts')).toHaveLength(1);
    expect((await history(h, token)).some((item) => item.result?.code === 1003 && item.result.reason === 'account_2fa_rate_limit')).toBe(true);
    // the window passes: the owner signs in
    h.clock.advanceSeconds(3600);
    const challenge = await startLogin(h, 'target@example.com');
    expect((await answer(h, challenge.id, 'totp', generateTotp(secret, h.clock.nowMs()))).statusCode).toBe(200);
  });

  it('limits challenges and sent codes per account, and collapses failure notices into one per window', async () => {
    const limits = { ...RELAXED_LIMITS, accountChallenges: { requests: 4, windowSeconds: 3600 }, accountCodeSends: { requests: 2, windowSeconds: 3600 } };
    const h = await createHarness(backend, { limits });
    await registerVerified(h, 'quiet@example.com');
    const { secret, token } = await enableTotp(h, 'quiet@example.com');
    h.clock.advanceSeconds(60);
    await post(h, '/api/v1/account/2fa/email', { enabled: true, twoFactorCode: generateTotp(secret, h.clock.nowMs()) }, bearer(token));
    await post(h, '/api/v1/account/2fa/email', { enabled: true, code: await latestCode(h, 'quiet@example.com') }, bearer(token));
    const challenges = [];
    for (let i = 0; i < 3; i++) challenges.push(await startLogin(h, 'quiet@example.com'));
    for (const c of challenges) expect(json(await answer(h, c.id, 'totp', '000000')).code).toBe(4003);
    expect((await subjects(h, 'quiet@example.com')).filter((s) => s === 'Sign-in stopped at the second factor')).toHaveLength(1);
    // sends: the account's budget (2, the setup code counted), whatever the challenge
    expect((await post(h, '/api/v1/auth/login/2fa/send', { challengeId: challenges[0]!.id, method: 'email' })).statusCode).toBe(202);
    expect(json(await post(h, '/api/v1/auth/login/2fa/send', { challengeId: challenges[1]!.id, method: 'email' }))).toMatchObject({
      code: 1003,
      reason: 'account_rate_limit',
    });
    // challenges: the fifth within the hour is refused
    expect(json(await post(h, '/api/v1/auth/login', { email: 'quiet@example.com', password: GOOD_PASSWORD })).status).toBe('2fa_required');
    expect(json(await post(h, '/api/v1/auth/login', { email: 'quiet@example.com', password: GOOD_PASSWORD }))).toMatchObject({
      code: 1003,
      reason: 'account_rate_limit',
    });
    const disableLinks = await h.deps.db
      .selectFrom('disable_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // one link per notice sent (TOTP on, email on, one collapsed failure notice), not one per failure
    expect(Number(disableLinks.n)).toBe(3);
  });

  it('keeps the default ceilings in the shipped configuration', () => {
    expect(DEFAULT_CONFIG.limits.secondFactor).toEqual({ failures: 20, windowSeconds: 3600 });
    expect(DEFAULT_CONFIG.notices.collapseSeconds).toBe(900);
  });
});
