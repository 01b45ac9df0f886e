/**
 * The raw argon2id limit of this machine: `verify()` from @node-rs/argon2 in this process, against a
 * hash made with the given parameters, with a fixed number in flight (the server's hash concurrency;
 * the work runs on the libuv pool, 4 threads by default), for a fixed time after a warm-up.
 */
import { hash, verify } from '@node-rs/argon2';
import { performance } from 'node:perf_hooks';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum in the typings, so not importable at runtime)

export const DEFAULT_ARGON2 = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

export function argon2Options(params) {
  return { algorithm: ARGON2ID, memoryCost: params.memoryKiB, timeCost: params.iterations, parallelism: params.parallelism };
}

export async function makeHash(password, params = DEFAULT_ARGON2) {
  return hash(password, argon2Options(params));
}

/** Keeps `concurrency` verifications in flight from now until `endAt` (ms, performance clock). */
async function runFor(passwordHash, password, concurrency, endAt) {
  let completed = 0;
  let all = 0;
  const worker = async () => {
    while (performance.now() < endAt) {
      const ok = await verify(passwordHash, password);
      if (!ok) throw new Error('argon2 verify returned false for the right password');
      all++;
      if (performance.now() <= endAt) completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { completed, all };
}

/**
 * Returns { perSecond, completed, seconds, meanMs, started, overrun } where meanMs is the mean wall
 * time of one verification at this concurrency (seconds * concurrency / completed).
 * `around` (optional): { start(), end(verifications) } called right at the start of the measured
 * part and once every verification started in it has finished (including the ones that overran the
 * end and are not counted in the rate), e.g. to account CPU per verification.
 */
export async function measureRawVerifyRate({ params = DEFAULT_ARGON2, concurrency = 4, durationS = 10, warmupS = 1, passwordHash, password, around } = {}) {
  if (!passwordHash) {
    password = `raw-${Math.random().toString(36).slice(2)}-x9`;
    passwordHash = await makeHash(password, params);
  }
  if (warmupS > 0) await runFor(passwordHash, password, concurrency, performance.now() + warmupS * 1000);
  around?.start();
  const started = performance.now();
  const endAt = started + durationS * 1000;
  const { completed, all } = await runFor(passwordHash, password, concurrency, endAt);
  around?.end(all);
  const seconds = (endAt - started) / 1000;
  return { perSecond: completed / seconds, completed, seconds, meanMs: completed ? (seconds * 1000 * concurrency) / completed : NaN, verifications: all };
}
