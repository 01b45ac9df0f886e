import { describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { BlockPolicy } from './block-policy.js';
import { createMemoryLimiterFactory } from './limiter-factory.js';

const POLICY = { failures: 5, windowSeconds: 3600, blockSeconds: 300 };
const ESCALATION = { maxBlockSeconds: 86_400, memorySeconds: 86_400, hammerAttempts: 5 };

/** Five failures in a row block the key (the fifth slot starts the block). */
async function blockKey(policy: BlockPolicy, key: string): Promise<number> {
  let blockMs = 0;
  for (let i = 0; i < POLICY.failures; i++) {
    const r = await policy.reserve(key);
    if (!r.ok) throw new Error('blocked too early');
    blockMs = await policy.failed(key, r.slot);
  }
  return blockMs;
}

describe('block policy hammering', () => {
  it('re-blocks on the fifth attempt during a block, counting attempts locally between store writes', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 26));
    const policy = new BlockPolicy('t', POLICY, ESCALATION, createMemoryLimiterFactory(clock, 1000), clock);
    expect(await blockKey(policy, 'ip')).toBe(300_000);
    clock.advanceSeconds(10);
    for (let i = 0; i < 4; i++) expect(await policy.blockedForMs('ip')).toBe(290_000);
    // The fifth: the next level (10 minutes) from now.
    expect(await policy.blockedForMs('ip')).toBe(600_000);
  });

  it('counts the attempts two processes see against one shared store, escalating on the fifth in total', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 26));
    const shared = createMemoryLimiterFactory(clock, 1000);
    const first = new BlockPolicy('t', POLICY, ESCALATION, shared, clock);
    const second = new BlockPolicy('t', POLICY, ESCALATION, shared, clock);
    await blockKey(first, 'ip');
    clock.advanceSeconds(10);
    // The second process has never seen this block: it reads the store, and counts from there.
    expect(await second.blockedForMs('ip')).toBe(290_000);
    expect(await second.blockedForMs('ip')).toBe(290_000);
    expect(await second.blockedForMs('ip')).toBe(290_000);
    expect(await second.blockedForMs('ip')).toBe(290_000);
    expect(await second.blockedForMs('ip')).toBe(600_000);
    // The first process learns of the new block from the store once its own hint runs out.
    clock.advanceSeconds(300);
    expect(await first.blockedForMs('ip')).toBe(600_000 - 300_000);
  });

  it('loses no attempt counted while an escalation step is being written', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 26));
    const policy = new BlockPolicy('t', POLICY, ESCALATION, createMemoryLimiterFactory(clock, 1000), clock);
    await blockKey(policy, 'ip');
    clock.advanceSeconds(10);
    // Eight attempts at once: the fifth re-blocks (a store write); the three after it arrive while
    // that write is in flight and count against the block being replaced.
    const answers = await Promise.all(Array.from({ length: 8 }, () => policy.blockedForMs('ip')));
    expect(answers.filter((ms) => ms === 600_000)).toHaveLength(1);
    // Those three count toward the next step: two more attempts make five, the next level (20 min).
    expect(await policy.blockedForMs('ip')).toBe(600_000);
    expect(await policy.blockedForMs('ip')).toBe(1_200_000);
  });
});
