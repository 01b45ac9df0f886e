import { describe, expect, it } from 'vitest';
import { clientKey, createAllowList, isValidCidr } from './client-ip.js';

describe('client keys', () => {
  it('keeps IPv4 as is and maps IPv4-mapped IPv6 to IPv4', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 by /64', () => {
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::ffff')).toBe(clientKey('2001:db8:1:2:1:2:3:4'));
    expect(clientKey('2001:db8:1:3::1')).not.toBe(clientKey('2001:db8:1:2::1'));
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('matches allow-listed networks, IPv4 and IPv6', () => {
    const allowed = createAllowList(['10.0.0.0/8', '192.0.2.10', '2001:db8::/32']);
    expect(allowed('10.20.30.40')).toBe(true);
    expect(allowed('::ffff:10.1.1.1')).toBe(true);
    expect(allowed('192.0.2.10')).toBe(true);
    expect(allowed('192.0.2.11')).toBe(false);
    expect(allowed('2001:db8:ffff::1')).toBe(true);
    expect(allowed('2001:db9::1')).toBe(false);
    expect(createAllowList([])('10.0.0.1')).toBe(false);
  });

  it('validates CIDRs', () => {
    expect(isValidCidr('10.0.0.0/8')).toBe(true);
    expect(isValidCidr('2001:db8::/32')).toBe(true);
    expect(isValidCidr('10.0.0.1')).toBe(true);
    expect(isValidCidr('10.0.0.0/33')).toBe(false);
    expect(isValidCidr('example.com/8')).toBe(false);
  });
});
