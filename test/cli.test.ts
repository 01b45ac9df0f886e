import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, describe } from 'vitest';
import { runCli } from '../src/cli.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { openRuntime } from '../src/runtime.js';
import { startServer } from '../src/server.js';
import { sqliteBackend } from './support/backends.js';
import { createHarness, json, post } from './support/harness.js';
import { TEST_SECRET_KEY } from './support/harness.js';
import * as OTPAuth from 'otpauth';
import { generateTotp } from '../src/twofactor/totp.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function cliEnv() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-cli-'));
  return { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY, databaseUrl: join(dataDir, 'gatehouse.sqlite') };
}

async function cli(env: Record<string, string>, ...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line), env);
  return { code, output: lines.join('\n') };
}

describe('gatehouse command line', () => {
  it('creates a staff account whose printed password and TOTP URI sign in at the staff door', async () => {
    const env = cliEnv();
    expect((await cli(env, 'migrate')).output).toBe('database is up to date');
    const created = await cli(env, 'staff', 'create', '--email', 'Ops@Example.com', '--role', 'admin');
    expect(created.code).toBe(0);
    const password = /initial password: (\S+)/.exec(created.output)?.[1];
    expect(password).toBeDefined();
    expect((await cli(env, 'staff', 'create', '--email', 'ops@example.com', '--role', 'admin')).code).toBe(1);

    const uri = /TOTP URI \(add it to an authenticator app\): (\S+)/.exec(created.output)?.[1];
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(created.output).toMatch(/backup codes \(each works once\): ([0-9A-Z]{4}-){3}[0-9A-Z]{4}( |$)/);

    const h = await createHarness(sqliteBackend(), { databaseUrl: env.databaseUrl });
    const login = json(await post(h, '/api/v1/admin/login', { email: 'ops@example.com', password }));
    expect(login).toMatchObject({ status: '2fa_required', challenge: { methods: ['totp', 'backup_code'] } });
    const secret = Buffer.from(OTPAuth.Secret.fromBase32(new URL(uri!).searchParams.get('secret')!).bytes);
    const done = await post(h, '/api/v1/auth/login/2fa', { challengeId: login.challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) });
    expect(json(done).status).toBe('ok');
  });

  it('turns maintenance on with an end time and off again, as the server sees it', async () => {
    const env = cliEnv();
    const h = await createHarness(sqliteBackend(), { databaseUrl: env.databaseUrl });
    const until = new Date(h.clock.nowMs() + 3600_000).toISOString();
    expect((await cli(env, 'maintenance', 'on', '--until', until, '--message', 'Upgrade')).output).toBe(`maintenance on until ${until}`);
    h.clock.advanceSeconds(2);
    const during = await post(h, '/api/v1/auth/login', { email: 'a@example.com', password: 'whatever it is' });
    expect(json(during)).toMatchObject({ code: 1100, retryAfter: 3598, details: { until, message: 'Upgrade' } });
    expect(during.headers['retry-after']).toBe('3598');
    await cli(env, 'maintenance', 'off');
    h.clock.advanceSeconds(2);
    expect(json(await post(h, '/api/v1/auth/login', { email: 'a@example.com', password: 'whatever it is' })).code).toBe(4000);
  });

  it('sets a KYC country', async () => {
    const env = cliEnv();
    await cli(env, 'migrate');
    expect((await cli(env, 'account', 'kyc', '--email', 'none@example.com', '--country', 'DE')).code).toBe(1);
    await cli(env, 'staff', 'create', '--email', 'k@example.com', '--role', 'support');
    const set = await cli(env, 'account', 'kyc', '--email', 'k@example.com', '--country', 'de');
    expect(set).toEqual({ code: 0, output: 'k@example.com: KYC country set to DE' });
  });

  it('refuses bad arguments with a usage error', async () => {
    const env = cliEnv();
    await expect(cli(env, 'staff', 'create', '--email', 'x@example.com', '--role', 'root')).rejects.toThrow(/--role/);
    await expect(cli(env, 'account', 'kyc', '--email', 'x@example.com', '--country', 'Germany')).rejects.toThrow(/--country/);
    await expect(cli(env, 'maintenance', 'on', '--until', 'tomorrow')).rejects.toThrow(/--until/);
    await expect(cli(env, 'frobnicate')).rejects.toThrow(/unknown command/);
    await expect(cli({ ...env, GATEHOUSE_PORT: 'x' }, 'migrate')).rejects.toThrow(/GATEHOUSE_PORT/);
  });
});

/** Log lines of a server started in this process, parsed. */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

/** Loads the configuration the way `gatehouse serve` does, on a free port. */
function serveConfig(env: Record<string, string>) {
  return loadConfig({ GATEHOUSE_PORT: '0', GATEHOUSE_LOG_LEVEL: 'info', ...env });
}

