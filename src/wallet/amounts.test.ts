import { describe, expect, it } from 'vitest';
import { formatMinor, parseAmount } from './amounts.js';

describe('decimal amounts', () => {
  it('parses decimal strings exactly into minor units', () => {
    expect(parseAmount('1')).toBe(100_000_000n);
    expect(parseAmount('0.1')).toBe(10_000_000n);
    expect(parseAmount('0.00000001')).toBe(1n);
    expect(parseAmount('10000000')).toBe(10n ** 15n);
  });
  it('refuses floats in disguise, signs, exponents, too many decimals and overflow', () => {
    for (const bad of ['-1', '1e3', '0.000000001', '1.', '.5', '10000000.00000001', 'NaN', '', ' 1']) expect(parseAmount(bad), bad).toBeNull();
  });
  it('formats without trailing zeros and round-trips', () => {
    expect(formatMinor(150_000_000n)).toBe('1.5');
    expect(formatMinor(0)).toBe('0');
    for (const text of ['0.1', '123.45678901', '7']) expect(formatMinor(parseAmount(text)!)).toBe(text);
  });
});
