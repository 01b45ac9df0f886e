/**
 * Two server processes on one Redis and one database: an attack spread across both gets exactly the
 * allowance one instance would give. Needs GATEHOUSE_TEST_REDIS_URL (CI sets it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TEST_SECRET_KEY } from './support/harness.js';

const redisUrl = process.env.GATEHOUSE_TEST_REDIS_URL;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

async function startInstance(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, ...env, GATEHOUSE_PORT: String(port), GATEHOUSE_HOST: '127.0.0.1', GATEHOUSE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // waiting for a child process to boot, not for app time
  }
  throw new Error('instance did not become ready');
}

async function postJson(base: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe.skipIf(!redisUrl)('two instances sharing Redis and a database', () => {
  it('enforce one combined allowance for an attack spread across both', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-multi-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({ redisKeyPrefix: `multi${randomBytes(4).toString('hex')}`, passwords: { argon2: { memoryKiB: 8192, iterations: 1, parallelism: 1 } } }),
    );
    const env = {
      GATEHOUSE_CONFIG: configFile,
      GATEHOUSE_DATA_DIR: dir,
      GATEHOUSE_DATABASE_URL: join(dir, 'shared.sqlite'),
      GATEHOUSE_REDIS_URL: redisUrl!,
      GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY,
      GATEHOUSE_DEV: '1',
    };
    const a = await startInstance(env);
    const b = await startInstance(env);

    expect((await postJson(a, '/api/v1/auth/register', { email: 'multi@example.com', password: GOOD_PASSWORD })).status).toBe(202);
    const outbox = (await (await fetch(`${b}/api/v1/dev/outbox?to=multi@example.com`)).json()) as Array<{ text: string }>;
    const code = /\b(\d{6})\b/.exec(outbox[0]!.text)![1];
    expect((await postJson(b, '/api/v1/auth/register/verify', { email: 'multi@example.com', code })).status).toBe(200);

    const instances = [a, b, a, b, a];
    for (const base of instances) {
      expect((await postJson(base, '/api/v1/auth/login', { email: 'multi@example.com', password: 'wrong guess here' })).body.code).toBe(4000);
    }
    for (const base of [a, b]) {
      const blocked = await postJson(base, '/api/v1/auth/login', { email: 'multi@example.com', password: GOOD_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ code: 1003, reason: 'account_ip_rate_limit' });
    }
  });
});
