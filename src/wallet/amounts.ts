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

/** 10^8 as a bigint: one whole unit in minor units. */
export const UNIT = SCALE;

export interface ParsedDecimal {
  /** The value in minor units (10^-8), or null when it has more than 8 significant decimals. */
  minor: bigint | null;
  /** Decimal places that carry a digit (trailing zeros do not count): "0.10" has 1. */
  decimals: number;
}

/**
 * A Binance-style decimal parameter ("0.1", "1", "0.10000000", at most 20 + 20 digits) without
 * rounding: the caller decides what too many decimals mean (-1111). Null when it is not a plain
 * non-negative decimal. Values are not capped here; compare against MAX_MINOR where it matters.
 */
export function parseDecimal(text: string): ParsedDecimal | null {
  const match = /^(\d{1,20})(?:\.(\d{1,20}))?$/.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const minor = fraction.length > DECIMALS ? null : BigInt(match[1]!) * SCALE + BigInt(fraction.padEnd(DECIMALS, '0'));
  return { minor, decimals: fraction.length };
}

/** 10000000n → "0.10000000": Binance's fixed 8-decimal form. */
export function formatFixed(minor: bigint | number): string {
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / SCALE}.${(abs % SCALE).toString().padStart(DECIMALS, '0')}`;
}
