import { randomBytes, randomInt } from 'node:crypto';

/**
 * Randomness as a dependency. Production always uses the CSPRNG; the port exists so that tests can
 * observe (never weaken) what is generated.
 */
export interface Random {
  bytes(length: number): Buffer;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export const cryptoRandom: Random = {
  bytes: (length) => randomBytes(length),
  int: (maxExclusive) => randomInt(maxExclusive),
};

/** A string of `length` decimal digits, uniformly drawn (leading zeros kept). */
export function randomDigits(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(random.int(10));
  return out;
}

/** URL-safe opaque token carrying `bytes` bytes of entropy. */
export function randomToken(random: Random, bytes = 32): string {
  return random.bytes(bytes).toString('base64url');
}
