import { describe, expect, it } from 'vitest';
import { ReplyHold } from './reply-hold.js';

function setup(options: { delayMs: number; maxPerSecond: number; maxHeld: number; yieldMaxMs?: number }) {
  let now = 1_000;
  const sent: number[] = [];
  // Releases after a yield run when the test says (in the server: after the current callback).
  const deferred: Array<() => void> = [];
  const hold = new ReplyHold({ ...options, now: () => now, defer: (release) => deferred.push(release) });
  return {
    hold,
    sent,
    runDeferred: () => {
      for (const release of deferred.splice(0)) release();
    },
    send: (n: number) => hold.hold(() => sent.push(n)),
    advance: (ms: number) => {
      now += ms;
      hold.flush();
    },
  };
}

describe('held refusals (tarpit)', () => {
  it('sends each refusal only after the delay, oldest first', () => {
    const t = setup({ delayMs: 250, maxPerSecond: 1_000_000, maxHeld: 100 });
    t.send(1);
    t.advance(100);
    t.send(2);
    t.advance(149);
    expect(t.sent).toEqual([]);
    t.advance(1);
    expect(t.sent).toEqual([1]);
    t.advance(100);
    expect(t.sent).toEqual([1, 2]);
    expect(t.hold.held).toBe(0);
  });

  it('releases no more than maxPerSecond, so many waiting connections cannot speed the flood up', () => {
    const t = setup({ delayMs: 10, maxPerSecond: 100, maxHeld: 10_000 });
    for (let i = 0; i < 1000; i++) t.send(i);
    // One second in 20 ms steps: 100 sent, in order, the rest still held.
    for (let ms = 0; ms < 1000; ms += 20) t.advance(20);
    expect(t.sent.length).toBeGreaterThanOrEqual(99);
    expect(t.sent.length).toBeLessThanOrEqual(102);
    expect(t.sent).toEqual(Array.from({ length: t.sent.length }, (_, i) => i));
    expect(t.hold.held).toBe(1000 - t.sent.length);
  });

  it('sends at once when the hold is full or holding is off', () => {
    const full = setup({ delayMs: 250, maxPerSecond: 1000, maxHeld: 2 });
    full.send(1);
    full.send(2);
    full.send(3);
    expect(full.sent).toEqual([3]);
    const off = setup({ delayMs: 0, maxPerSecond: 1000, maxHeld: 2 });
    off.send(1);
    expect(off.sent).toEqual([1]);
  });

  it('keeps going when sending one refusal throws (its client went away)', () => {
    const t = setup({ delayMs: 5, maxPerSecond: 1_000_000, maxHeld: 10 });
    t.hold.hold(() => {
      throw new Error('socket closed');
    });
    t.send(2);
    t.advance(10);
    expect(t.sent).toEqual([2]);
  });

  it('sends everything at once on shutdown, whatever the delay and rate', () => {
    const t = setup({ delayMs: 5000, maxPerSecond: 1, maxHeld: 100 });
    for (let i = 0; i < 10; i++) t.send(i);
    t.hold.releaseAll();
    expect(t.sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.hold.held).toBe(0);
  });

  it('holds one refusal per connection: pipelined requests on it are answered at once (behind the held one)', () => {
    const t = setup({ delayMs: 250, maxPerSecond: 1000, maxHeld: 3 });
    const connection = {};
    for (let i = 0; i < 100; i++) t.hold.hold(() => t.sent.push(i), connection);
    expect(t.hold.held).toBe(1);
    expect(t.sent.length).toBe(99);
    t.send(1000);
    expect(t.hold.held).toBe(2);
    t.advance(250);
    expect(t.sent.slice(-2)).toEqual([0, 1000]);
    // The connection may hold again once its refusal went out.
    t.hold.hold(() => t.sent.push(2000), connection);
    expect(t.hold.held).toBe(1);
  });

  it('keeps the release rate when the timer fires late, and sends a refusal 5 s overdue whatever the rate', () => {
    const t = setup({ delayMs: 10, maxPerSecond: 100, maxHeld: 10_000 });
    for (let i = 0; i < 1000; i++) t.send(i);
    // A busy event loop: the timer fires every 100 ms instead of every 20 ms.
    for (let ms = 0; ms < 1000; ms += 100) t.advance(100);
    expect(t.sent.length).toBeGreaterThanOrEqual(99);
    expect(t.sent.length).toBeLessThanOrEqual(102);
    t.advance(5000);
    expect(t.hold.held).toBe(0);
  });
  describe("yielding to a known device's password check", () => {
    it('with the tarpit off, holds refusals only while the check runs and sends them all, in order, after it', () => {
      const t = setup({ delayMs: 0, maxPerSecond: 10, maxHeld: 10_000, yieldMaxMs: 200 });
      t.send(0);
      expect(t.sent).toEqual([0]);
      t.hold.setYielding(true);
      for (let i = 1; i <= 50; i++) t.send(i);
      t.advance(20);
      expect(t.sent).toEqual([0]);
      t.hold.setYielding(false);
      // Not inside the callback that ended the check: the user's own answer goes out first.
      expect(t.sent).toEqual([0]);
      t.runDeferred();
      // All 50 at once: the tarpit's release rate (10/s) does not apply to refusals that only yielded.
      expect(t.sent).toEqual(Array.from({ length: 51 }, (_, i) => i));
      expect(t.hold.held).toBe(0);
      t.send(51);
      expect(t.sent.at(-1)).toBe(51);
    });

    it('never holds a refusal longer than yieldMaxMs, however long priority work goes on', () => {
      const t = setup({ delayMs: 0, maxPerSecond: 1000, maxHeld: 100, yieldMaxMs: 200 });
      t.hold.setYielding(true);
      t.send(1);
      t.advance(100);
      t.send(2);
      t.advance(99);
      expect(t.sent).toEqual([]);
      t.advance(1);
      expect(t.sent).toEqual([1]);
      t.advance(100);
      expect(t.sent).toEqual([1, 2]);
    });

    it('with the tarpit on, a yield can lengthen a hold but never shortens one', () => {
      const t = setup({ delayMs: 250, maxPerSecond: 1_000_000, maxHeld: 100, yieldMaxMs: 200 });
      t.send(1);
      t.hold.setYielding(true);
      t.advance(300);
      expect(t.sent).toEqual([]); // due at 250, but a check is running
      t.send(2);
      t.hold.setYielding(false);
      t.runDeferred();
      expect(t.sent).toEqual([1]); // 2 is not due before its own 250 ms
      t.advance(250);
      expect(t.sent).toEqual([1, 2]);
    });

    it("holds a refusal the tarpit must not hold (a blocked client's) only while a check runs, never for the tarpit", () => {
      const t = setup({ delayMs: 250, maxPerSecond: 1, maxHeld: 100, yieldMaxMs: 200 });
      t.hold.yieldOrSend(() => t.sent.push(1));
      expect(t.sent).toEqual([1]); // no check running: at once, no tarpit
      t.send(2); // a tarpit refusal, due in 250 ms
      t.hold.setYielding(true);
      for (let i = 3; i <= 6; i++) t.hold.yieldOrSend(() => t.sent.push(i));
      t.advance(20);
      expect(t.sent).toEqual([1]);
      expect(t.hold.held).toBe(5);
      t.hold.setYielding(false);
      t.runDeferred();
      // All four at once, although the tarpit's refusal ahead of them is not due and its rate is 1/s.
      expect(t.sent).toEqual([1, 3, 4, 5, 6]);
      t.advance(230);
      expect(t.sent).toEqual([1, 3, 4, 5, 6]); // due, but the tarpit's rate (1/s) has no budget yet
      t.advance(1000);
      expect(t.sent).toEqual([1, 3, 4, 5, 6, 2]);
      // And never longer than yieldMaxMs.
      t.hold.setYielding(true);
      t.hold.yieldOrSend(() => t.sent.push(7));
      t.advance(199);
      expect(t.sent.at(-1)).toBe(2);
      t.advance(1);
      expect(t.sent.at(-1)).toBe(7);
      expect(t.hold.held).toBe(0);
    });

    it('does nothing when yielding is off (yieldMaxMs 0), and still sends at once past maxHeld', () => {
      const off = setup({ delayMs: 0, maxPerSecond: 1000, maxHeld: 10, yieldMaxMs: 0 });
      off.hold.setYielding(true);
      off.send(1);
      expect(off.sent).toEqual([1]);
      const full = setup({ delayMs: 0, maxPerSecond: 1000, maxHeld: 1, yieldMaxMs: 200 });
      full.hold.setYielding(true);
      full.send(1);
      full.send(2);
      expect(full.sent).toEqual([2]);
    });
  });
});
