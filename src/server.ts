/**
 * The long-running server: config → runtime → app → listen, with graceful shutdown (stop accepting,
 * finish in-flight requests, stop the mail loop, close the database), which ends with one log line.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import pino from 'pino';
import { ConfigError, type Config } from './config.js';
import { buildApp, LOG_REDACT_PATHS, logSerializers } from './app.js';
import { databaseUrlOf, openRuntime } from './runtime.js';
import { looseModeOf } from './platform/data-dir.js';
import { createSmtpDelivery, type SmtpDelivery } from './platform/mail/smtp-delivery.js';
import { createSmsWebhookDelivery, type SmsWebhookDelivery } from './platform/sms/webhook-delivery.js';
import { startSupportSweeps } from './tickets/sweeps.js';

export interface StartServerOptions {
  /**
   * GATEHOUSE_HOST was set (not the default, not the config file). With GATEHOUSE_DEV=1 it is the
   * only way to listen beyond loopback, since the dev mailbox shows every code it sends.
   */
  hostSetExplicitly?: boolean;
  /** Where log lines go (default stdout). */
  logDestination?: pino.DestinationStream;
}

export interface RunningServer {
  port: number;
  /** Stops accepting, finishes in-flight requests, closes everything and logs "gatehouse stopped". */
  close(reason?: string): Promise<void>;
}

function isLoopbackAddress(address: string): boolean {
  const lower = address.toLowerCase();
  return isIP(lower) === 4 ? lower.startsWith('127.') : lower === '::1' || lower.startsWith('::ffff:127.');
}

/** Whether every address `host` names is a loopback one (a name is resolved; failing that, no). */
export async function isLoopbackHost(host: string): Promise<boolean> {
  if (isIP(host)) return isLoopbackAddress(host);
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a.address));
  } catch {
    return false;
  }
}

/** Directories that hold the server's private files: the generated key's, the SQLite database's. */
function privateDirectoriesOf(config: Config): string[] {
  const dirs = new Set<string>();
  if (config.secretKey === null) dirs.add(resolve(config.dataDir));
  const url = databaseUrlOf(config);
  if (!/^postgres(ql)?:\/\//.test(url) && url !== ':memory:') dirs.add(dirname(resolve(url.replace(/^sqlite:/, ''))));
  return [...dirs];
}

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const loopback = await isLoopbackHost(config.host);
  if (config.dev && !loopback && !options.hostSetExplicitly) {
    throw new ConfigError(
      `GATEHOUSE_DEV=1 does not listen on ${config.host}, which is not a loopback address: the dev mailbox would show every mailed code to the network. ` +
        `Listen on 127.0.0.1, or set GATEHOUSE_HOST=${config.host} explicitly to expose it anyway.`,
    );
  }
  const logger = pino(
    {
      level: config.logLevel,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      serializers: logSerializers(),
    },
    options.logDestination,
  );
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
  for (const path of privateDirectoriesOf(config)) {
    const mode = looseModeOf(path);
    if (mode !== null) {
      logger.warn({ path, mode: `0${mode.toString(8)}` }, 'data directory is open to other users (it holds the database or the secret key): chmod 700 it');
    }
  }
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
    {
      host: config.host,
      port,
      database: runtime.deps.dialect,
      mail: config.smtpUrl ? 'smtp' : 'outbox',
      sms: config.smsWebhookUrl ? 'webhook' : 'outbox',
      dev: config.dev,
    },
    'gatehouse listening',
  );
  if (config.dev && !loopback) {
    logger.warn(
      { host: config.host },
      'DEV MAILBOX EXPOSED: GATEHOUSE_DEV=1 on a non-loopback address; anyone who reaches this port can read every mailed and texted code at /api/v1/dev/outbox and take over any account. Never do this outside a throwaway test setup.',
    );
  } else if (config.dev) {
    logger.warn('GATEHOUSE_DEV=1: the dev mailbox /api/v1/dev/outbox is open; never use this in production');
  }

  let closing: Promise<void> | undefined;
  const close = (reason = 'requested') =>
    (closing ??= (async () => {
      await app.close();
      await Promise.all([delivery?.stop(), smsDelivery?.stop(), sweeps.stop()]);
      await runtime.close();
      logger.info({ reason }, 'gatehouse stopped');
    })());
  return { close, port };
}
