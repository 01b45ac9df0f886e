#!/usr/bin/env node
/**
 * The gatehouse command: serve, migrate, staff create|list, account kyc|unfreeze|reset-2fa,
 * maintenance on|off, region-policy reset.
 * Every command reads the same configuration (defaults, GATEHOUSE_CONFIG file, environment).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openRuntime } from './runtime.js';
import { startServer } from './server.js';
import { normalizeEmail, isValidEmail } from './accounts/email.js';
import { createStaff, listStaff, resetRegionPolicy, resetTwoFactorByEmail, setAccountKyc, setMaintenance, unfreezeByEmail } from './cli-commands.js';

const USAGE = `Usage: gatehouse <command> [options]

Commands:
  serve                                   start the server (also: npm start)
  migrate                                 bring the database schema up to date
  staff create --email E --role R         create a staff account (R: support|admin); prints its initial password
  staff list                              list staff accounts with their roles and TOTP state
  account kyc --email E --country CC      set an account's KYC country (ISO 3166-1 alpha-2)
  account unfreeze --email E --reason R   lift a freeze (self, risk or staff)
  account reset-2fa --email E --ticket ID schedule a 2FA reset for the account of ticket ID (same hold and
                                          cancel link as staff approval)
  maintenance on [--until ISO] [--message M]
  maintenance off
  region-policy reset                     drop the admin-stored region policy; the configuration's applies

Configuration: GATEHOUSE_* environment variables and an optional GATEHOUSE_CONFIG JSON file
(see docs/configuration.md).`;

class UsageError extends Error {}

function option(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

async function withRuntime<T>(config: Config, run: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config, { collectProcessMetrics: false });
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}

function requireEmail(values: Record<string, unknown>): string {
  const email = normalizeEmail(option(values, 'email'));
  if (!isValidEmail(email)) throw new UsageError('--email is not a valid email address');
  return email;
}

export async function runCli(argv: string[], out: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: command === 'serve' || command === 'migrate' ? (sub ? [sub, ...rest] : []) : rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      country: { type: 'string' },
      until: { type: 'string' },
      message: { type: 'string' },
      reason: { type: 'string' },
      ticket: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const config = loadConfig(env);

  switch (command) {
    case 'serve': {
      const server = await startServer(config, { hostSetExplicitly: env.GATEHOUSE_HOST !== undefined });
      const stop = (signal: NodeJS.Signals) => {
        server.close(signal).then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(`gatehouse: stopping failed: ${(err as Error).stack ?? String(err)}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return -1; // keep running
    }
    case 'migrate':
      await withRuntime(config, async () => out('database is up to date'));
      return 0;
    case 'staff': {
      if (sub === 'list') return withRuntime(config, ({ deps }) => listStaff(deps, out));
      if (sub !== 'create') throw new UsageError('staff: expected "create" or "list"');
      const email = requireEmail(values);
      const role = option(values, 'role');
      if (role !== 'support' && role !== 'admin') throw new UsageError('--role must be support or admin');
      return withRuntime(config, ({ deps }) => createStaff(deps, out, email, role));
    }
    case 'account': {
      if (sub === 'kyc') {
        const email = requireEmail(values);
        const country = option(values, 'country').toUpperCase();
        if (!/^[A-Z]{2}$/.test(country)) throw new UsageError('--country must be a two-letter ISO country code');
        return withRuntime(config, ({ deps }) => setAccountKyc(deps, out, email, country));
      }
      if (sub === 'unfreeze') {
        const email = requireEmail(values);
        const reason = option(values, 'reason');
        if (reason.trim().length < 3) throw new UsageError('--reason must say why (at least 3 characters)');
        return withRuntime(config, ({ deps }) => unfreezeByEmail(deps, out, email, reason.trim()));
      }
      if (sub === 'reset-2fa') {
        const email = requireEmail(values);
        const ticket = option(values, 'ticket').trim().toUpperCase();
        return withRuntime(config, ({ deps }) => resetTwoFactorByEmail(deps, out, email, ticket));
      }
      throw new UsageError('account: expected "kyc", "unfreeze" or "reset-2fa"');
    }
    case 'maintenance': {
      if (sub !== 'on' && sub !== 'off') throw new UsageError('maintenance: expected "on" or "off"');
      const until = typeof values.until === 'string' ? Date.parse(values.until) : null;
      if (until !== null && Number.isNaN(until)) throw new UsageError('--until must be an ISO date-time, e.g. 2026-12-01T08:00:00Z');
      const message = typeof values.message === 'string' ? values.message : null;
      return withRuntime(config, ({ deps }) => setMaintenance(deps, out, sub === 'on', until, message));
    }
    case 'region-policy': {
      if (sub !== 'reset') throw new UsageError('region-policy: expected "reset"');
      return withRuntime(config, ({ deps }) => resetRegionPolicy(deps, out));
    }
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Runs the command line and exits the process with its status (except for a running server). */
export function main(argv: string[]): void {
  runCli(argv).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        console.error(`gatehouse: ${(err as Error).message}\n\n${USAGE}`);
        process.exit(2);
      }
      if (err instanceof ConfigError) {
        console.error(`gatehouse: configuration error: ${err.message}`);
        process.exit(78);
      }
      console.error(`gatehouse: ${(err as Error).stack ?? String(err)}`);
      process.exit(1);
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
