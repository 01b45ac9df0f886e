/**
 * Time as a dependency. Every service reads time through a Clock so that tests move time
 * forward instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that only moves when told to; for tests and simulations. */
export class ManualClock implements Clock {
  constructor(private currentMs: number = Date.UTC(2026, 0, 1)) {}
  nowMs(): number {
    return this.currentMs;
  }
  advanceMs(ms: number): void {
    this.currentMs += ms;
  }
  advanceSeconds(seconds: number): void {
    this.currentMs += seconds * 1000;
  }
  setMs(ms: number): void {
    this.currentMs = ms;
  }
}
