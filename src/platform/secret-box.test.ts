import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

describe('secret box', () => {
  const key = randomBytes(32);
  it('round-trips, with a fresh IV each time', () => {
    const secret = randomBytes(20);
    const a = sealSecret(key, secret, 'acct-1');
    const b = sealSecret(key, secret, 'acct-1');
    expect(a).not.toBe(b);
    expect(openSecret(key, a, 'acct-1').equals(secret)).toBe(true);
  });
  it('refuses another account, another key, or a tampered ciphertext', () => {
    const sealed = sealSecret(key, Buffer.from('seed'), 'acct-1');
    expect(() => openSecret(key, sealed, 'acct-2')).toThrow();
    expect(() => openSecret(randomBytes(32), sealed, 'acct-1')).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('xxxx').toString('base64url');
    expect(() => openSecret(key, parts.join('.'), 'acct-1')).toThrow();
  });
});
