import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, normalizePassword } from './policy.js';

const limits = { minLength: 8, maxLength: 128 };

describe('password policy', () => {
  it('accepts any characters with no composition rules', () => {
    expect(checkPasswordPolicy('alllowercaseletters', limits)).toBeNull();
    expect(checkPasswordPolicy('密码很长的一句话', limits)).toBeNull();
  });

  it('counts code points after NFC, not UTF-16 units', () => {
    expect(checkPasswordPolicy(normalizePassword('🔒🔒🔒🔒🔒🔒🔒'), limits)).toBe('too_short'); // 7 emoji = 14 UTF-16 units
    expect(checkPasswordPolicy(normalizePassword('e\u0301'.repeat(8)), limits)).toBeNull(); // 8 after NFC
    expect(checkPasswordPolicy(normalizePassword('é'.repeat(128)), limits)).toBeNull();
    expect(checkPasswordPolicy(normalizePassword('é'.repeat(129)), limits)).toBe('too_long');
  });

  it('refuses the common list case-insensitively, including the top entries', () => {
    for (const common of ['12345678', 'password', 'PASSWORD1', 'qwertyuiop', 'iloveyou']) {
      expect(checkPasswordPolicy(common, limits)).toBe('common');
    }
  });
});
