/**
 * Binance's limits for the signed API: REQUEST_WEIGHT per client IP per minute (each endpoint has a
 * weight), HTTP 418 bans for clients that keep going after 429s, and ORDERS per account per 10
 * seconds and per day.
 *
 * Protects: the server (and other clients) from polling floods and from clients that ignore 429.
 * Invariants: counters live in the same limiter stores as the login limits (process memory, or
 * Redis shared by every instance, with the per-process insurance when Redis is down); a banned IP is
 * answered from a process-local cache of ban ends without touching the weight; bans escalate as the
 * login blocks do (src/limits/block-policy.ts): `after429s` 429 answers within `windowSeconds` start
 * a ban of `firstBanSeconds`, each further ban within `memorySeconds` doubles, up to
 * `maxBanSeconds` (2 minutes to 3 days by default), and every `requestsPerEscalation` requests
 * during a ban move it up a step from then on.
 * Threat: a client hammering past its limit; one client's flood starving the rest.
 */
import type { Clock } from '../platform/clock.js';
import type { LimiterFactory, Limiter } from '../limits/limiter-factory.js';
import { BlockPolicy } from '../limits/block-policy.js';
import { clientKey } from '../limits/client-ip.js';
import type { SignedApiConfig } from './config-schema.js';

export type WeightVerdict =
  | { kind: 'ok'; usedWeight: number }
  | { kind: 'limited'; usedWeight: number; retryAfterSeconds: number }
  | { kind: 'banned'; usedWeight: number | null; retryAfterSeconds: number; untilMs: number };

export type OrderCountVerdict = { ok: boolean; count10s: number; count1d: number; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class SignedApiLimits {
  private readonly weight: Limiter;
  private readonly bans: BlockPolicy;
  private readonly orders10s: Limiter;
  private readonly orders1d: Limiter;

  constructor(
    private readonly config: SignedApiConfig,
    factory: LimiterFactory,
    private readonly clock: Clock,
  ) {
    const { limits, bans } = config;
    this.weight = factory.create('sapi:w1m', limits.requestWeightPerMinute, 60);
    this.bans = new BlockPolicy(
      'sapi:ban',
      { failures: bans.after429s, windowSeconds: bans.windowSeconds, blockSeconds: bans.firstBanSeconds },
      { maxBlockSeconds: bans.maxBanSeconds, memorySeconds: bans.memorySeconds, hammerAttempts: bans.requestsPerEscalation },
      factory,
      clock,
    );
    this.orders10s = factory.create('sapi:o10s', limits.ordersPer10Seconds, 10);
    this.orders1d = factory.create('sapi:o1d', limits.ordersPerDay, 86_400);
  }

  /** Counts a request of `weight` from `ip`: ok, over the limit (429), or banned (418). */
  async admit(ip: string, weight: number): Promise<WeightVerdict> {
    const key = clientKey(ip);
    const knownBanMs = this.bans.knownBlockMs(key);
    if (knownBanMs !== undefined) return this.banned(knownBanMs, null);
    const [bannedMs, used] = await Promise.all([this.bans.blockedForMs(key), this.weight.hit(key, weight)]);
    if (bannedMs > 0) return this.banned(bannedMs, used.consumedPoints);
    if (used.consumedPoints <= this.config.limits.requestWeightPerMinute) return { kind: 'ok', usedWeight: used.consumedPoints };
    // Over the limit: a 429, which counts toward a ban; the one that reaches `after429s` starts it.
    const slot = await this.bans.reserve(key);
    if (!slot.ok) return this.banned(slot.retryAfterMs, used.consumedPoints);
    const banMs = await this.bans.failed(key, slot.slot);
    if (banMs > 0) return this.banned(banMs, used.consumedPoints);
    return { kind: 'limited', usedWeight: used.consumedPoints, retryAfterSeconds: seconds(used.msBeforeNext) };
  }

  /** The weight this IP used in the current minute, without counting anything. */
  async usedWeight(ip: string): Promise<number> {
    return (await this.weight.get(clientKey(ip)))?.consumedPoints ?? 0;
  }

  /** Counts one new order of the account against both ORDERS limits. */
  async countOrder(accountId: string): Promise<OrderCountVerdict> {
    const [tenSeconds, day] = await Promise.all([this.orders10s.hit(accountId), this.orders1d.hit(accountId)]);
    const { ordersPer10Seconds, ordersPerDay } = this.config.limits;
    const over = [tenSeconds.consumedPoints > ordersPer10Seconds ? tenSeconds : null, day.consumedPoints > ordersPerDay ? day : null].filter((r) => r !== null);
    return {
      ok: over.length === 0,
      count10s: tenSeconds.consumedPoints,
      count1d: day.consumedPoints,
      retryAfterSeconds: over.length === 0 ? 0 : seconds(Math.max(...over.map((r) => r.msBeforeNext))),
    };
  }

  private banned(ms: number, usedWeight: number | null): WeightVerdict {
    return { kind: 'banned', usedWeight, retryAfterSeconds: seconds(ms), untilMs: this.clock.nowMs() + ms };
  }
}
