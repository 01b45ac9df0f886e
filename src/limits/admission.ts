/**
 * Admission control for password hashing: a fixed number of logins hash at once (one per core by
 * default), with two waiting lines. Known devices (a device that has signed in to this very account
 * before) wait in the priority line, which is always served first; everything else waits in a short
 * normal line and is shed with 1003 `overloaded` when that line is full.
 *
 * Why: under a credential-stuffing flood the CPU is the scarce resource. Queueing every request
 * would make everyone wait behind the attacker; shedding unknown devices while serving known ones
 * first keeps real users' latency near its unloaded level.
 */
import { availableParallelism } from 'node:os';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { PasswordHasher } from '../platform/passwords/hasher.js';

export type Lane = 'priority' | 'normal';

export class OverloadedError extends Error {
  constructor() {
    super('password hashing is saturated');
    this.name = 'OverloadedError';
  }
}

export interface HashGateOptions {
  concurrency: number;
  maxQueued: number;
  priorityMaxQueued: number;
  /**
   * Told when priority work starts (true) and when none is left running (false): the refusal hold
   * yields to it (reply-hold.ts). Back-to-back priority work is one busy stretch.
   */
  onPriorityBusy?: (busy: boolean) => void;
}

export class HashGate {
  private activePriority = 0;
  private activeNormal = 0;
  private priorityBusy = false;
  private readonly priority: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];
  readonly concurrency: number;
  /** Normal work may use every slot but one, so that a known device always finds a slot soon. */
  readonly normalCapacity: number;

  constructor(private readonly options: HashGateOptions) {
    this.concurrency = options.concurrency > 0 ? options.concurrency : availableParallelism();
    this.normalCapacity = this.concurrency > 1 ? this.concurrency - 1 : 1;
  }

  get stats() {
    return { active: this.activePriority + this.activeNormal, priorityQueued: this.priority.length, normalQueued: this.normal.length };
  }

  /** The normal line is full: a new unknown-device login would be shed anyway, so shed it early. */
  get normalSaturated(): boolean {
    return this.normal.length >= this.options.maxQueued && this.activeNormal >= this.normalCapacity;
  }

  private canStart(lane: Lane): boolean {
    const active = this.activePriority + this.activeNormal;
    if (active >= this.concurrency) return false;
    return lane === 'priority' || (this.activeNormal < this.normalCapacity && this.priority.length === 0);
  }

  /** Runs `task` when a slot is free; throws OverloadedError at once when its line is full. */
  async run<T>(lane: Lane, task: () => Promise<T>): Promise<T> {
    const line = lane === 'priority' ? this.priority : this.normal;
    if (line.length === 0 && this.canStart(lane)) {
      this.start(lane);
    } else {
      const limit = lane === 'priority' ? this.options.priorityMaxQueued : this.options.maxQueued;
      if (line.length >= limit) throw new OverloadedError();
      // The slot is taken on our behalf by release() before we are woken.
      await new Promise<void>((resolve) => line.push(resolve));
    }
    try {
      return await task();
    } finally {
      this.release(lane);
    }
  }

  private start(lane: Lane): void {
    if (lane === 'priority') this.activePriority++;
    else this.activeNormal++;
    this.tellPriorityBusy();
  }

  private release(lane: Lane): void {
    if (lane === 'priority') this.activePriority--;
    else this.activeNormal--;
    // Waiting work is admitted before anyone is told that priority work has stopped.
    this.admitWaiting();
    this.tellPriorityBusy();
  }

  private tellPriorityBusy(): void {
    const busy = this.activePriority > 0;
    if (busy === this.priorityBusy) return;
    this.priorityBusy = busy;
    this.options.onPriorityBusy?.(busy);
  }

  private admitWaiting(): void {
    // Priority first; then normal work, within its share of the slots.
    while (this.priority.length > 0 && this.canStart('priority')) {
      this.start('priority');
      this.priority.shift()!();
    }
    while (this.normal.length > 0 && this.priority.length === 0 && this.canStart('normal')) {
      this.start('normal');
      this.normal.shift()!();
    }
  }
}

/**
 * Runs hashing work through the gate; a full line becomes 1003 `overloaded` with a short
 * Retry-After. The task gets the hasher of its lane: normal work hashes at low CPU priority.
 */
export async function runAdmitted<T>(deps: Pick<Deps, 'hashGate' | 'hasher' | 'config'>, lane: Lane, task: (hasher: PasswordHasher) => Promise<T>): Promise<T> {
  const hasher = lane === 'priority' ? deps.hasher : deps.hasher.lowPriority;
  try {
    return await deps.hashGate.run(lane, () => task(hasher));
  } catch (err) {
    if (err instanceof OverloadedError)
      throw new AppError('TOO_MANY_REQUESTS', { reason: 'overloaded', retryAfterSeconds: deps.config.admission.overloadRetryAfterSeconds });
    throw err;
  }
}
