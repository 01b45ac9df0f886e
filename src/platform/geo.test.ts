import { describe, expect, it } from 'vitest';
import { openGeo } from './geo.js';

describe('geo (shipped CC0 country database)', () => {
  it('resolves well-known public addresses, IPv4 and IPv6', async () => {
    const geo = await openGeo({ dbPath: null, overrides: {} });
    expect(geo.countryOf('8.8.8.8')).toBe('US');
    expect(geo.countryOf('1.2.4.8')).toBe('CN');
    expect(geo.countryOf('81.2.69.142')).toBe('GB');
    expect(geo.countryOf('2001:4860:4860::8888')).toBe('US');
    expect(geo.countryOf('::ffff:8.8.8.8')).toBe('US');
  });

  it('answers null for private, documentation and malformed addresses', async () => {
    const geo = await openGeo({ dbPath: null, overrides: {} });
    expect(geo.countryOf('10.1.2.3')).toBeNull();
    expect(geo.countryOf('192.0.2.1')).toBeNull();
    expect(geo.countryOf('not an ip')).toBeNull();
  });

  it('lets overrides win, the most specific prefix first', async () => {
    const geo = await openGeo({ dbPath: null, overrides: { '10.0.0.0/8': 'DE', '10.9.0.0/16': 'FR', '8.8.8.8/32': 'CH', '2001:db8::/32': 'JP' } });
    expect(geo.countryOf('10.1.2.3')).toBe('DE');
    expect(geo.countryOf('10.9.1.1')).toBe('FR');
    expect(geo.countryOf('8.8.8.8')).toBe('CH');
    expect(geo.countryOf('2001:db8::5')).toBe('JP');
  });
});
