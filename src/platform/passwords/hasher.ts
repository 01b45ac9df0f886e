/**
 * Password hashing with argon2id (@node-rs/argon2, off the main thread).
 *
 * Concurrency is not limited here but by the HashGate (src/limits/admission.ts), per login. The
 * gate also picks the lane: known devices hash on the libuv pool at the process's own priority;
 * everything else on `lowPriority`, threads with a higher nice value (low-priority-pool.ts), so
 * that under a flood the kernel serves real users' hashes and the event loop first.
 *
 * Protects: stored passwords against offline cracking. Invariants: one parameter set from config;
 * hashes are PHC strings so that old parameters keep verifying; verification of an unknown account
 * runs against a dummy hash with the same parameters, so "no such account" costs exactly as much as
 * "wrong password" and latency reveals nothing.
 */
import { hash, verify } from '@node-rs/argon2';
import { lowPriorityHashPool, type Argon2Options } from './low-priority-pool.js';

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
  /** The same operations on threads of lower CPU priority (itself when none are configured). */
  readonly lowPriority: PasswordHasher;
  /** Observed hash durations, for metrics. */
  onDuration?: (operation: 'hash' | 'verify', seconds: number) => void;
}

export interface LowPriorityOptions {
  /** Threads of the low-priority pool. */
  threads: number;
  /** Their nice value (1-19); 0 runs low-priority work on the libuv pool like the rest. */
  nice: number;
}

interface Backend {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

const ARGON2ID = 2;

export async function createArgon2Hasher(params: Argon2Params, low: LowPriorityOptions = { threads: 1, nice: 0 }): Promise<PasswordHasher> {
  const options: Argon2Options = {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  };
  const libuv: Backend = {
    hash: (password) => hash(password, options as never),
    // A malformed stored hash must not turn into a 500 or a success.
    verify: (h, password) => verify(h, password).catch(() => false),
  };
  // A real hash of a random string: verifying against it costs what a real verification costs.
  const dummyHash = await libuv.hash(crypto.randomUUID());
  const needsRehash = (passwordHash: string) => {
    // PHC: $argon2id$v=19$m=19456,t=2,p=1$salt$hash. Old parameters would also make old accounts
    // verify at a different speed than the dummy, a timing signal; rehashing on login removes it.
    const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
    return !match || Number(match[1]) !== params.memoryKiB || Number(match[2]) !== params.iterations || Number(match[3]) !== params.parallelism;
  };
  let onDuration: PasswordHasher['onDuration'];
  const timed = async <T>(operation: 'hash' | 'verify', run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      onDuration?.(operation, (performance.now() - started) / 1000);
    }
  };
  const over = (backend: Backend, lowPriority?: PasswordHasher): PasswordHasher => {
    const hasher: PasswordHasher = {
      hash: (password) => timed('hash', () => backend.hash(password)),
      // Each backend answers false for a malformed stored hash; a failure of the backend itself (a
      // crashed worker) propagates, so that it is a 1000 and logged, never a silent "wrong password".
      verify: (passwordHash, password) => timed('verify', () => backend.verify(passwordHash, password)),
      needsRehash,
      async verifyDummy(password) {
        await hasher.verify(dummyHash, password);
        return false;
      },
      get lowPriority() {
        return lowPriority ?? hasher;
      },
      get onDuration() {
        return onDuration;
      },
      set onDuration(fn) {
        onDuration = fn;
      },
    };
    return hasher;
  };
  const background = low.nice > 0 ? over(lowPriorityHashPool(options, Math.max(1, low.threads), low.nice)) : undefined;
  return over(libuv, background);
}