/** A non-loopback address of this machine, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('gatehouse serve', () => {
  it('listens on 127.0.0.1 unless GATEHOUSE_HOST says otherwise', async () => {
    const { GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY } = cliEnv();
    const config = serveConfig({ GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY });
    expect(config.host).toBe('127.0.0.1');
    const logs = logCapture();
    const server = await startServer(config, { logDestination: logs.destination });
    try {
      expect(logs.lines.find((l) => l.msg === 'gatehouse listening')).toMatchObject({ host: '127.0.0.1', port: server.port });
      expect((await fetch(`http://127.0.0.1:${server.port}/health/live`)).status).toBe(200);
      const external = externalAddress();
      if (external) {
        const attempt = await fetch(`http://${external}:${server.port}/health/live`).then(
          (res) => `answered ${res.status}`,
          (err: { cause?: { code?: string } }) => String(err.cause?.code),
        );
        expect(attempt).toBe('ECONNREFUSED');
      }
    } finally {
      await server.close();
    }
  });

  it('with GATEHOUSE_DEV=1, refuses a non-loopback address unless GATEHOUSE_HOST names it, and then warns loudly', async () => {
    const { GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY } = cliEnv();
    // A configuration file made for production, reused for a quick dev run.
    const file = join(GATEHOUSE_DATA_DIR, 'config.json');
    writeFileSync(file, JSON.stringify({ host: '0.0.0.0' }));
    const fromFile = serveConfig({ GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY, GATEHOUSE_CONFIG: file, GATEHOUSE_DEV: '1' });
    await expect(startServer(fromFile, { hostSetExplicitly: false })).rejects.toThrow(/GATEHOUSE_HOST=0\.0\.0\.0/);
    await expect(runCli(['serve'], () => undefined, { GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY, GATEHOUSE_CONFIG: file, GATEHOUSE_DEV: '1' })).rejects.toThrow(
      ConfigError,
    );
    // Loopback needs nothing explicit.
    const logs = logCapture();
    const local = await startServer(serveConfig({ GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY, GATEHOUSE_DEV: '1', GATEHOUSE_HOST: '::1' }), {
      logDestination: logs.destination,
    });
    await local.close();
    expect(logs.lines.some((l) => String(l.msg).startsWith('DEV MAILBOX EXPOSED'))).toBe(false);

    const env = { GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY, GATEHOUSE_DEV: '1', GATEHOUSE_HOST: '0.0.0.0' };
    const exposed = logCapture();
    const server = await startServer(serveConfig(env), { hostSetExplicitly: true, logDestination: exposed.destination });
    try {
      const warning = exposed.lines.find((l) => String(l.msg).startsWith('DEV MAILBOX EXPOSED'));
      expect(warning).toMatchObject({ level: 40, host: '0.0.0.0' });
      expect(String(warning?.msg)).toContain('/api/v1/dev/outbox');
    } finally {
      await server.close();
    }
  });

  it('a clean shutdown on SIGTERM or SIGINT logs one "gatehouse stopped" line with the signal, and exits 0', async () => {
    const stopWith = async (signal: NodeJS.Signals) => {
      const { GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY } = cliEnv();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, GATEHOUSE_DATA_DIR, GATEHOUSE_SECRET_KEY, GATEHOUSE_PORT: '0', GATEHOUSE_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('"gatehouse listening"') && !child.killed) child.kill(signal);
      });
      const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      return { exitCode, stopped: lines.filter((l) => l.msg === 'gatehouse stopped'), last: lines.at(-1) };
    };
    const [term, int] = await Promise.all([stopWith('SIGTERM'), stopWith('SIGINT')]);
    for (const [signal, outcome] of [
      ['SIGTERM', term],
      ['SIGINT', int],
    ] as const) {
      expect(outcome.exitCode).toBe(0);
      expect(outcome.stopped).toHaveLength(1);
      expect(outcome.stopped[0]).toMatchObject({ level: 30, reason: signal });
      expect(outcome.last?.msg).toBe('gatehouse stopped');
    }
  }, 60_000);

  it('creates the data directory 0700 and the database files 0600, and warns about a directory open to others', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'gh-perm-'));
    const GATEHOUSE_DATA_DIR = join(parent, 'fresh', 'data');
    const config = serveConfig({ GATEHOUSE_DATA_DIR });
    const logs = logCapture();
    const server = await startServer(config, { logDestination: logs.destination });
    await server.close();
    const modeOf = (path: string) => statSync(path).mode & 0o777;
    expect(modeOf(GATEHOUSE_DATA_DIR)).toBe(0o700);
    for (const file of ['gatehouse.sqlite', 'secret.key']) expect(modeOf(join(GATEHOUSE_DATA_DIR, file)), file).toBe(0o600);
    // SQLite removes -wal and -shm on a clean close: open the database again and look while they exist.
    const runtime = await openRuntime(config, { collectProcessMetrics: false });
    try {
      for (const file of ['gatehouse.sqlite', 'gatehouse.sqlite-wal', 'gatehouse.sqlite-shm']) expect(modeOf(join(GATEHOUSE_DATA_DIR, file)), file).toBe(0o600);
    } finally {
      await runtime.close();
    }
    expect(logs.lines.filter((l) => l.level === 40 && String(l.msg).startsWith('data directory'))).toEqual([]);

    // An existing directory left open to others, with a database file made readable to all.
    chmodSync(GATEHOUSE_DATA_DIR, 0o755);
    chmodSync(join(GATEHOUSE_DATA_DIR, 'gatehouse.sqlite'), 0o644);
    const again = logCapture();
    const reopened = await startServer(config, { logDestination: again.destination });
    await reopened.close();
    expect(again.lines.filter((l) => l.level === 40 && String(l.msg).startsWith('data directory'))).toMatchObject([{ path: GATEHOUSE_DATA_DIR, mode: '0755' }]);
    // The directory is the operator's to change; the database file is ours.
    expect(modeOf(GATEHOUSE_DATA_DIR)).toBe(0o755);
    expect(modeOf(join(GATEHOUSE_DATA_DIR, 'gatehouse.sqlite'))).toBe(0o600);
  });
});
