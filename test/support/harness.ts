/**
 * Builds a real app (real database, real argon2, outbox mail) with a manual clock, plus the few
 * steps most tests share: register and verify an account, read the dev mailbox, log in.
 */
import { afterEach } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { randomBytes } from 'node:crypto';
import { DEFAULT_CONFIG, buildConfig, type Config } from '../../src/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { App } from '../../src/http/types.js';
import type { Backend } from './backends.js';
import type { Deps } from '../../src/deps.js';
import type { MaintenanceService } from '../../src/maintenance/service.js';
import * as OTPAuth from 'otpauth';
import { enrolStaffTotp } from '../../src/twofactor/staff-enrolment.js';
import { generateTotp } from '../../src/twofactor/totp.js';

export const TEST_SECRET_KEY = 'a'.repeat(64);
/** Cheaper argon2 for most tests; the production parameters have their own test. */
export const FAST_ARGON2 = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

export interface Harness {
  app: App;
  deps: Deps;
  clock: ManualClock;
  runtime: Runtime;
  maintenance: MaintenanceService;
  close(): Promise<void>;
}

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/**
 * Limits far above what any functional test does from its one IP (127.0.0.1), so that only the
 * rate-limit suites, which pass `limits: DEFAULT_CONFIG.limits`, meet 1003.
 */
export const RELAXED_LIMITS: Config['limits'] = {
  ...DEFAULT_CONFIG.limits,
  ipAccount: { failures: 1000, windowSeconds: 3600, blockSeconds: 300 },
  ip: { failures: 10_000, windowSeconds: 600, blockSeconds: 600 },
  codes: { failures: 1000, windowSeconds: 600, blockSeconds: 600 },
  authRequests: { requests: 100_000, windowSeconds: 60 },
  account: { failures: 10_000, windowSeconds: 3600, confirmDevicesForSeconds: 86_400 },
  secondFactor: { failures: 10_000, windowSeconds: 3600 },
  accountChallenges: { requests: 10_000, windowSeconds: 3600 },
  accountCodeSends: { requests: 10_000, windowSeconds: 3600 },
  passwordResets: { perEmail: 10_000, perIp: 10_000 },
  sendCooldownSeconds: 0,
};

export interface HarnessOptions {
  logger?: unknown;
  clock?: ManualClock;
  /** Use Redis (GATEHOUSE_TEST_REDIS_URL) for the limiters, with a fresh key prefix. */
  redisUrl?: string;
  /** Keep it open past the current test (a suite's beforeAll); the caller closes it (afterAll). */
  keepOpen?: boolean;
}

export async function createHarness(backend: Backend, overrides: Partial<Config> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const database = backend.freshDatabase();
  const config = buildConfig({
    dataDir: '/tmp/gatehouse-test-unused',
    databaseUrl: database.url,
    secretKey: TEST_SECRET_KEY,
    dev: true,
    limits: RELAXED_LIMITS,
    // Functional tests fire 50 logins at once; shedding has its own tests (src/limits/admission.test.ts).
    admission: { ...DEFAULT_CONFIG.admission, maxQueued: 10_000 },
    ...overrides,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    passwords: { ...buildConfig().passwords, argon2: FAST_ARGON2, ...(overrides.passwords ?? {}) },
  });
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 10, 26, 9, 0, 0));
  const runtime = await openRuntime(config, {
    clock,
    collectProcessMetrics: false,
    limiterPrefix: `t${randomBytes(6).toString('hex')}`,
    ...(database.schema ? { dbSchema: database.schema } : {}),
  });
  const { app, maintenance } = await buildApp(runtime.deps, options.logger ? { logger: options.logger as never } : {});
  const harness: Harness = {
    app,
    deps: runtime.deps,
    clock,
    runtime,
    maintenance,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
  if (!options.keepOpen) open.push(harness);
  return harness;
}

export function json(response: LightMyRequestResponse): any {
  return JSON.parse(response.body);
}

export async function post(h: Harness, url: string, payload: unknown, headers: Record<string, string> = {}) {
  const response = await h.app.inject({ method: 'POST', url, payload: payload as object, headers: { 'content-type': 'application/json', ...headers } });
  // Failed-login history is written just after the response; tests read it right away.
  await h.deps.background.idle();
  return response;
}

export async function get(h: Harness, url: string, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'GET', url, headers });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The newest 6-digit code mailed to `email`, read through the dev mailbox endpoint. */
export async function latestCode(h: Harness, email: string): Promise<string> {
  const items = json(await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`)) as Array<{ text: string }>;
  for (const item of items) {
    const match = /\b(\d{6})\b/.exec(item.text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no code mailed to ${email}`);
}

export const GOOD_PASSWORD = 'correct horse battery staple';

/** Registers and verifies an account over HTTP; returns its credentials. */
export async function registerVerified(h: Harness, email: string, password = GOOD_PASSWORD) {
  const registered = await post(h, '/api/v1/auth/register', { email, password });
  if (registered.statusCode !== 202) throw new Error(`register failed: ${registered.body}`);
  const verified = await post(h, '/api/v1/auth/register/verify', { email, code: await latestCode(h, email) });
  if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.body}`);
  return { email, password };
}

export async function login(h: Harness, email: string, password = GOOD_PASSWORD, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return post(h, '/api/v1/auth/login', { email, password, ...extra }, headers);
}

export async function loginToken(h: Harness, email: string, password = GOOD_PASSWORD, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await login(h, email, password, extra);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return json(response).session.token as string;
}

/** A staff account with TOTP on (as `gatehouse staff create` makes it), signed in at the staff door. */
export async function staffSession(h: Harness, email: string, role: 'support' | 'admin'): Promise<{ token: string; secret: Buffer }> {
  await registerVerified(h, email);
  const account = await h.deps.db.updateTable('accounts').set({ roles: role }).where('email', '=', email).returning(['id']).executeTakeFirstOrThrow();
  const { otpauthUri } = await enrolStaffTotp(h.deps, account.id, email);
  const secret = Buffer.from(base32Decode(new URL(otpauthUri).searchParams.get('secret')!));
  const started = json(await post(h, '/api/v1/admin/login', { email, password: GOOD_PASSWORD }));
  if (started.status !== '2fa_required') throw new Error(`staff login: ${JSON.stringify(started)}`);
  const done = json(
    await post(h, '/api/v1/auth/login/2fa', { challengeId: started.challenge.id, method: 'totp', code: generateTotp(secret, h.clock.nowMs()) }),
  );
  if (done.status !== 'ok') throw new Error(`staff 2fa: ${JSON.stringify(done)}`);
  return { token: done.session.token, secret };
}

function base32Decode(value: string): Uint8Array {
  return OTPAuth.Secret.fromBase32(value).bytes;
}

/** The token of the latest "forgot password" link mailed to `email` (dev outbox). */
export async function resetLink(h: Harness, email: string): Promise<string> {
  const mails = json(await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`)) as Array<{ subject: string; text: string }>;
  const mail = mails.find((m) => m.subject === 'Reset your Gatehouse password');
  if (!mail) throw new Error(`no reset mail to ${email}`);
  return /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}
