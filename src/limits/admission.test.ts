import { describe, expect, it } from 'vitest';
import { HashGate, OverloadedError } from './admission.js';

/** A task that finishes when told to, so the test controls the order of events. */
function controllable() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, task: () => done };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('hash admission gate', () => {
  it('lets normal work use all slots but one, keeps that one for known devices, and sheds beyond the queue bound', async () => {
    const gate = new HashGate({ concurrency: 2, maxQueued: 1, priorityMaxQueued: 10 });
    const a = controllable();
    const b = controllable();
    const p = controllable();
    const running = [gate.run('normal', a.task), gate.run('normal', b.task)];
    await tick();
    expect(gate.stats).toEqual({ active: 1, priorityQueued: 0, normalQueued: 1 });
    expect(gate.normalSaturated).toBe(true);
    await expect(gate.run('normal', async () => 'never')).rejects.toBeInstanceOf(OverloadedError);
    // the reserved slot: a known device starts at once although normal work is waiting
    const priority = gate.run('priority', p.task);
    await tick();
    expect(gate.stats).toEqual({ active: 2, priorityQueued: 0, normalQueued: 1 });
    a.finish();
    p.finish();
    b.finish();
    await Promise.all([...running, priority]);
    expect(gate.stats).toEqual({ active: 0, priorityQueued: 0, normalQueued: 0 });
    expect(gate.normalSaturated).toBe(false);
  });

  it('serves the priority lane first, and a full normal lane never refuses it', async () => {
    const gate = new HashGate({ concurrency: 1, maxQueued: 1, priorityMaxQueued: 10 });
    const order: string[] = [];
    const first = controllable();
    const busy = gate.run('normal', first.task);
    const queuedNormal = gate.run('normal', async () => void order.push('normal'));
    await expect(gate.run('normal', async () => 'shed')).rejects.toBeInstanceOf(OverloadedError);
    const priority = gate.run('priority', async () => void order.push('priority'));
    await tick();
    first.finish();
    await Promise.all([busy, queuedNormal, priority]);
    expect(order).toEqual(['priority', 'normal']);
  });

  it('a new normal request does not overtake waiting priority work even when a slot looks free', async () => {
    const gate = new HashGate({ concurrency: 1, maxQueued: 5, priorityMaxQueued: 5 });
    const order: string[] = [];
    const first = controllable();
    const busy = gate.run('normal', first.task);
    const p = gate.run('priority', async () => void order.push('priority'));
    first.finish();
    const n = gate.run('normal', async () => void order.push('normal'));
    await Promise.all([busy, p, n]);
    expect(order).toEqual(['priority', 'normal']);
  });

  it('tells when priority work starts and when none is left, once per busy stretch', async () => {
    const told: boolean[] = [];
    const gate = new HashGate({ concurrency: 1, maxQueued: 5, priorityMaxQueued: 5, onPriorityBusy: (busy) => told.push(busy) });
    const normal = controllable();
    const first = controllable();
    const second = controllable();
    const busy = gate.run('normal', normal.task);
    await tick();
    expect(told).toEqual([]); // normal work is not priority work
    const p1 = gate.run('priority', first.task);
    const p2 = gate.run('priority', second.task);
    normal.finish();
    await busy;
    expect(told).toEqual([true]);
    first.finish();
    await p1;
    // The second starts in the slot the first left: still one stretch.
    expect(told).toEqual([true]);
    second.finish();
    await p2;
    expect(told).toEqual([true, false]);
  });

  it('defaults to one slot per CPU core', () => {
    expect(new HashGate({ concurrency: 0, maxQueued: 1, priorityMaxQueued: 1 }).concurrency).toBeGreaterThanOrEqual(1);
  });
});
