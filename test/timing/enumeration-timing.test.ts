/**
 * No enumeration by latency: an unknown email and a wrong password must not be told apart by timing.
 * Samples are interleaved and compared with a two-sided Mann-Whitney U test; a control comparison
 * (one verification vs two) proves the same test does detect a real difference at this sample size.
 */
import { expect, it } from 'vitest';
import { sqliteBackend } from '../support/backends.js';
import { GOOD_PASSWORD, createHarness, login, post, registerVerified, type Harness } from '../support/harness.js';

/** Two-sided p-value of the Mann-Whitney U test (normal approximation, tie-corrected ranks). */
function mannWhitneyP(a: number[], b: number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const rankSumA = all.reduce((sum, item, i) => (item.g === 0 ? sum + ranks[i]! : sum), 0);
  const n1 = a.length;
  const n2 = b.length;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  const z = Math.abs((u - mean) / sd);
  // erfc via Abramowitz-Stegun 7.1.26
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(z * z) / 2);
  return 1 - erf;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function sample(_h: Harness, rounds: number, left: () => Promise<unknown>, right: () => Promise<unknown>) {
  const a: number[] = [];
  const b: number[] = [];
  // warm-up
  for (let i = 0; i < 5; i++) {
    await left();
    await right();
  }
  for (let i = 0; i < rounds; i++) {
    // alternate the order so drift in machine load hits both groups alike
    if (i % 2 === 0) {
      a.push(await timed(left));
      b.push(await timed(right));
    } else {
      b.push(await timed(right));
      a.push(await timed(left));
    }
  }
  return { a, b };
}

it('an unknown email and a wrong password take statistically the same time', { timeout: 120_000 }, async () => {
  const h = await createHarness(sqliteBackend(), { passwords: { argon2: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } } as never });
  await registerVerified(h, 'known@example.com');
  const rounds = 60;

  const control = await sample(
    h,
    rounds,
    () => login(h, 'known@example.com'), // success: one verification
    () => login(h, 'nobody@example.com', 'wrong password guess'), // failure: two verifications
  );
  expect(mannWhitneyP(control.a, control.b), 'the test must detect one hash of difference').toBeLessThan(0.001);

  const probeOnce = async () => {
    const probe = await sample(
      h,
      rounds,
      () => login(h, 'nobody@example.com', 'wrong password guess'),
      () => login(h, 'known@example.com', 'wrong password guess'),
    );
    return mannWhitneyP(probe.a, probe.b);
  };
  // A shared CI machine can produce a rare outlier run; a real leak (like the control's) fails twice.
  let p = await probeOnce();
  if (p <= 0.001) p = await probeOnce();
  console.log(`timing: control p=${mannWhitneyP(control.a, control.b).toExponential(2)}, unknown-vs-wrong p=${p.toFixed(3)}`);
  expect(p).toBeGreaterThan(0.001);
});

it('at the staff door, a user account with its correct password and with a wrong one take statistically the same time', { timeout: 120_000 }, async () => {
  const h = await createHarness(sqliteBackend(), { passwords: { argon2: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } } as never });
  await registerVerified(h, 'user@example.com');
  const door = (password: string) => post(h, '/api/v1/admin/login', { email: 'user@example.com', password });
  const rounds = 60;
  const probeOnce = async () => {
    const probe = await sample(
      h,
      rounds,
      () => door(GOOD_PASSWORD),
      () => door('wrong password guess'),
    );
    return mannWhitneyP(probe.a, probe.b);
  };
  let p = await probeOnce();
  if (p <= 0.001) p = await probeOnce();
  console.log(`timing: staff door, right-vs-wrong password of a user account p=${p.toFixed(3)}`);
  expect(p).toBeGreaterThan(0.001);
});

it('"forgot password" for an address with an account and one without take statistically the same time', { timeout: 120_000 }, async () => {
  const h = await createHarness(sqliteBackend(), { passwords: { argon2: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } } as never });
  await registerVerified(h, 'known@example.com');
  // straight to the app: the test helper `post` would also wait for the work done after the response
  const forgot = (email: string) => h.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
  const rounds = 60;
  const probeOnce = async () => {
    const probe = await sample(
      h,
      rounds,
      () => forgot('known@example.com'),
      () => forgot('nobody@example.com'),
    );
    await h.deps.background.idle();
    return mannWhitneyP(probe.a, probe.b);
  };
  let p = await probeOnce();
  if (p <= 0.001) p = await probeOnce();
  console.log(`timing: forgot password, known-vs-unknown p=${p.toFixed(3)}`);
  expect(p).toBeGreaterThan(0.001);
});
