import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './working-days.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('addWorkingDays', () => {
  it('skips Saturday and Sunday', () => {
    // 2026-11-27 is a Friday
    expect(iso(addWorkingDays(at('2026-11-27T10:00:00Z'), 3))).toBe('2026-12-02T10:00:00.000Z');
    expect(iso(addWorkingDays(at('2026-11-28T10:00:00Z'), 3))).toBe('2026-12-02T10:00:00.000Z');
    expect(iso(addWorkingDays(at('2026-11-29T23:00:00Z'), 1))).toBe('2026-11-30T23:00:00.000Z');
  });

  it('counts plain weekdays one by one', () => {
    // Monday + 3 = Thursday; Wednesday + 3 = Monday
    expect(iso(addWorkingDays(at('2026-11-23T09:00:00Z'), 3))).toBe('2026-11-26T09:00:00.000Z');
    expect(iso(addWorkingDays(at('2026-11-25T09:00:00Z'), 3))).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(addWorkingDays(at('2026-11-25T09:00:00Z'), 10))).toBe('2026-12-09T09:00:00.000Z');
  });
});
