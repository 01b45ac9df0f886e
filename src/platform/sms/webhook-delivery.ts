/**
 * Delivers outbox SMS rows to an HTTP webhook (the operator's SMS gateway or a small adapter in
 * front of one). Same shape as the SMTP loop: rows are claimed atomically, so several server
 * processes share the work; 2xx marks the row sent and purges the body (it holds a code); anything
 * else backs off exponentially (max 10 attempts, enforced by the claim).
 *
 * Request: POST <url>, `content-type: application/json`, `idempotency-key: <outbox id>`, optional
 * `authorization: Bearer <token>`, body `{"to": "+4915112345678", "text": "...", "messageId": "<outbox id>"}`.
 * A gateway that honours the idempotency key never sends twice even if a lease ran out mid-send.
 */
import type { Db } from '../db/schema.js';
import type { Clock } from '../clock.js';
import type { DeliveryLogger } from '../mail/smtp-delivery.js';
import { createDeliveryLoop, type DeliveryLoop } from '../mail/delivery-loop.js';
import { claimDueMessages, markMessageFailed, markMessageSent } from '../mail/outbox.js';
import { isValidPhoneE164 } from './phone.js';

export type { DeliveryLogger };

export interface SmsWebhookOptions {
  /** Sent as `authorization: Bearer <token>` when set. */
  bearerToken?: string | null;
  /** Per request, headers and body included; default 5000 ms. */
  timeoutMs?: number;
  /** Messages claimed per round; default 20. */
  batchSize?: number;
}

export interface SmsWebhookDelivery {
  /** Sends whatever is due now; returns how many were sent. */
  deliverDue(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** Throws when the URL is not an absolute http(s) URL without embedded credentials. */
export function assertValidWebhookUrl(webhookUrl: string): URL {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    throw new Error('SMS webhook URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SMS webhook URL must use http or https, got ${url.protocol}`);
  }
  // fetch refuses URLs with credentials; say so at start-up instead of failing every message.
  if (url.username || url.password) {
    throw new Error('SMS webhook URL must not contain credentials; use the bearer token instead');
  }
  return url;
}

export function smsBackoffMs(attempt: number): number {
  return Math.min(3_600_000, 5_000 * 2 ** (Math.max(1, attempt) - 1));
}

/** A short reason for last_error; never the recipient or the text. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  if (err.name === 'TimeoutError') return 'timeout';
  const cause = (err as Error & { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return code ? `${err.message} (${code})` : err.message;
}

export function createSmsWebhookDelivery(db: Db, clock: Clock, webhookUrl: string, log: DeliveryLogger, options: SmsWebhookOptions = {}): SmsWebhookDelivery {
  const url = assertValidWebhookUrl(webhookUrl).href;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const batchSize = options.batchSize ?? 20;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error('SMS webhook timeout must be a positive integer (ms)');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('SMS webhook batch size must be a positive integer');
  // The lease covers the whole batch sent one after another, so no other process re-claims a row
  // that is still waiting its turn here.
  const leaseMs = Math.max(60_000, batchSize * timeoutMs + 30_000);
  const baseHeaders: Record<string, string> = { 'content-type': 'application/json' };
  if (options.bearerToken) baseHeaders.authorization = `Bearer ${options.bearerToken}`;

  // Assigned below; deliverDue reads `loop.stopping` to hand back a batch when the server stops.
  let loop: DeliveryLoop | undefined;

  /** Resolves to null on success, else the reason for last_error. */
  async function post(id: string, to: string, text: string): Promise<string | null> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...baseHeaders, 'idempotency-key': id },
        body: JSON.stringify({ to, text, messageId: id }),
        // A redirect would re-post the code somewhere not configured; treat it as a failure.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body is not needed; release the connection.
      await response.body?.cancel().catch(() => undefined);
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (err) {
      return describeError(err);
    }
  }

  async function deliverDue(): Promise<number> {
    const batch = await claimDueMessages(db, 'sms', clock.nowMs(), leaseMs, batchSize);
    let sent = 0;
    for (const message of batch) {
      if (loop?.stopping) {
        // Hand the rest back at once rather than holding them for the lease.
        await markMessageFailed(db, message.id, clock.nowMs(), 'delivery stopped before sending');
        continue;
      }
      const failure = isValidPhoneE164(message.recipient) ? await post(message.id, message.recipient, message.body) : 'recipient is not an E.164 phone number';
      if (failure === null) {
        await markMessageSent(db, message.id, clock.nowMs());
        sent++;
      } else {
        await markMessageFailed(db, message.id, clock.nowMs() + smsBackoffMs(message.attempts), failure);
        // The recipient and the body are not logged: the body holds a code.
        log.warn({ messageId: message.id, attempt: message.attempts }, 'sms webhook delivery failed');
      }
    }
    return sent;
  }

  loop = createDeliveryLoop(deliverDue, log, 'sms');
  return { deliverDue, start: (intervalMs) => loop.start(intervalMs), stop: () => loop.stop() };
}
