/**
 * Delivers outbox email over SMTP (nodemailer). Runs as a loop in each server process; claims are
 * atomic so several processes share the work. Failures back off exponentially (max 10 attempts).
 */
import nodemailer from 'nodemailer';
import type { Db } from '../db/schema.js';
import type { Clock } from '../clock.js';
import { claimDueMessages, markMessageFailed, markMessageSent } from './outbox.js';
import { createDeliveryLoop } from './delivery-loop.js';

export interface DeliveryLogger {
  warn(obj: object, msg: string): void;
}

export interface SmtpDelivery {
  /** Sends whatever is due now; returns how many were sent. */
  deliverDue(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createSmtpDelivery(db: Db, clock: Clock, smtpUrl: string, from: string, log: DeliveryLogger): SmtpDelivery {
  const transport = nodemailer.createTransport(smtpUrl);

  async function deliverDue(): Promise<number> {
    const now = clock.nowMs();
    const batch = await claimDueMessages(db, 'email', now, 60_000, 20);
    let sent = 0;
    for (const message of batch) {
      try {
        await transport.sendMail({
          from,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          ...(message.html ? { html: message.html } : {}),
        });
        await markMessageSent(db, message.id, clock.nowMs());
        sent++;
      } catch (err) {
        const backoffMs = Math.min(3_600_000, 5_000 * 2 ** (message.attempts - 1));
        await markMessageFailed(db, message.id, clock.nowMs() + backoffMs, (err as Error).message);
        // The recipient and the body are not logged: the body may hold a code.
        log.warn({ messageId: message.id, attempt: message.attempts }, 'smtp delivery failed');
      }
    }
    return sent;
  }

  const loop = createDeliveryLoop(deliverDue, log, 'smtp');
  return {
    deliverDue,
    start: (intervalMs) => loop.start(intervalMs),
    async stop() {
      await loop.stop();
      transport.close();
    },
  };
}
