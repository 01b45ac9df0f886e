/** Operator commands: staff list, account unfreeze, account reset-2fa (through the hold), region-policy reset; each audited as `cli`. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { ManualClock } from '../src/platform/clock.js';
import { DEFAULT_REGION_POLICY } from '../src/region/policy.js';
import { runSupportSweeps } from '../src/tickets/sweeps.js';
import { sqliteBackend } from './support/backends.js';
import { GOOD_PASSWORD, TEST_SECRET_KEY, bearer, createHarness, json, login, loginToken, post, registerVerified, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';
import { fileAndConfirm, mailTo, tokenIn } from './support/multipart.js';

function cliEnv() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-cli-'));
  return { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY, databaseUrl: join(dataDir, 'gatehouse.sqlite') };
}

async function cli(env: Record<string, string>, ...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line), env);
  return { code, output: lines.join('\n') };
}

/** The server side of the same database, on a clock that starts now (the CLI runs on the real clock). */
async function serverFor(env: ReturnType<typeof cliEnv>): Promise<Harness> {
  return createHarness(sqliteBackend(), { databaseUrl: env.databaseUrl, dataDir: env.GATEHOUSE_DATA_DIR }, { clock: new ManualClock(Date.now()) });
}

async function cliAudit(h: Harness) {
  return h.deps.db.selectFrom('audit_log').selectAll().where('actor_email', '=', 'cli').orderBy('id').execute();
}

describe('operator commands', () => {
  it('lists staff accounts with their roles and TOTP state', async () => {
    const env = cliEnv();
    await cli(env, 'migrate');
    expect((await cli(env, 'staff', 'list')).output).toBe('no staff accounts');
    await cli(env, 'staff', 'create', '--email', 'ops@example.com', '--role', 'admin');
    await cli(env, 'staff', 'create', '--email', 'desk@example.com', '--role', 'support');
    const listed = await cli(env, 'staff', 'list');
    expect(listed.code).toBe(0);
    const lines = listed.output.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^desk@example\.com\tsupport\ttotp on\tcreated \S+\t[0-9A-Z]{26}$/);
    expect(lines[1]).toMatch(/^ops@example\.com\tadmin\ttotp on\t/);
    expect(listed.output).not.toMatch(/otpauth|password/i);
    // staff create wrote its audit row with the account (same transaction)
    const h = await serverFor(env);
    expect((await cliAudit(h)).map((r) => r.action)).toEqual(['staff.create', 'staff.create']);
  });

  it('unfreezes an account by email, with a reason, audited', async () => {
    const env = cliEnv();
    const h = await serverFor(env);
    await registerVerified(h, 'frozen@example.com');
    const token = await loginToken(h, 'frozen@example.com');
    await post(h, '/api/v1/account/disable', { password: GOOD_PASSWORD }, bearer(token));
    expect(json(await login(h, 'frozen@example.com')).code).toBe(4002);
    await expect(cli(env, 'account', 'unfreeze', '--email', 'frozen@example.com')).rejects.toThrow(/--reason/);
    expect((await cli(env, 'account', 'unfreeze', '--email', 'nobody@example.com', '--reason', 'test')).code).toBe(1);
    const done = await cli(env, 'account', 'unfreeze', '--email', 'Frozen@Example.com', '--reason', 'owner verified by phone');
    expect(done).toEqual({ code: 0, output: 'frozen@example.com: unfrozen (was frozen: self)' });
    expect(json(await login(h, 'frozen@example.com')).status).toBe('ok');
    expect((await cli(env, 'account', 'unfreeze', '--email', 'frozen@example.com', '--reason', 'again')).output).toBe('frozen@example.com is not frozen');
    const [row] = await cliAudit(h);
    expect(row).toMatchObject({ action: 'account.unfreeze', before_state: '{"frozen":"self","reason":"disabled by the owner"}' });
    expect(JSON.parse(row!.detail)).toMatchObject({ reason: 'owner verified by phone', via: 'cli' });
  });

  it('schedules a 2FA reset from a ticket through the same hold and cancel link', async () => {
    const env = cliEnv();
    const h = await serverFor(env);
    await registerVerified(h, 'phone@example.com');
    await enableTotp(h, 'phone@example.com');
    const { id: ticketId } = await fileAndConfirm(h, { email: 'phone@example.com', category: 'reset_2fa', description: 'phone in the lake' });
    await registerVerified(h, 'someone@example.com');

    expect((await cli(env, 'account', 'reset-2fa', '--email', 'someone@example.com', '--ticket', ticketId)).output).toMatch(/does not belong/);
    expect((await cli(env, 'account', 'reset-2fa', '--email', 'phone@example.com', '--ticket', '01J0000000000000000000000Z')).code).toBe(1);
    const scheduled = await cli(env, 'account', 'reset-2fa', '--email', 'phone@example.com', '--ticket', ticketId.toLowerCase());
    expect(scheduled.code).toBe(0);
    expect(scheduled.output).toMatch(/^phone@example\.com: 2FA reset scheduled for \S+; the owner was mailed a cancel link$/);
    const scheduledFor = Date.parse(/scheduled for (\S+);/.exec(scheduled.output)![1]!);
    expect(Math.abs(scheduledFor - (Date.now() + 48 * 3600_000))).toBeLessThan(60_000);
    expect((await cli(env, 'account', 'reset-2fa', '--email', 'phone@example.com', '--ticket', ticketId)).output).toMatch(/^refused: /);
    const notice = await mailTo(h, 'phone@example.com', /will be reset/);
    expect(notice.text).toContain('/cancel-2fa-reset?token=');

    h.clock.advanceSeconds(47 * 3600);
    expect((await runSupportSweeps(h.deps)).resetsDone).toEqual([]);
    h.clock.advanceSeconds(2 * 3600);
    expect((await runSupportSweeps(h.deps)).resetsDone).toHaveLength(1);
    expect(json(await login(h, 'phone@example.com')).status).toBe('ok');
    expect(json(await post(h, '/api/v1/auth/2fa-reset/cancel', { token: tokenIn(notice) })).code).toBe(4014);
    const actions = (await h.deps.db.selectFrom('audit_log').select(['action', 'actor_email']).orderBy('id').execute()).map(
      (r) => `${r.action}:${r.actor_email}`,
    );
    expect(actions).toEqual(['ticket.resolve:cli', 'two_factor.reset.execute:system']);
  });

  it('resets the region policy to the configuration’s', async () => {
    const env = cliEnv();
    const h = await serverFor(env);
    await h.deps.region.replace({ ...DEFAULT_REGION_POLICY, rules: [] });
    expect((await cli(env, 'region-policy', 'reset')).output).toBe('region policy reset to the configuration’s');
    h.clock.advanceSeconds(2);
    expect(await h.deps.region.policy()).toEqual(DEFAULT_REGION_POLICY);
    const [row] = await cliAudit(h);
    expect(row).toMatchObject({ action: 'region_policy.reset' });
    expect(JSON.parse(row!.before_state!)).toEqual({ ...DEFAULT_REGION_POLICY, rules: [] });
    await expect(cli(env, 'region-policy', 'show')).rejects.toThrow(/reset/);
  });
});
