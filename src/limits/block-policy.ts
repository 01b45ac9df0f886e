/**
 * One escalating failure policy: N failures within a window block the key; each block within the
 * escalation memory (24 h) doubles the next, up to a cap; attempts during a block count, and every
 * `hammerAttempts` of them re-blocks at the next level from now.
 *
 * Invariants: a slot is reserved (one atomic increment) before the expensive check runs, so parallel
 * attempts cannot exceed N; exactly one failure (the one that took slot N) starts a block, so a burst
 * of failures escalates once, not N times; blocked keys answer from a process-local cache of block
 * ends, with one counter write per escalation step, which is what makes a rejection cost next to
 * nothing.
 */
import { LRUCache } from 'lru-cache';
import type { Clock } from '../platform/clock.js';
import type { LimiterFactory, Limiter } from './limiter-factory.js';

export interface BlockPolicyConfig {
  failures: number;
  windowSeconds: number;
  blockSeconds: number;
}

export interface EscalationConfig {
  maxBlockSeconds: number;
  memorySeconds: number;
  hammerAttempts: number;
}

export type Reservation = { ok: true; slot: number } | { ok: false; retryAfterMs: number };

export class BlockPolicy {
  private readonly counts: Limiter;
  private readonly blocks: Limiter;
  private readonly levels: Limiter;
  /**
   * key → block end (ms), hammering attempts the store has, and attempts counted here but not yet
   * written: a hint that saves store round trips, never the source of truth for "not blocked".
   */
  private readonly knownBlocks = new LRUCache<string, { endMs: number; hammers: number; pending: number }>({ max: 100_000 });

  constructor(
    name: string,
    private readonly config: BlockPolicyConfig,
    private readonly escalation: EscalationConfig,
    factory: LimiterFactory,
    private readonly clock: Clock,
  ) {
    this.counts = factory.create(`${name}:cnt`, config.failures, config.windowSeconds);
    this.blocks = factory.create(`${name}:blk`, 1, escalation.maxBlockSeconds);
    this.levels = factory.create(`${name}:lvl`, 1_000_000, escalation.memorySeconds);
  }

  /**
   * Milliseconds left on a block this process knows of, counting this attempt as hammering, when
   * that needs no store: undefined when the key has no known block or this attempt completes an
   * escalation step (then `blockedForMs` must run).
   *
   * The attempt is counted here, and the count written to the store only at the next escalation
   * step. In one process that re-blocks on exactly the same attempt as a write per attempt would,
   * for one store write per `hammerAttempts` refusals; with several processes sharing Redis, each
   * may hold back a few attempts.
   */
  knownBlockMs(key: string): number | undefined {
    const now = this.clock.nowMs();
    const known = this.knownBlocks.get(key);
    if (!known || known.endMs <= now || (known.hammers + known.pending + 1) % this.escalation.hammerAttempts === 0) return undefined;
    known.pending++;
    return known.endMs - now;
  }

  /** Whether this process knows of a running block of the key (a hint: the store decides). */
  knowsBlockOf(key: string): boolean {
    const known = this.knownBlocks.get(key);
    return known !== undefined && known.endMs > this.clock.nowMs();
  }

  /** Milliseconds left on the key's block (counting this attempt as hammering), or 0 when not blocked. */
  async blockedForMs(key: string): Promise<number> {
    const withoutStore = this.knownBlockMs(key);
    if (withoutStore !== undefined) return withoutStore;
    const now = this.clock.nowMs();
    const known = this.knownBlocks.get(key);
    if (known && known.endMs > now) {
      // This attempt completes an escalation step: write what was counted here, with it.
      const pending = known.pending + 1;
      known.pending = 0;
      return this.recordHammers(key, pending, now);
    }
    const block = await this.blocks.get(key);
    if (!block || block.consumedPoints < 2) return 0;
    return this.recordHammers(key, 1, now);
  }

  /** Adds `attempts` hammering attempts to a block in the store; re-blocks when a step is crossed. */
  private async recordHammers(key: string, attempts: number, now: number): Promise<number> {
    const hammered = await this.blocks.hit(key, attempts);
    if (hammered.isFirstInDuration) {
      // The block ran out between the two reads: undo the fresh window we just opened.
      await this.blocks.delete(key);
      this.knownBlocks.delete(key);
      return 0;
    }
    // block() leaves 2 points consumed; everything above is hammering.
    const hammers = hammered.consumedPoints - 2;
    const every = this.escalation.hammerAttempts;
    if (hammers > 0 && Math.floor(hammers / every) > Math.floor(Math.max(0, hammers - attempts) / every)) return this.startBlock(key);
    this.knownBlocks.set(key, { endMs: now + hammered.msBeforeNext, hammers, pending: this.countedMeanwhile(key) });
    return hammered.msBeforeNext;
  }

  /** Takes one failure slot before the expensive check; refuses when the key is blocked or full. */
  async reserve(key: string): Promise<Reservation> {
    const blockedMs = await this.blockedForMs(key);
    if (blockedMs > 0) return { ok: false, retryAfterMs: blockedMs };
    const counted = await this.counts.hit(key);
    if (counted.consumedPoints > this.config.failures) {
      // More attempts in flight than failures allowed: refuse without running the check.
      return { ok: false, retryAfterMs: this.config.blockSeconds * 1000 };
    }
    return { ok: true, slot: counted.consumedPoints };
  }

  /** The reserved attempt failed; the one holding the last slot starts the block. Returns the block ms or 0. */
  async failed(key: string, slot: number): Promise<number> {
    if (slot !== this.config.failures) return 0;
    return this.startBlock(key);
  }

  /** The reserved attempt succeeded: consecutive failures start again from zero. */
  async succeeded(key: string): Promise<void> {
    await this.counts.delete(key);
  }

  /** The attempt was not made (e.g. shed under load): give the slot back. */
  async release(key: string): Promise<void> {
    await this.counts.reward(key);
  }

  private async startBlock(key: string): Promise<number> {
    const level = (await this.levels.hit(key)).consumedPoints;
    const seconds = Math.min(this.config.blockSeconds * 2 ** Math.max(0, level - 1), this.escalation.maxBlockSeconds);
    await this.blocks.block(key, seconds);
    await this.counts.delete(key);
    this.knownBlocks.set(key, { endMs: this.clock.nowMs() + seconds * 1000, hammers: 0, pending: this.countedMeanwhile(key) });
    return seconds * 1000;
  }

  /**
   * Attempts counted here against a running block while a store write for that key was in flight:
   * they carry over to the entry that replaces it, so concurrent refusals are never lost to escalation.
   */
  private countedMeanwhile(key: string): number {
    const known = this.knownBlocks.get(key);
    return known && known.endMs > this.clock.nowMs() ? known.pending : 0;
  }
}
