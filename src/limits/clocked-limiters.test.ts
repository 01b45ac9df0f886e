import { describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { WindowStore } from './clocked-limiters.js';

describe('packed limiter windows', () => {
  it('keep points and exact expiry through the packing, including no expiry', () => {
    const clock = new ManualClock();
    const store = new WindowStore(clock, 100);
    store.set('a', 5, clock.nowMs() + 300_000);
    store.set('b', -3, null);
    store.set('c', 9999, clock.nowMs() + 86_400_000);
    store.set('d', -5000, null);
    expect(store.get('a')).toEqual({ points: 5, expiresAtMs: clock.nowMs() + 300_000 });
    expect(store.get('b')).toEqual({ points: -3, expiresAtMs: null });
    // Beyond the packed 12 bits (a request-weight budget of thousands) the count stays exact.
    expect(store.get('c')).toEqual({ points: 9999, expiresAtMs: clock.nowMs() + 86_400_000 });
    expect(store.get('d')).toEqual({ points: -5000, expiresAtMs: null });
    expect(store.get('missing')).toBeUndefined();
  });

  it('hold at most maxKeys, dropping the least recently used', () => {
    const clock = new ManualClock();
    const store = new WindowStore(clock, 3);
    for (const key of ['a', 'b', 'c']) store.set(key, 1, null);
    store.get('a');
    store.set('d', 1, null);
    expect(store.size).toBe(3);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
  });
});
