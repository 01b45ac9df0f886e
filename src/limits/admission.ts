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
import { AppError } from '../errors/app-error.js';

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
}

export class HashGate {
  private active = 0;
  private readonly priority: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];
  readonly concurrency: number;

  constructor(private readonly options: HashGateOptions) {
    this.concurrency = options.concurrency > 0 ? options.concurrency : availableParallelism();
  }

  get stats() {
    return { active: this.active, priorityQueued: this.priority.length, normalQueued: this.normal.length };
  }

  /** Runs `task` when a slot is free; throws OverloadedError at once when its line is full. */
  async run<T>(lane: Lane, task: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency && this.priority.length === 0 && (lane === 'priority' || this.normal.length === 0)) {
      this.active++;
    } else {
      const line = lane === 'priority' ? this.priority : this.normal;
      const limit = lane === 'priority' ? this.options.priorityMaxQueued : this.options.maxQueued;
      if (line.length >= limit) throw new OverloadedError();
      await new Promise<void>((resolve) => line.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.priority.shift() ?? this.normal.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Runs hashing work through the gate; a full line becomes 1003 `overloaded` with a short Retry-After. */
export async function runAdmitted<T>(gate: HashGate, lane: Lane, retryAfterSeconds: number, task: () => Promise<T>): Promise<T> {
  try {
    return await gate.run(lane, task);
  } catch (err) {
    if (err instanceof OverloadedError) throw new AppError('TOO_MANY_REQUESTS', { reason: 'overloaded', retryAfterSeconds });
    throw err;
  }
}
