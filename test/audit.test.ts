/**
 * The audit log: append-only in the database itself (triggers), written in the same transaction as
 * the change it records, and readable by admins with filters and a cursor.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, get, json, post, registerVerified, staffSession, type Harness } from './support/harness.js';
import { withAudit } from '../src/staff/audit.js';
import { DEFAULT_REGION_POLICY } from '../src/region/policy.js';

async function accountId(h: Harness, email: string) {
  return (await h.deps.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

async function auditCount(h: Harness) {
  return Number(
    (
      await h.deps.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describeEachBackend('audit log', (backend) => {
  it('refuses UPDATE and DELETE of audit rows in the database itself', async () => {
    const h = await createHarness(backend);
    await withAudit(h.deps, { id: null, email: 'cli', ip: null }, 'test.action', async (_trx, record) => {
      record.detail = { n: 1 };
    });
    expect(await auditCount(h)).toBe(1);
    await expect(h.deps.db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(h.deps.db.updateTable('audit_log').set({ detail: '{}' }).where('action', '=', 'test.action').execute()).rejects.toThrow(/append-only/);
    await expect(h.deps.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where 1 = 1`.execute(h.deps.db)).rejects.toThrow(/append-only/);
    if (backend.name === 'postgres') await expect(sql`truncate audit_log`.execute(h.deps.db)).rejects.toThrow(/append-only/);
    const rows = await h.deps.db.selectFrom('audit_log').select(['action', 'detail']).execute();
    expect(rows).toEqual([{ action: 'test.action', detail: '{"n":1}' }]);
  });

  it('commits a change and its audit row together, or neither', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'subject@example.com');
    const id = await accountId(h, 'subject@example.com');
    const actor = { id: null, email: 'tester', ip: '192.0.2.1' };
    // the action fails after its change: the change is rolled back and no row is written
    await expect(
      withAudit(h.deps, actor, 'account.kyc', async (trx) => {
        await trx.updateTable('accounts').set({ kyc_country: 'FR' }).where('id', '=', id).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await auditCount(h)).toBe(0);
    // the audit row cannot be written (its id is taken): the change is rolled back too
    await withAudit(h.deps, actor, 'seed', async () => undefined);
    const seeded = (await h.deps.db.selectFrom('audit_log').select('id').executeTakeFirstOrThrow()).id;
    await expect(
      withAudit({ ...h.deps, newId: () => seeded }, actor, 'account.kyc', async (trx) => {
        await trx.updateTable('accounts').set({ kyc_country: 'IT' }).where('id', '=', id).execute();
      }),
    ).rejects.toThrow();
    expect((await h.deps.db.selectFrom('accounts').select('kyc_country').where('id', '=', id).executeTakeFirstOrThrow()).kyc_country).toBeNull();
    expect(await auditCount(h)).toBe(1);
    // and a successful one writes both
    await withAudit(h.deps, actor, 'account.kyc', async (trx, record) => {
      await trx.updateTable('accounts').set({ kyc_country: 'ES' }).where('id', '=', id).execute();
      record.accountId = id;
      record.before = { kycCountry: null };
      record.after = { kycCountry: 'ES' };
    });
    const row = await h.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.kyc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_email: 'tester',
      ip: '192.0.2.1',
      account_id: id,
      target: id,
      before_state: '{"kycCountry":null}',
      after_state: '{"kycCountry":"ES"}',
    });
  });

  it('records every staff action with who, from where, before and after; admins filter and page it', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'user@example.com');
    const id = await accountId(h, 'user@example.com');
    const admin = await staffSession(h, 'boss@example.com', 'admin');
    const support = await staffSession(h, 'agent@example.com', 'support');
    const call = (method: 'POST' | 'PUT' | 'DELETE', url: string, token: string, ip: string, payload?: unknown) =>
      h.app.inject({ method, url, remoteAddress: ip, headers: bearer(token), ...(payload !== undefined ? { payload: payload as object } : {}) });

    expect((await call('POST', `/api/v1/admin/accounts/${id}/freeze`, support.token, '192.0.2.10', { reason: 'suspicious' })).statusCode).toBe(200);
    h.clock.advanceSeconds(60);
    expect(
      (await call('POST', `/api/v1/admin/accounts/${id}/unfreeze`, support.token, '192.0.2.10', { reason: 'owner called', identityVerified: false }))
        .statusCode,
    ).toBe(200);
    h.clock.advanceSeconds(60);
    const kyc = await call('POST', `/api/v1/admin/accounts/${id}/kyc`, admin.token, '192.0.2.20', { kycCountry: 'de' });
    expect(json(kyc)).toEqual({ kycCountry: 'DE' });
    h.clock.advanceSeconds(60);
    // Below the per-asset line (1 BTC by default) a credit applies at once; above it a second admin approves (balance-credits.test.ts).
    expect((await call('POST', `/api/v1/admin/accounts/${id}/balances`, admin.token, '192.0.2.20', { asset: 'BTC', amount: '0.5' })).statusCode).toBe(200);
    const replaced = { ...DEFAULT_REGION_POLICY, rules: [] };
    expect((await call('PUT', '/api/v1/admin/region-policy', admin.token, '192.0.2.20', replaced)).statusCode).toBe(200);
    const reset = await call('DELETE', '/api/v1/admin/region-policy', admin.token, '192.0.2.20');
    expect(json(reset)).toEqual(h.deps.config.regionPolicy);
    expect(await h.deps.region.policy()).toEqual(h.deps.config.regionPolicy);
    await call('POST', '/api/v1/admin/maintenance', admin.token, '192.0.2.20', { enabled: false });

    const all = json(await get(h, '/api/v1/admin/audit', bearer(admin.token)));
    expect(all.items.map((a: { action: string }) => a.action)).toEqual([
      'maintenance.off',
      'region_policy.reset',
      'region_policy.replace',
      'balance.credit',
      'account.kyc',
      'account.unfreeze',
      'account.freeze',
    ]);
    const [, resetRow, replaceRow, , kycRow, unfreezeRow, freezeRow] = all.items;
    expect(freezeRow).toMatchObject({
      actor: 'agent@example.com',
      ip: '192.0.2.10',
      accountId: id,
      before: { frozen: null },
      after: { frozen: 'staff', reason: 'suspicious' },
    });
    expect(unfreezeRow).toMatchObject({
      before: { frozen: 'staff', reason: 'suspicious' },
      after: { frozen: null },
      detail: { reason: 'owner called', identityVerified: false },
    });
    expect(kycRow).toMatchObject({ actor: 'boss@example.com', ip: '192.0.2.20', before: { kycCountry: null }, after: { kycCountry: 'DE' } });
    expect(replaceRow.after).toEqual(replaced);
    expect(resetRow).toMatchObject({ before: replaced, after: h.deps.config.regionPolicy });

    // filters: account, actor, action (exact and prefix), time; and cursor paging
    const byAccount = json(await get(h, `/api/v1/admin/audit?account=${id}`, bearer(admin.token))).items;
    expect(byAccount.map((a: { action: string }) => a.action)).toEqual(['balance.credit', 'account.kyc', 'account.unfreeze', 'account.freeze']);
    expect(json(await get(h, '/api/v1/admin/audit?actor=Agent@Example.com', bearer(admin.token))).items).toHaveLength(2);
    expect(json(await get(h, '/api/v1/admin/audit?action=account.kyc', bearer(admin.token))).items).toHaveLength(1);
    expect(json(await get(h, '/api/v1/admin/audit?action=region_policy.*', bearer(admin.token))).items).toHaveLength(2);
    const start = new Date(Date.parse(freezeRow.at) + 30_000).toISOString();
    const end = new Date(Date.parse(freezeRow.at) + 90_000).toISOString();
    expect(json(await get(h, `/api/v1/admin/audit?from=${start}&to=${end}`, bearer(admin.token))).items.map((a: { action: string }) => a.action)).toEqual([
      'account.unfreeze',
    ]);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = json(await get(h, `/api/v1/admin/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`, bearer(admin.token)));
      pages.push(...page.items.map((a: { action: string }) => a.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.items.map((a: { action: string }) => a.action));
    for (const bad of ['limit=0', 'limit=501', 'from=yesterday', 'cursor=abc', 'action=DROP%20TABLE', 'account=x']) {
      expect(json(await get(h, `/api/v1/admin/audit?${bad}`, bearer(admin.token))).code, bad).toBe(4010);
    }
    expect(json(await get(h, '/api/v1/admin/audit', bearer(support.token))).code).toBe(4012);
    expect((await post(h, `/api/v1/admin/accounts/${id}/kyc`, { kycCountry: 'Germany' }, bearer(admin.token))).statusCode).toBe(400);
  });
});
