/**
 * The normative order, walked with one account that fails several checks at once: each answer is
 * the earliest failing check's; clearing it reveals the next. The table is the pipeline's order.
 */
import { expect, it } from 'vitest';
import { generateTotp } from '../src/twofactor/totp.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, RELAXED_LIMITS, createHarness, json, registerVerified, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';

const US = '203.0.113.7';
const DE = '192.0.2.10';
const geo = { overrides: { '203.0.113.0/24': 'US', '192.0.2.0/26': 'DE' } };

interface Attempt {
  ip: string;
  password: string;
}

/** Each row: what answers while it is the earliest failing check, and how the test clears it. */
const ORDER: Array<{ check: string; expect: Record<string, unknown>; clear(h: Harness, email: string, attempt: Attempt): Promise<void> | void }> = [
  { check: 'maintenance', expect: { code: 1100 }, clear: (h) => h.deps.maintenance.set({ enabled: false, message: null, untilMs: null }) },
  { check: 'rate limits', expect: { code: 1003, reason: 'account_ip_rate_limit' }, clear: (h) => h.clock.advanceSeconds(301) },
  {
    check: 'credentials',
    expect: { code: 4000 },
    clear: (_h, _e, attempt) => {
      attempt.password = GOOD_PASSWORD;
    },
  },
  {
    check: 'email verified',
    expect: { code: 4019 },
    clear: (h, email) =>
      h.deps.db
        .updateTable('accounts')
        .set({ email_verified_at: 1 })
        .where('email', '=', email)
        .execute()
        .then(() => undefined),
  },
  {
    check: 'not frozen',
    expect: { code: 4002, reason: 'staff' },
    clear: (h, email) =>
      h.deps.db
        .updateTable('accounts')
        .set({ frozen_type: null })
        .where('email', '=', email)
        .execute()
        .then(() => undefined),
  },
  {
    check: 'region',
    expect: { code: 4001, reason: 'region_blocked' },
    clear: (_h, _e, attempt) => {
      attempt.ip = DE;
    },
  },
  { check: 'second factor', expect: { status: '2fa_required' }, clear: () => undefined },
];

describeEachBackend('the order of checks on login', (backend) => {
  it('answers with the earliest of several failing checks, then the next once it is cleared', async () => {
    const h = await createHarness(backend, { geo, limits: { ...RELAXED_LIMITS, ipAccount: { failures: 3, windowSeconds: 3600, blockSeconds: 300 } } });
    const email = 'many-problems@example.com';
    await registerVerified(h, email);
    const { secret } = await enableTotp(h, email);
    // a registration of the address with the same password, waiting for its code (what 4019 answers to)
    h.clock.advanceSeconds(61);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: GOOD_PASSWORD } })).statusCode).toBe(202);
    // unverified, frozen, KYC in DE (a US address is denied), TOTP on, maintenance on, and the IP+account pair blocked
    await h.deps.db.updateTable('accounts').set({ email_verified_at: null, frozen_type: 'staff', kyc_country: 'DE' }).where('email', '=', email).execute();
    const attempt: Attempt = { ip: US, password: 'a wrong password' };
    const login = async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: attempt.ip,
        payload: { email, password: attempt.password },
      });
      await h.deps.background.idle();
      return json(response);
    };
    // (3 failures block the pair; the walk's 4000 and 4019 below count as two more after the block)
    for (let i = 0; i < 3; i++) expect((await login()).code).toBe(4000);
    await h.deps.maintenance.set({ enabled: true, message: null, untilMs: null });

    for (const row of ORDER) {
      expect(await login(), row.check).toMatchObject(row.expect);
      await row.clear(h, email, attempt);
    }
    const challenge = (await login()).challenge;
    const done = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/2fa',
      remoteAddress: DE,
      payload: { challengeId: challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) },
    });
    expect(json(done).status).toBe('ok');
  });

  it('walks the same order when a paused login resumes: maintenance, freeze and region before the code', async () => {
    const h = await createHarness(backend, { geo });
    const email = 'resumed@example.com';
    await registerVerified(h, email);
    const { secret } = await enableTotp(h, email);
    await h.deps.db.updateTable('accounts').set({ kyc_country: 'DE' }).where('email', '=', email).execute();
    const started = json(await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: DE, payload: { email, password: GOOD_PASSWORD } }));
    expect(started.status).toBe('2fa_required');
    // while it waits: maintenance on, the account frozen, and the answer comes from a denied address
    await h.deps.maintenance.set({ enabled: true, message: null, untilMs: null });
    await h.deps.db.updateTable('accounts').set({ frozen_type: 'self' }).where('email', '=', email).execute();
    const answer = { ip: US, code: '000000' };
    const resume = async () =>
      json(
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login/2fa',
          remoteAddress: answer.ip,
          payload: { challengeId: started.challenge.id, method: 'totp', code: answer.code },
        }),
      );
    const steps: Array<[Record<string, unknown>, () => Promise<unknown> | undefined]> = [
      [{ code: 1100 }, () => h.deps.maintenance.set({ enabled: false, message: null, untilMs: null })],
      [{ code: 4002, reason: 'self' }, () => h.deps.db.updateTable('accounts').set({ frozen_type: null }).where('email', '=', email).execute()],
      [
        { code: 4001, reason: 'region_blocked' },
        () => {
          answer.ip = DE;
          return undefined;
        },
      ],
      [
        { code: 4003, reason: 'invalid_code' },
        () => {
          answer.code = generateTotp(secret, h.clock.nowMs());
          return undefined;
        },
      ],
      [{ status: 'ok' }, () => undefined],
    ];
    for (const [expected, clear] of steps) {
      expect(await resume()).toMatchObject(expected);
      await clear();
    }
  });
});
