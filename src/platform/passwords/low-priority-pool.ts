/**
 * argon2id on worker threads that run at a lower CPU priority (a higher Linux "nice" value) than
 * the rest of the process.
 *
 * Why: under a credential-stuffing flood the CPU is shared by the event loop (which must keep
 * answering), the hashes of known devices (real users) and the hashes of unknown devices (mostly
 * the attacker). The admission gate decides *which* hashes run; this decides *how fast* they run
 * when the cores are contended. A niced thread still gets every idle cycle, so unloaded it hashes
 * at full speed; under contention the kernel gives its time to the known device's hash and the
 * event loop first. Linux nice values are per thread, and raising one's own needs no privilege.
 *
 * The workers are per process and shared by every hasher with the same parameters (like the libuv
 * pool, they live as long as the process and never keep it alive: they are unref'd).
 */
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Argon2Options {
  algorithm: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

type Job = { op: 'verify'; hash: string; password: string } | { op: 'hash'; password: string };

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

// Evaluated as a CommonJS worker, so that it runs the same from dist/ and from the TypeScript
// sources under test (a .ts worker file would need a loader). argon2's path is resolved by the
// parent and passed in.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { setPriority } = require('node:os');
const argon2 = require(workerData.argon2Path);
let niced = false;
try {
  // /proc/thread-self -> "<pid>/task/<tid>"; on Linux a nice value set on a thread id is that thread's.
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(tid, workerData.nice);
  niced = true;
} catch {}
parentPort.postMessage({ ready: true, niced });
parentPort.on('message', (job) => {
  try {
    const value = job.op === 'verify' ? argon2.verifySync(job.hash, job.password) : argon2.hashSync(job.password, workerData.options);
    parentPort.postMessage({ value });
  } catch (err) {
    // A stored hash argon2 cannot parse is a failed check (as on the libuv pool), not an outage.
    if (job.op === 'verify') parentPort.postMessage({ value: false });
    else parentPort.postMessage({ error: String((err && err.message) || err) });
  }
});
`;

class PoolWorker {
  private readonly worker: Worker;
  private current: Pending | null = null;

  constructor(
    options: Argon2Options,
    nice: number,
    private readonly onIdle: (w: PoolWorker) => void,
    onExit: (w: PoolWorker) => void,
  ) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { argon2Path: createRequire(import.meta.url).resolve('@node-rs/argon2'), options, nice },
      // Small heap: the worker only relays strings; argon2's memory is native.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    this.worker.on('message', (msg: { ready?: boolean; value?: unknown; error?: string }) => {
      if (msg.ready) return;
      const done = this.current;
      this.current = null;
      this.worker.unref();
      if (done) {
        if (msg.error !== undefined) done.reject(new Error(msg.error));
        else done.resolve(msg.value);
      }
      this.onIdle(this);
    });
    let dead = false;
    const fail = (err: Error) => {
      this.current?.reject(err);
      this.current = null;
      if (!dead) onExit(this);
      dead = true;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('password hashing worker exited')));
    // Idle workers never keep the process alive; one with a job in flight does (run() refs it).
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.worker.unref();
  }

  run(pending: Pending): void {
    this.current = pending;
    this.worker.ref();
    this.worker.postMessage(pending.job);
  }
}

export class LowPriorityHashPool {
  private readonly workers: PoolWorker[] = [];
  private readonly idle: PoolWorker[] = [];
  private readonly waiting: Pending[] = [];

  constructor(
    private readonly options: Argon2Options,
    private readonly size: number,
    private readonly nice: number,
  ) {}

  verify(hash: string, password: string): Promise<boolean> {
    return this.submit({ op: 'verify', hash, password }) as Promise<boolean>;
  }

  hash(password: string): Promise<string> {
    return this.submit({ op: 'hash', password }) as Promise<string>;
  }

  private submit(job: Job): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Hands waiting jobs to idle workers; workers start on first use (a process that never hashes at low priority never pays for them). */
  private pump(): void {
    while (this.waiting.length > 0) {
      if (this.idle.length === 0 && this.workers.length < this.size) this.spawn();
      const worker = this.idle.pop();
      if (!worker) return;
      worker.run(this.waiting.shift()!);
    }
  }

  private spawn(): void {
    const worker = new PoolWorker(
      this.options,
      this.nice,
      (w) => {
        this.idle.push(w);
        this.pump();
      },
      (w) => {
        // A dead worker is replaced when work waits; its own job was rejected, not lost.
        this.workers.splice(this.workers.indexOf(w), 1);
        const at = this.idle.indexOf(w);
        if (at >= 0) this.idle.splice(at, 1);
        this.pump();
      },
    );
    this.workers.push(worker);
    this.idle.push(worker);
  }
}

const pools = new Map<string, LowPriorityHashPool>();

/** The process's pool for these parameters (created once; its threads start on first use). */
export function lowPriorityHashPool(options: Argon2Options, size: number, nice: number): LowPriorityHashPool {
  const key = JSON.stringify([options, size, nice]);
  let pool = pools.get(key);
  if (!pool) {
    pool = new LowPriorityHashPool(options, size, nice);
    pools.set(key, pool);
  }
  return pool;
}

/** Whether this platform lets a thread lower its own priority (Linux: per-thread nice values). */
export function threadNiceSupported(): boolean {
  try {
    readlinkSync('/proc/thread-self');
    return true;
  } catch {
    return false;
  }
}
