/**
 * The real server for browser tests: `node dist/cli.js serve` as a child process, with SQLite in a
 * fresh temp dir, GATEHOUSE_DEV=1 (the dev mailbox), a free port and an optional config file.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');

/** Cheap hashing and limits that only the rate-limit test meets; tests override what they need. */
export const E2E_CONFIG = {
  passwords: { argon2: { memoryKiB: 8192, iterations: 1, parallelism: 1 } },
  limits: {
    ip: { failures: 1000, windowSeconds: 600, blockSeconds: 600 },
    codes: { failures: 1000, windowSeconds: 600, blockSeconds: 600 },
    authRequests: { requests: 100_000, windowSeconds: 60 },
  },
};

export interface TestServer {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  /** Runs `gatehouse <args>` against the same data directory; resolves with its stdout. */
  cli(args: string[]): Promise<string>;
  /** Server log lines so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become ready:\n${output()}`);
}

export async function startServer(config: object = {}): Promise<TestServer> {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const configPath = join(dataDir, 'config.json');
  const merged = { ...E2E_CONFIG, ...config, limits: { ...E2E_CONFIG.limits, ...((config as { limits?: object }).limits ?? {}) } };
  writeFileSync(configPath, JSON.stringify(merged));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEHOUSE_DEV: '1',
    GATEHOUSE_PORT: String(port),
    GATEHOUSE_HOST: '127.0.0.1',
    GATEHOUSE_PUBLIC_URL: baseUrl,
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_CONFIG: configPath,
    GATEHOUSE_LOG_LEVEL: 'warn',
    GATEHOUSE_DATABASE_URL: '',
    GATEHOUSE_REDIS_URL: '',
  };
  let output = '';
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await waitForReady(baseUrl, child, () => output);
  return {
    baseUrl,
    env,
    log: () => output,
    cli: (args) =>
      new Promise((resolve, reject) => {
        execFile(process.execPath, [CLI, ...args], { env }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
