/**
 * The long-running server: config → runtime → app → listen, with graceful shutdown (stop accepting,
 * finish in-flight requests, stop the mail loop, close the database).
 */
import pino from 'pino';
import type { Config } from './config.js';
import { buildApp, LOG_REDACT_PATHS, logSerializers } from './app.js';
import { openRuntime } from './runtime.js';
import { createSmtpDelivery, type SmtpDelivery } from './platform/mail/smtp-delivery.js';
import { createSmsWebhookDelivery, type SmsWebhookDelivery } from './platform/sms/webhook-delivery.js';
import { startSupportSweeps } from './tickets/sweeps.js';

export async function startServer(config: Config): Promise<{ close(): Promise<void>; port: number }> {
  const logger = pino({
    level: config.logLevel,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    serializers: logSerializers(),
  });
  let lastRedisWarningMs = 0;
  const runtime = await openRuntime(config, {
    onBackgroundError: (err) => logger.error({ err }, 'background write failed'),
    onRedisError: (err) => {
      // Throttled: an outage produces an error per reconnect attempt.
      if (Date.now() - lastRedisWarningMs < 10_000) return;
      lastRedisWarningMs = Date.now();
      logger.warn({ err: err.message }, 'redis unavailable: rate limits fall back to per-process limits');
    },
  });
  const { app } = await buildApp(runtime.deps, { logger });
  let delivery: SmtpDelivery | undefined;
  if (config.smtpUrl) {
    delivery = createSmtpDelivery(runtime.deps.db, runtime.deps.clock, config.smtpUrl, config.mailFrom, logger);
    delivery.start();
  }
  let smsDelivery: SmsWebhookDelivery | undefined;
  if (config.smsWebhookUrl) {
    smsDelivery = createSmsWebhookDelivery(runtime.deps.db, runtime.deps.clock, config.smsWebhookUrl, logger, {
      bearerToken: config.smsWebhookToken,
    });
    smsDelivery.start();
    if (config.smsWebhookUrl.startsWith('http://') && config.smsWebhookToken) {
      logger.warn('GATEHOUSE_SMS_WEBHOOK_URL is plain http: the token and the codes travel unencrypted');
    }
  }
  await app.listen({ port: config.port, host: config.host });
  const sweeps = startSupportSweeps(
    runtime.deps,
    (err) => logger.error({ err }, 'support sweep failed'),
    (result) => {
      const counts = { resetsDone: result.resetsDone.length, ticketsClosed: result.ticketsClosed.length, filesDeleted: result.filesDeleted.length };
      if (counts.resetsDone + counts.ticketsClosed + counts.filesDeleted > 0) logger.info(counts, 'support sweep');
    },
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { port, database: runtime.deps.dialect, mail: config.smtpUrl ? 'smtp' : 'outbox', sms: config.smsWebhookUrl ? 'webhook' : 'outbox', dev: config.dev },
    'gatehouse listening',
  );
  if (config.dev) logger.warn('GATEHOUSE_DEV=1: the dev mailbox /api/v1/dev/outbox is open; never use this in production');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await Promise.all([delivery?.stop(), smsDelivery?.stop(), sweeps.stop()]);
      await runtime.close();
    })());
  return { close, port };
}
