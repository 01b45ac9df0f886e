/**
 * Amounts are decimal strings at the API and integer minor units (1e-8) everywhere else: no float
 * ever touches a balance. The cap keeps every amount exactly representable in a JS number and a
 * 64-bit column (10^15 minor units = 10,000,000 whole units).
 */
export const DECIMALS = 8;
const SCALE = 10n ** BigInt(DECIMALS);
export const MAX_MINOR = 10n ** 15n;

/** "1.5" → 150000000n; null for anything that is not a plain non-negative decimal within range. */
export function parseAmount(text: string): bigint | null {
  const match = /^(\d{1,16})(?:\.(\d{1,8}))?$/.exec(text);
  if (!match) return null;
  const minor = BigInt(match[1]!) * SCALE + BigInt((match[2] ?? '').padEnd(DECIMALS, '0'));
  return minor <= MAX_MINOR ? minor : null;
}

/** 150000000n → "1.5"; 0n → "0". */
export function formatMinor(minor: bigint | number): string {
  const value = BigInt(minor);
  const whole = value / SCALE;
  const fraction = (value % SCALE).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
