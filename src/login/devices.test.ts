import { describe, expect, it } from 'vitest';
import { deviceKeyFor, deviceNameFromUserAgent } from './devices.js';

describe('device names', () => {
  it.each([
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'Chrome on macOS'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      'Mobile Safari on iOS',
    ],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox on Windows'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36', 'Chrome on Android'],
    ['GatehouseApp/2.3.1 (build 77)', 'GatehouseApp'],
    ['', 'Unknown device'],
  ])('%s → %s', (ua, name) => {
    expect(deviceNameFromUserAgent(ua)).toBe(name);
  });

  it('keys a device by its deviceId, else by a stable hash of the User-Agent', () => {
    expect(deviceKeyFor('install-1234', 'UA')).toBe('install-1234');
    expect(deviceKeyFor(null, 'UA one')).toBe(deviceKeyFor(null, 'UA one'));
    expect(deviceKeyFor(null, 'UA one')).not.toBe(deviceKeyFor(null, 'UA two'));
  });
});
