/**
 * Rate limits of the support desk, so that filing cannot be used to spam mailboxes or fill the disk:
 * tickets per client IP (checked before the body is read), confirmation mails per address (a 60 s
 * cooldown and a daily cap), messages per ticket. Counters live in the same store as the login
 * limits (memory or Redis), keyed like them (IPv6 per /64, addresses normalized).
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { clientKey, createAllowList } from '../limits/client-ip.js';
import type { Limiter } from '../limits/limiter-factory.js';

function refuse(reason: 'ip_rate_limit' | 'send_cooldown', msBeforeNext: number): AppError {
  return new AppError('TOO_MANY_REQUESTS', { reason, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) });
}

export class SupportLimits {
  private readonly filings: Limiter;
  private readonly confirmMails: Limiter;
  private readonly messages: Limiter;
  private readonly allowListed: (ip: string) => boolean;

  constructor(private readonly deps: Pick<Deps, 'limits' | 'config'>) {
    const { support, limits } = deps.config;
    const factory = deps.limits.factory;
    this.filings = factory.create('tk:ip', support.filingPerIpPerHour, 3600);
    this.confirmMails = factory.create('tk:mail', support.confirmMailsPerEmailPerDay, 86_400);
    this.messages = factory.create('tk:msg', support.messagesPerTicketPerHour, 3600);
    this.allowListed = createAllowList(limits.allowList);
  }

  /** One filing from this IP; 1003 ip_rate_limit past the hourly budget. */
  async admitFiling(ip: string): Promise<void> {
    if (this.allowListed(ip)) return;
    const used = await this.filings.hit(clientKey(ip));
    if (used.consumedPoints > this.deps.config.support.filingPerIpPerHour) throw refuse('ip_rate_limit', used.msBeforeNext);
  }

  /** One confirmation mail to this (normalized) address: the send cooldown, then the daily cap. */
  async admitConfirmationMail(email: string): Promise<void> {
    const cooldown = await this.deps.limits.sendCooldown(`ticket:${email}`);
    if (!cooldown.ok) throw new AppError('TOO_MANY_REQUESTS', { reason: cooldown.reason, retryAfterSeconds: cooldown.retryAfterSeconds });
    const used = await this.confirmMails.hit(email);
    if (used.consumedPoints > this.deps.config.support.confirmMailsPerEmailPerDay) throw refuse('send_cooldown', used.msBeforeNext);
  }

  /** One requester message on this ticket. */
  async admitMessage(ticketId: string): Promise<void> {
    const used = await this.messages.hit(ticketId);
    if (used.consumedPoints > this.deps.config.support.messagesPerTicketPerHour) throw refuse('send_cooldown', used.msBeforeNext);
  }
}
