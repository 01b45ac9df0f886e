import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, describe } from 'vitest';
import { runCli } from '../src/cli.js';
import { sqliteBackend } from './support/backends.js';
import { createHarness, json, post } from './support/harness.js';
import { TEST_SECRET_KEY } from './support/harness.js';
import * as OTPAuth from 'otpauth';
import { generateTotp } from '../src/twofactor/totp.js';

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
