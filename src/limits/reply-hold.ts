/**
 * Holds refusals before sending them (a tarpit): each for at least `delayMs`, and never more than
 * `maxPerSecond` leave in total, oldest first; at most `maxHeld` are held at once.
 *
 * Why: credential-stuffing tools run a fixed number of connections and send the next guess as soon
 * as an answer arrives. An instant refusal invites the next request at once, so a flood costs the
 * event loop as much as the attacker can send. Held refusals make every such connection wait: with
 * C connections the flood's rate falls to about min(C / delay, maxPerSecond) requests per second,
 * whatever C is (up to `maxHeld`), and its share of the CPU with it, for the price of idle sockets.
 * Past `maxHeld` refusals are sent at once, so the server never hoards sockets without bound.
 *
 * Yielding: while a real user's password check runs (the admission gate's priority lane), refusals
 * also wait, even with the tarpit off, until that check is done or `yieldMaxMs` has passed. A
 * closed-loop flood then goes quiet for the length of the check: its generator, the event loop and
 * the check no longer share the cores three ways, and the check's completion is not queued behind a
 * turn of the loop answering the flood. Refusals that only yielded are all sent when the check ends;
 * the release rate is the tarpit's and applies only when the tarpit is on.
 */
export interface ReplyHoldOptions {
  delayMs: number;
  maxPerSecond: number;
  maxHeld: number;
  /** While yielding, a refusal waits at most this long past its due time; 0 = never yield. */
  yieldMaxMs?: number;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
  /**
   * Schedules the release when yielding ends. The default runs after the current I/O callback, so
   * that the real user's answer, still in the microtask queue, is written before the flood's.
   */
  defer?: (release: () => void) => void;
}

/** How often held refusals are looked at; bounds how late past its due time one is sent. */
const TICK_MS = 20;
/** Past its due time by this much, a refusal is sent whatever the release rate: no one waits without bound. */
const MAX_LATE_MS = 5000;

export class ReplyHold {
  private readonly queue: Array<{ at: number; send: () => void; owner: object | undefined }> = [];
  /** Refusals the tarpit does not hold (a blocked client's), waiting only for a priority check. */
  private readonly yieldOnly: Array<{ at: number; send: () => void; owner: object | undefined }> = [];
  /** Connections with a refusal held: one per connection, so pipelining cannot fill the hold. */
  private readonly owners = new WeakSet<object>();
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private lastFlush = 0;
  private allowance = 0;
  private yielding = false;
  private releaseScheduled = false;
  private readonly yieldMaxMs: number;
  private readonly defer: (release: () => void) => void;

  constructor(private readonly options: ReplyHoldOptions) {
    this.now = options.now ?? (() => performance.now());
    this.yieldMaxMs = Math.max(0, options.yieldMaxMs ?? 0);
    this.defer = options.defer ?? ((release) => setImmediate(release));
  }

  private get tarpit(): boolean {
    return this.options.delayMs > 0;
  }

  /** Refusals wait while `on` (a priority password check is running); off sends those due. */
  setYielding(on: boolean): void {
    if (this.yieldMaxMs === 0 || on === this.yielding) return;
    this.yielding = on;
    if (on || this.held === 0 || this.releaseScheduled) return;
    this.releaseScheduled = true;
    this.defer(() => {
      this.releaseScheduled = false;
      this.flush();
    });
  }

  get held(): number {
    return this.queue.length - this.head + this.yieldOnly.length;
  }

  /**
   * Whether a refusal may be held for `owner`, the connection (and then it is marked as holding
   * one): not when the hold is full, nor when the connection already has one held: HTTP/1.1 answers
   * a connection's requests in order, so a pipelined request's answer waits behind it anyway.
   */
  private takeSlot(owner: object | undefined): boolean {
    if (this.held >= this.options.maxHeld || (owner !== undefined && this.owners.has(owner))) return false;
    if (owner !== undefined) this.owners.add(owner);
    return true;
  }

  /** Runs `send` later, held by the tarpit and any yield; at once when neither holds it or no slot is free. */
  hold(send: () => void, owner?: object): void {
    if ((!this.tarpit && !this.yielding) || !this.takeSlot(owner)) {
      send();
      return;
    }
    const now = this.now();
    if (this.head === this.queue.length) {
      this.lastFlush = now;
      this.allowance = 0;
    }
    // The delay is the same for all, so the queue stays in order.
    this.queue.push({ at: now + Math.max(0, this.options.delayMs), send, owner });
    this.startTimer();
  }

  /**
   * Runs `send` at once unless a priority check is running; then it waits for that check like any
   * yielded refusal (at most `yieldMaxMs`), but the tarpit never holds it. For refusals the route
   * hooks send without a tarpit (a blocked client's), so that they too pause a closed-loop flood
   * while a real user's password is checked.
   */
  yieldOrSend(send: () => void, owner?: object): void {
    if (!this.yielding || !this.takeSlot(owner)) {
      send();
      return;
    }
    this.yieldOnly.push({ at: this.now(), send, owner });
    this.startTimer();
  }

  /** One timer for every held refusal; it also ends a yield that lasts too long. */
  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), TICK_MS);
    this.timer.unref();
  }

  private sendNow(send: () => void, owner: object | undefined): void {
    if (owner !== undefined) this.owners.delete(owner);
    try {
      send();
    } catch {
      // A client that went away meanwhile: nothing to send to, nothing to do.
    }
  }

  /** Sends every held refusal now (shutting down: the server must not wait on its own tarpit). */
  releaseAll(): void {
    this.flush(true);
  }

  /** Sends the refusals whose time has come, within the release rate (`all`: every one, now). */
  flush(all = false): void {
    const now = this.now();
    // Release budget accrues with the time that really passed (a busy event loop ticks late), and
    // never saves up more than that: the rate holds over any stretch of time.
    const perMs = this.options.maxPerSecond / 1000;
    const elapsed = Math.max(0, now - this.lastFlush);
    this.allowance =
      all || !this.tarpit ? Number.POSITIVE_INFINITY : Math.min(this.allowance + elapsed * perMs, Math.max(1, perMs * Math.max(TICK_MS, elapsed)));
    this.lastFlush = now;
    const due = all ? Number.POSITIVE_INFINITY : now;
    // While yielding, only refusals already past the yield's bound leave.
    const yieldDue = all || !this.yielding ? Number.POSITIVE_INFINITY : now - this.yieldMaxMs;
    while (
      this.head < this.queue.length &&
      this.queue[this.head]!.at <= Math.min(due, yieldDue) &&
      (this.allowance >= 1 || this.queue[this.head]!.at + MAX_LATE_MS <= now)
    ) {
      const { send, owner } = this.queue[this.head]!;
      this.head++;
      this.allowance -= 1;
      this.sendNow(send, owner);
    }
    if (all || !this.tarpit) this.allowance = 0;
    // Refusals that only waited for a priority check: all of them once it is over (or too long).
    let released = 0;
    while (released < this.yieldOnly.length && this.yieldOnly[released]!.at <= yieldDue) released++;
    for (const { send, owner } of this.yieldOnly.splice(0, released)) this.sendNow(send, owner);
    if (this.head === this.queue.length && this.yieldOnly.length === 0) {
      this.queue.length = 0;
      this.head = 0;
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    } else if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
