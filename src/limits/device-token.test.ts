import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceTokenMatches, issueDeviceToken, readDeviceToken } from './device-token.js';

describe('device tokens', () => {
  const key = randomBytes(32);
  const token = issueDeviceToken(key, 'ACCOUNT1', 'phone-install-1');

  it('prove this device for this account only', () => {
    expect(deviceTokenMatches(key, token, 'ACCOUNT1', 'phone-install-1')).toBe(true);
    expect(deviceTokenMatches(key, token, 'ACCOUNT2', 'phone-install-1')).toBe(false);
    expect(deviceTokenMatches(key, token, 'ACCOUNT1', 'another-device')).toBe(false);
  });

  it('refuse forged, altered or foreign-key tokens', () => {
    expect(readDeviceToken(key, token)).toEqual({ accountId: 'ACCOUNT1', digest: expect.any(String) });
    expect(readDeviceToken(randomBytes(32), token)).toBeNull();
    expect(readDeviceToken(key, token.replace('ACCOUNT1', 'ACCOUNT2'))).toBeNull();
    expect(readDeviceToken(key, `${token}.x`)).toBeNull();
    expect(readDeviceToken(key, undefined)).toBeNull();
    expect(readDeviceToken(key, 'x'.repeat(500))).toBeNull();
  });
});
