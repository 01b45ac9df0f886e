import { describe, expect, it } from 'vitest';
import { formatBackupCode, normalizeBackupCode } from './backup-codes.js';

describe('backup code format', () => {
  it('reads codes case-insensitively, with or without hyphens, mapping I/L to 1 and O to 0', () => {
    expect(normalizeBackupCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeBackupCode('ABCDEFGHJKMNPQRS')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeBackupCode('1lI0-oO00-0000-0000')).toBe('1110000000000000');
    expect(normalizeBackupCode(' abcd efgh jkmn pqrs ')).toBe('ABCDEFGHJKMNPQRS');
  });
  it('refuses anything else', () => {
    expect(normalizeBackupCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normalizeBackupCode('ABCD-EFGH-JKMN-PQRU')).toBeNull(); // U is not in the alphabet
    expect(normalizeBackupCode('123456')).toBeNull();
  });
  it('formats as XXXX-XXXX-XXXX-XXXX', () => {
    expect(formatBackupCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
  });
});
