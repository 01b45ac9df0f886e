import { describe, expect, it } from 'vitest';
import { decodeTime, isValid } from 'ulid';
import { ManualClock } from './clock.js';
import { createIdFactory } from './ids.js';

describe('ids', () => {
  it('are valid ULIDs carrying the clock time', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 26));
    const id = createIdFactory(clock)();
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(clock.nowMs());
  });

  it('sort strictly by creation, also within one millisecond, and do not repeat', () => {
    const clock = new ManualClock();
    const next = createIdFactory(clock);
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) {
      ids.push(next());
      if (i % 500 === 0) clock.advanceMs(1);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
