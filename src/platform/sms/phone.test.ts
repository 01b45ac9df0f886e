import { describe, expect, it } from 'vitest';
import { isValidPhoneE164, normalizePhone } from './phone.js';

describe('isValidPhoneE164', () => {
  it('accepts + then 7 to 15 digits without a leading zero', () => {
    expect(isValidPhoneE164('+4915112345678')).toBe(true);
    expect(isValidPhoneE164('+1234567')).toBe(true); // 7 digits
    expect(isValidPhoneE164('+123456789012345')).toBe(true); // 15 digits
  });

  it.each([
    ['', 'empty'],
    ['4915112345678', 'no plus'],
    ['+0915112345678', 'leading zero country code'],
    ['+123456', 'too short (6 digits)'],
    ['+1234567890123456', 'too long (16 digits)'],
    ['+49 151 12345678', 'spaces'],
    ['+49-151-12345678', 'dashes'],
    ['+4915112345678\n', 'trailing newline'],
    ['+49151abc45678', 'letters'],
    ['++4915112345678', 'double plus'],
    ['+４９15112345678', 'full-width digits'],
    ['+٤٩15112345678', 'Arabic-Indic digits'],
  ])('refuses %j (%s)', (phone) => {
    expect(isValidPhoneE164(phone)).toBe(false);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+4915112345678', '+4915112345678'],
    ['+49 151 12345678', '+4915112345678'],
    ['  +49 151 12345678  ', '+4915112345678'],
    ['+49-151-123-456-78', '+4915112345678'],
    ['+49.151.12345678', '+4915112345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['0049 151 12345678', '+4915112345678'],
    ['0049-151-12345678', '+4915112345678'],
    ['+49 (0)151 12345678', '+4915112345678'],
    ['+44 (0) 20 7946 0958', '+442079460958'],
    ['0044 (0)20 7946 0958', '+442079460958'],
    ['+49\t151\u00a012345678', '+4915112345678'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['015112345678', 'national number without a country code'],
    ['4915112345678', 'digits without + or 00'],
    ['000049151123456', '000 prefix'],
    ['+0 151 12345678', 'country code starting with 0'],
    ['+49 151 1234 5678 9012', 'too long'],
    ['+49 12', 'too short'],
    ['+49 151 12345678 ext 12', 'extension'],
    ['+49/151/12345678', 'slashes'],
    ['+49 151 12345678; DROP TABLE', 'junk'],
    ['tel:+4915112345678', 'tel: URI'],
    ['+49 15 11 23 45 678'.padEnd(80, ' '), 'overlong input'],
    ['+４９ 151 12345678', 'full-width digits'],
    ['+49++15112345678', 'plus in the middle'],
  ])('refuses %j (%s)', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('always returns a valid E.164 number or null', () => {
    for (const raw of ['+1 415 555 2671', '00 1 415 555 2671', '(+1) 415', '+(49) 151 12345678', '++1', '00', '+']) {
      const result = normalizePhone(raw);
      if (result !== null) expect(isValidPhoneE164(result)).toBe(true);
    }
  });
});
