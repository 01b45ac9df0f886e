import { describe, expect, it } from 'vitest';
import { isValidEmail, normalizeEmail } from './email.js';

describe('email identities', () => {
  it('fold look-alikes, case and spacing into one address', () => {
    expect(normalizeEmail(' Tim@Example.COM ')).toBe('tim@example.com');
    expect(normalizeEmail('ｔｉｍ@ｅｘａｍｐｌｅ.com')).toBe('tim@example.com');
    expect(normalizeEmail('tim@bücher.de')).toBe('tim@xn--bcher-kva.de');
  });

  it('accept ASCII and IDNA addresses only', () => {
    for (const ok of ['tim@example.com', 'a.b+tag@sub.example.io', "o'neil@example.org", normalizeEmail('tim@bücher.de')])
      expect(isValidEmail(ok), ok).toBe(true);
    for (const bad of ['тim@example.com', 'tim@', '@example.com', 'a..b@example.com', 'tim@exa_mple.com', 'tim@localhost', `${'a'.repeat(65)}@example.com`]) {
      expect(isValidEmail(normalizeEmail(bad)), bad).toBe(false);
    }
  });
});
