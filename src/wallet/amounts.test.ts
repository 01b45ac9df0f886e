import { describe, expect, it } from 'vitest';
import { formatFixed, formatMinor, parseAmount, parseDecimal } from './amounts.js';

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

describe('Binance-style decimals', () => {
  it('counts significant decimals and keeps values exact, whatever their size', () => {
    expect(parseDecimal('0.1234567')).toEqual({ minor: 12_345_670n, decimals: 7 });
    expect(parseDecimal('0.10000000')).toEqual({ minor: 10_000_000n, decimals: 1 });
    expect(parseDecimal('1')).toEqual({ minor: 100_000_000n, decimals: 0 });
    expect(parseDecimal('99999999999999999999')).toEqual({ minor: 99_999_999_999_999_999_999n * 100_000_000n, decimals: 0 });
  });
  it('has no minor units for more than 8 significant decimals, and refuses what is not a decimal', () => {
    expect(parseDecimal('0.000000001')).toEqual({ minor: null, decimals: 9 });
    expect(parseDecimal('0.000000010')).toEqual({ minor: 1n, decimals: 8 });
    for (const bad of ['-1', '1e3', '1.', '.5', '', ' 1', '0x10', '1,5', '123456789012345678901']) expect(parseDecimal(bad), bad).toBeNull();
  });
  it("formats with Binance's fixed 8 decimals", () => {
    expect(formatFixed(10_000_000n)).toBe('0.10000000');
    expect(formatFixed(0)).toBe('0.00000000');
    expect(formatFixed(123_456_789_012n)).toBe('1234.56789012');
  });
});
