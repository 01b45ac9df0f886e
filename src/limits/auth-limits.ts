/**
 * The rate limits in front of every credential check (1003), layered:
 *   - a raw request budget per client IP on the credential endpoints;
 *   - failures per client IP across accounts → escalating IP block (`ip_rate_limit`);
 *   - failures per client IP and account → escalating block of that pair (`account_ip_rate_limit`),
 *     so a different network is not blocked by it and an attacker cannot lock the owner out;
 *   - failures per account across all IPs → never a lockout; from then on new devices must be
 *     confirmed by email (the login service acts on `accountUnderAttack`);
 *   - verification-code failures and send cooldowns;
 *   - second-factor failures per account across all IPs and challenges (`account_2fa_rate_limit`),
 *     so that an attacker who has the password cannot spread TOTP guesses over many IPs; and
 *     second-factor challenges and code sends per account (`account_rate_limit`), so that the owner
 *     is not flooded with codes and notices.
 *
 * Invariants: accounts are keyed by normalized email whether or not they exist, so 1003 reveals
 * nothing; every check runs before any password hash or database write; a blocked request costs a
 * cache lookup and one counter increment.
 */
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../platform/clock.js';
import { BlockPolicy } from './block-policy.js';
import { clientKey, createAllowList } from './client-ip.js';
import type { Limiter, LimiterFactory } from './limiter-factory.js';

export type LimitReason = 'ip_rate_limit' | 'account_ip_rate_limit' | 'send_cooldown' | 'account_2fa_rate_limit' | 'account_rate_limit';

export type LimitVerdict = { ok: true } | { ok: false; reason: LimitReason; retryAfterSeconds: number };

/** What a limited check found: whether it passed, and whatever else it returns. */
export interface CheckOutcome<T> {
  passed: boolean;
  value: T;
}

export interface AttemptTicket {
  kind: 'login' | 'code';
  ip: string | null;
  pair: string;
  ipSlot: number;
  pairSlot: number;
  subject: string;
}

const OK: LimitVerdict = { ok: true };

