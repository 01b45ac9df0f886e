#!/usr/bin/env node
/**
 * The gatehouse command: serve, migrate, staff create, account kyc, maintenance on|off.
 * Every command reads the same configuration (defaults, GATEHOUSE_CONFIG file, environment).
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openRuntime } from './runtime.js';
import { startServer } from './server.js';
import { normalizeEmail, isValidEmail } from './accounts/email.js';
import { findAccountByEmail, insertAccount } from './accounts/store.js';
import { createMaintenanceService } from './maintenance/service.js';
import { recordStaffAction } from './staff/audit.js';
import { enrolStaffTotp } from './twofactor/staff-enrolment.js';

const USAGE = `Usage: gatehouse <command> [options]

Commands:
  serve                                   start the server (also: npm start)
  migrate                                 bring the database schema up to date
  staff create --email E --role R         create a staff account (R: support|admin); prints its initial password
  account kyc --email E --country CC      set an account's KYC country (ISO 3166-1 alpha-2)
  maintenance on [--until ISO] [--message M]
  maintenance off

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

const CLI_ACTOR = { actorId: null, actorEmail: 'cli' };

export async function runCli(argv: string[], out: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: command === 'serve' || command === 'migrate' ? (sub ? [sub, ...rest] : []) : rest,
    options: { email: { type: 'string' }, role: { type: 'string' }, country: { type: 'string' }, until: { type: 'string' }, message: { type: 'string' } },
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
      if (sub !== 'create') throw new UsageError('staff: expected "create"');
      const email = normalizeEmail(option(values, 'email'));
      const role = option(values, 'role');
      if (!isValidEmail(email)) throw new UsageError('--email is not a valid email address');
      if (role !== 'support' && role !== 'admin') throw new UsageError('--role must be support or admin');
      return withRuntime(config, async ({ deps }) => {
        if (await findAccountByEmail(deps.db, email)) {
          out(`an account with ${email} already exists`);
          return 1;
        }
        const password = randomBytes(18).toString('base64url');
        const now = deps.clock.nowMs();
        const id = deps.newId();
        await insertAccount(deps.db, { id, email, passwordHash: await deps.hasher.hash(password), nowMs: now, roles: role, verified: true });
        // Staff always have TOTP: it is on from the first minute, and the secret is shown only here.
        const enrolment = await enrolStaffTotp(deps, id, email);
        await recordStaffAction(deps, { ...CLI_ACTOR, action: 'staff.create', target: id, detail: { email, role } });
        out(`staff account ${email} (${role}) created`);
        out(`initial password: ${password}`);
        out(`TOTP URI (add it to an authenticator app): ${enrolment.otpauthUri}`);
        out(`backup codes (each works once): ${enrolment.backupCodes.join(' ')}`);
        out('sign in at POST /api/v1/admin/login, then change the password (POST /api/v1/account/password).');
        return 0;
      });
    }
    case 'account': {
      if (sub !== 'kyc') throw new UsageError('account: expected "kyc"');
      const email = normalizeEmail(option(values, 'email'));
      const country = option(values, 'country').toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) throw new UsageError('--country must be a two-letter ISO country code');
      return withRuntime(config, async ({ deps }) => {
        const account = await findAccountByEmail(deps.db, email);
        if (!account) {
          out(`no account with ${email}`);
          return 1;
        }
        await deps.db.updateTable('accounts').set({ kyc_country: country }).where('id', '=', account.id).execute();
        await recordStaffAction(deps, { ...CLI_ACTOR, action: 'account.kyc', target: account.id, detail: { from: account.kyc_country, to: country } });
        out(`${email}: KYC country set to ${country}`);
        return 0;
      });
    }
    case 'maintenance': {
      if (sub !== 'on' && sub !== 'off') throw new UsageError('maintenance: expected "on" or "off"');
      const until = typeof values.until === 'string' ? Date.parse(values.until) : null;
      if (until !== null && Number.isNaN(until)) throw new UsageError('--until must be an ISO date-time, e.g. 2026-12-01T08:00:00Z');
      const message = typeof values.message === 'string' ? values.message : null;
      return withRuntime(config, async ({ deps }) => {
        const service = createMaintenanceService(deps);
        await service.set(sub === 'on' ? { enabled: true, message, untilMs: until } : { enabled: false, message: null, untilMs: null });
        await recordStaffAction(deps, { ...CLI_ACTOR, action: `maintenance.${sub}`, detail: { message, until: values.until ?? null } });
        out(sub === 'on' ? `maintenance on${until ? ` until ${new Date(until).toISOString()}` : ''}` : 'maintenance off');
        return 0;
      });
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
