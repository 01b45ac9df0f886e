/**
 * Password hashing with argon2id (@node-rs/argon2, off the main thread).
 *
 * Protects: stored passwords against offline cracking. Invariants: one parameter set from config;
 * hashes are PHC strings so that old parameters keep verifying; verification of an unknown account
 * runs against a dummy hash with the same parameters, so "no such account" costs exactly as much as
 * "wrong password" and latency reveals nothing.
 */
import { hash, verify } from '@node-rs/argon2';
import { Semaphore } from '../semaphore.js';

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification and always fails; for unknown accounts. */
  verifyDummy(password: string): Promise<false>;
  /** Observed hash durations, for metrics. */
  onDuration?: (operation: 'hash' | 'verify', seconds: number) => void;
}

const ARGON2ID = 2;

export async function createArgon2Hasher(params: Argon2Params, concurrency: number): Promise<PasswordHasher> {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  } as const;
  const gate = new Semaphore(concurrency);
  // A real hash of a random string: verifying against it costs what a real verification costs.
  const dummyHash = await hash(crypto.randomUUID(), options as never);
  const hasher: PasswordHasher = {
    async hash(password) {
      return gate.run(async () => {
        const started = performance.now();
        try {
          return await hash(password, options as never);
        } finally {
          hasher.onDuration?.('hash', (performance.now() - started) / 1000);
        }
      });
    },
    async verify(passwordHash, password) {
      return gate.run(async () => {
        const started = performance.now();
        try {
          return await verify(passwordHash, password);
        } catch {
          // A malformed stored hash must not turn into a 500 or a success.
          return false;
        } finally {
          hasher.onDuration?.('verify', (performance.now() - started) / 1000);
        }
      });
    },
    async verifyDummy(password) {
      await hasher.verify(dummyHash, password);
      return false;
    },
  };
  return hasher;
}
