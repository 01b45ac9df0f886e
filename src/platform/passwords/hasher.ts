/**
 * Password hashing with argon2id (@node-rs/argon2, off the main thread).
 *
 * Concurrency is not limited here but by the HashGate (src/limits/admission.ts), per login.
 *
 * Protects: stored passwords against offline cracking. Invariants: one parameter set from config;
 * hashes are PHC strings so that old parameters keep verifying; verification of an unknown account
 * runs against a dummy hash with the same parameters, so "no such account" costs exactly as much as
 * "wrong password" and latency reveals nothing.
 */
import { hash, verify } from '@node-rs/argon2';

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** True when a stored hash was made with other parameters than the configured ones. */
  needsRehash(passwordHash: string): boolean;
  /** Spends the time of one verification and always fails; for unknown accounts. */
  verifyDummy(password: string): Promise<false>;
  /** Observed hash durations, for metrics. */
  onDuration?: (operation: 'hash' | 'verify', seconds: number) => void;
}

const ARGON2ID = 2;

export async function createArgon2Hasher(params: Argon2Params): Promise<PasswordHasher> {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  } as const;
  // A real hash of a random string: verifying against it costs what a real verification costs.
  const dummyHash = await hash(crypto.randomUUID(), options as never);
  const hasher: PasswordHasher = {
    async hash(password) {
      const started = performance.now();
      try {
        return await hash(password, options as never);
      } finally {
        hasher.onDuration?.('hash', (performance.now() - started) / 1000);
      }
    },
    async verify(passwordHash, password) {
      const started = performance.now();
      try {
        return await verify(passwordHash, password);
      } catch {
        // A malformed stored hash must not turn into a 500 or a success.
        return false;
      } finally {
        hasher.onDuration?.('verify', (performance.now() - started) / 1000);
      }
    },
    needsRehash(passwordHash) {
      // PHC: $argon2id$v=19$m=19456,t=2,p=1$salt$hash. Old parameters would also make old accounts
      // verify at a different speed than the dummy, a timing signal; rehashing on login removes it.
      const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
      return !match || Number(match[1]) !== params.memoryKiB || Number(match[2]) !== params.iterations || Number(match[3]) !== params.parallelism;
    },
    async verifyDummy(password) {
      await hasher.verify(dummyHash, password);
      return false;
    },
  };
  return hasher;
}
