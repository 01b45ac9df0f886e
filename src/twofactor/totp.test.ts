/** Known-answer tests from RFC 4226 Appendix D and RFC 6238 Appendix B (the RFCs' own tables). */
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { checkTotp, generateTotp, otpauthUri, secretToBase32, totpStep } from './totp.js';

const SEED_SHA1 = '12345678901234567890';
const SEEDS: Record<string, string> = {
  SHA1: SEED_SHA1,
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};

describe('RFC 4226 HOTP vectors', () => {
  const hotp = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(hotp.map((value, counter) => [counter, value]))('counter %i → %s', (counter, value) => {
    expect(OTPAuth.HOTP.generate({ secret: OTPAuth.Secret.fromLatin1(SEED_SHA1), counter: counter as number })).toBe(value);
  });
});

describe('RFC 6238 TOTP vectors (8 digits, per-mode seeds)', () => {
  const table: Array<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(table)('t=%i', (seconds, sha1, sha256, sha512) => {
    const expected: Record<string, string> = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512']) {
      const value = OTPAuth.TOTP.generate({
        secret: OTPAuth.Secret.fromLatin1(SEEDS[algorithm]!),
        algorithm,
        digits: 8,
        period: 30,
        timestamp: seconds * 1000,
      });
      expect(value, algorithm).toBe(expected[algorithm]);
    }
  });

  it('our 6-digit SHA-1 path gives the derived values, leading zeros kept', () => {
    const secret = Buffer.from(SEED_SHA1, 'latin1');
    expect(generateTotp(secret, 59_000)).toBe('287082'); // = HOTP counter 1
    expect(generateTotp(secret, 1111111109_000)).toBe('081804');
    expect(generateTotp(secret, 1234567890_000)).toBe('005924');
    expect(generateTotp(secret, 20000000000_000)).toBe('353130');
  });
});

describe('TOTP checking with clock-skew diagnosis', () => {
  const secret = Buffer.from(SEED_SHA1, 'latin1');
  const now = 1_800_000_000_000;
  const codeAt = (offsetSeconds: number) => generateTotp(secret, now + offsetSeconds * 1000);

  it('accepts the current step and one step either side', () => {
    for (const offset of [-30, 0, 30]) expect(checkTotp(secret, codeAt(offset), now).kind, `${offset}`).toBe('match');
  });

  it.each([2, 3, 5, 10, -2, -4, -10])('diagnoses a phone clock %i steps off as clock_skew with signed seconds', (steps) => {
    expect(checkTotp(secret, codeAt(steps * 30), now)).toEqual({ kind: 'skew', offsetSteps: steps, skewSeconds: steps * 30, step: totpStep(now) + steps });
  });

  it('refuses codes beyond 10 steps and garbage as invalid', () => {
    expect(checkTotp(secret, codeAt(11 * 30), now).kind).toBe('invalid');
    expect(checkTotp(secret, codeAt(-11 * 30), now).kind).toBe('invalid');
    expect(checkTotp(secret, 'abcdef', now).kind).toBe('invalid');
    expect(checkTotp(secret, '12345', now).kind).toBe('invalid');
  });

  it('builds an otpauth URI an authenticator app understands', () => {
    const uri = otpauthUri(secret, 'alice@example.com');
    expect(uri).toBe(`otpauth://totp/Gatehouse:alice%40example.com?issuer=Gatehouse&secret=${secretToBase32(secret)}&algorithm=SHA1&digits=6&period=30`);
    expect(secretToBase32(secret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});