function refuse(reason: LimitReason, ms: number): LimitVerdict {
  return { ok: false, reason, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

export class AuthLimits {
  private readonly loginPair: BlockPolicy;
  private readonly loginIp: BlockPolicy;
  private readonly codePair: BlockPolicy;
  private readonly codeIp: BlockPolicy;
  private readonly requests: Limiter;
  private readonly accountFailures: Limiter;
  private readonly sends: Limiter;
  private readonly secondFactorFailures: Limiter;
  private readonly accountChallenges: Limiter;
  private readonly accountCodeSends: Limiter;
  private readonly resetMailsPerEmail: Limiter;
  private readonly resetMailsPerIp: Limiter;
  private readonly allowListed: (ip: string) => boolean;

  constructor(
    private readonly config: Config['limits'],
    readonly factory: LimiterFactory,
    clock: Clock,
  ) {
    const { escalation } = config;
    this.loginPair = new BlockPolicy('login:pair', config.ipAccount, escalation, factory, clock);
    this.loginIp = new BlockPolicy('login:ip', config.ip, escalation, factory, clock);
    this.codePair = new BlockPolicy(
      'code:pair',
      { ...config.codes, failures: Math.min(config.codes.failures, config.ipAccount.failures) },
      escalation,
      factory,
      clock,
    );
    this.codeIp = new BlockPolicy('code:ip', config.codes, escalation, factory, clock);
    this.requests = factory.create('req', config.authRequests.requests, config.authRequests.windowSeconds);
    this.accountFailures = factory.create('acct', config.account.failures, config.account.windowSeconds);
    this.sends = factory.create('send', 1, Math.max(1, config.sendCooldownSeconds));
    this.secondFactorFailures = factory.create('2fa', config.secondFactor.failures, config.secondFactor.windowSeconds);
    this.accountChallenges = factory.create('chal', config.accountChallenges.requests, config.accountChallenges.windowSeconds);
    this.accountCodeSends = factory.create('csend', config.accountCodeSends.requests, config.accountCodeSends.windowSeconds);
    this.resetMailsPerEmail = factory.create('rst', config.passwordResets.perEmail, 3600);
    this.resetMailsPerIp = factory.create('rstip', config.passwordResets.perIp, 3600);
    this.allowListed = createAllowList(config.allowList);
  }

  /** Cheap check for every credential request, before its body is read: request budget and IP block. */
  async admitRequest(ip: string): Promise<LimitVerdict> {
    if (this.allowListed(ip)) return OK;
    const key = clientKey(ip);
    // A blocked client is refused on the block alone: no budget bookkeeping for a request already lost.
    const blockedMs = await this.loginIp.blockedForMs(key);
    if (blockedMs > 0) return refuse('ip_rate_limit', blockedMs);
    const budget = await this.requests.hit(key);
    if (budget.consumedPoints > this.config.authRequests.requests) return refuse('ip_rate_limit', budget.msBeforeNext);
    return OK;
  }

  /**
   * For the refusal before the framework (src/http/fast-shed.ts): undefined when this process knows
   * of no block of the client's IP (then admitRequest decides); otherwise the block's verdict,
   * counted as hammering like admitRequest counts it: at once from the process, or, for the attempt
   * that completes an escalation step, after writing it to the store. An `ok` verdict (the block
   * ran out meanwhile) has touched no budget: the request then goes through admitRequest as usual.
   */
  knownIpBlock(ip: string): LimitVerdict | Promise<LimitVerdict> | undefined {
    if (this.allowListed(ip)) return undefined;
    const key = clientKey(ip);
    if (!this.loginIp.knowsBlockOf(key)) return undefined;
    const blockedMs = this.loginIp.knownBlockMs(key);
    if (blockedMs !== undefined) return refuse('ip_rate_limit', blockedMs);
    return this.loginIp.blockedForMs(key).then((ms) => (ms > 0 ? refuse('ip_rate_limit', ms) : OK));
  }

  /**
   * One check under the 1003 limits: a failure slot is reserved first (refused → 1003, and `check`
   * never runs), then the outcome is recorded: a failure counts, a pass resets the pair's count, and
   * a check that throws (shed under load) gives its slots back. For logins, `accountUnderAttack`
   * says whether the account has now reached its ceiling across all IPs.
   */
  async attempt<T>(
    kind: AttemptTicket['kind'],
    ip: string,
    subject: string,
    check: () => Promise<CheckOutcome<T>>,
  ): Promise<CheckOutcome<T> & { accountUnderAttack: boolean }> {
    const reserved = kind === 'login' ? await this.reserveLogin(ip, subject) : await this.reserveCode(ip, subject);
    if (!isTicket(reserved)) throw refusalError(reserved);
    let outcome: CheckOutcome<T>;
    try {
      outcome = await check();
    } catch (err) {
      await this.notAttempted(reserved);
      throw err;
    }
    if (outcome.passed) {
      await this.succeeded(reserved);
      return { ...outcome, accountUnderAttack: false };
    }
    return { ...outcome, ...(await this.failed(reserved)) };
  }

  /** Reserves a failure slot for one password check of `email` from `ip`. */
  reserveLogin(ip: string, email: string): Promise<AttemptTicket | LimitVerdict> {
    return this.reserve('login', this.loginIp, this.loginPair, ip, email);
  }

  /** Reserves a failure slot for one code check of `subject` (an email, a challenge) from `ip`. */
  reserveCode(ip: string, subject: string): Promise<AttemptTicket | LimitVerdict> {
    return this.reserve('code', this.codeIp, this.codePair, ip, subject);
  }

  private async reserve(kind: AttemptTicket['kind'], ipPolicy: BlockPolicy, pairPolicy: BlockPolicy, ip: string, subject: string) {
    const exempt = this.allowListed(ip);
    const key = clientKey(ip);
    const pair = `${key}|${subject}`;
    const pairSlot = await pairPolicy.reserve(pair);
    if (!pairSlot.ok) return refuse(kind === 'login' ? 'account_ip_rate_limit' : 'ip_rate_limit', pairSlot.retryAfterMs);
    let ipSlot = 0;
    if (!exempt) {
      const reserved = await ipPolicy.reserve(key);
      if (!reserved.ok) {
        await pairPolicy.release(pair);
        return refuse('ip_rate_limit', reserved.retryAfterMs);
      }
      ipSlot = reserved.slot;
    }
    return { kind, ip: exempt ? null : key, pair, ipSlot, pairSlot: pairSlot.slot, subject } satisfies AttemptTicket;
  }

  private policies(ticket: AttemptTicket) {
    return ticket.kind === 'login' ? { ip: this.loginIp, pair: this.loginPair } : { ip: this.codeIp, pair: this.codePair };
  }

  /** The check failed. For logins, says whether the account has now reached its ceiling. */
  async failed(ticket: AttemptTicket): Promise<{ accountUnderAttack: boolean }> {
    const { ip, pair } = this.policies(ticket);
    await Promise.all([pair.failed(ticket.pair, ticket.pairSlot), ticket.ip ? ip.failed(ticket.ip, ticket.ipSlot) : undefined]);
    if (ticket.kind !== 'login') return { accountUnderAttack: false };
    const count = await this.accountFailures.hit(ticket.subject);
    return { accountUnderAttack: count.consumedPoints >= this.config.account.failures };
  }

  /** The check passed: the pair's consecutive failures reset, and the IP's slot is given back. */
  async succeeded(ticket: AttemptTicket): Promise<void> {
    const { ip, pair } = this.policies(ticket);
    await Promise.all([pair.succeeded(ticket.pair), ticket.ip ? ip.release(ticket.ip) : undefined]);
  }

  /** The check was never made (shed under load): give both slots back. */
  async notAttempted(ticket: AttemptTicket): Promise<void> {
    const { ip, pair } = this.policies(ticket);
    await Promise.all([pair.release(ticket.pair), ticket.ip ? ip.release(ticket.ip) : undefined]);
  }

  /** Whether the account is past its second-factor failure ceiling (then every second factor is refused). */
  async secondFactorBlocked(accountId: string): Promise<LimitVerdict> {
    const counted = await this.secondFactorFailures.get(accountId);
    if (!counted || counted.consumedPoints < this.config.secondFactor.failures) return OK;
    return refuse('account_2fa_rate_limit', counted.msBeforeNext);
  }

  /** Counts one second-factor failure of the account; true for the one that reached the ceiling. */
  async secondFactorFailed(accountId: string): Promise<{ reachedCeiling: boolean }> {
    const counted = await this.secondFactorFailures.hit(accountId);
    return { reachedCeiling: counted.consumedPoints === this.config.secondFactor.failures };
  }

  /** One more second-factor challenge for the account, within its budget. */
  async challengeBudget(accountId: string): Promise<LimitVerdict> {
    const counted = await this.accountChallenges.hit(accountId);
    return counted.consumedPoints > this.config.accountChallenges.requests ? refuse('account_rate_limit', counted.msBeforeNext) : OK;
  }

  /** One more code (email/SMS) sent for the account, within its budget. */
  async codeSendBudget(accountId: string): Promise<LimitVerdict> {
    const counted = await this.accountCodeSends.hit(accountId);
    return counted.consumedPoints > this.config.accountCodeSends.requests ? refuse('account_rate_limit', counted.msBeforeNext) : OK;
  }

  /**
   * A "forgot password" mail for `email` asked from `ip`: one per address and cooldown, a few per
   * address and per IP and hour. Keyed by the address whether or not it has an account.
   */
  async resetMailBudget(ip: string, email: string): Promise<LimitVerdict> {
    const cooldown = await this.sendCooldown(`reset:${email}`);
    if (!cooldown.ok) return cooldown;
    if (!this.allowListed(ip)) {
      const perIp = await this.resetMailsPerIp.hit(clientKey(ip));
      if (perIp.consumedPoints > this.config.passwordResets.perIp) return refuse('ip_rate_limit', perIp.msBeforeNext);
    }
    const perEmail = await this.resetMailsPerEmail.hit(email);
    return perEmail.consumedPoints > this.config.passwordResets.perEmail ? refuse('account_rate_limit', perEmail.msBeforeNext) : OK;
  }

  /** One message per subject and cooldown (60 s): the second within it gets `send_cooldown`. */
  async sendCooldown(subject: string): Promise<LimitVerdict> {
    if (this.config.sendCooldownSeconds === 0) return OK;
    const sent = await this.sends.hit(subject);
    return sent.consumedPoints > 1 ? refuse('send_cooldown', sent.msBeforeNext) : OK;
  }
}

export function isTicket(value: AttemptTicket | LimitVerdict): value is AttemptTicket {
  return 'pair' in value;
}

/** The 1003 a refused verdict answers with. */
export function refusalError(verdict: LimitVerdict): AppError {
  if (verdict.ok) throw new Error('refusalError of an allowing verdict');
  return new AppError('TOO_MANY_REQUESTS', { reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds });
}

/** Refuses with 1003 when a limit says no. */
export function enforce(verdict: LimitVerdict): void {
  if (!verdict.ok) throw refusalError(verdict);
}
