/** Staff balance credits: above the configured line a second admin approves; amounts stay exact. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, get, json, loginToken, post, registerVerified, staffSession } from './support/harness.js';

describeEachBackend('staff balance credits', (backend) => {
  it('credits at once up to the line; above it waits for another admin, who approves it once', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'holder@example.com');
    const user = await loginToken(h, 'holder@example.com');
    const { id } = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', 'holder@example.com').executeTakeFirstOrThrow();
    const first = await staffSession(h, 'first@example.com', 'admin');
    const second = await staffSession(h, 'second@example.com', 'admin');
    const support = await staffSession(h, 'helpdesk@example.com', 'support');
    const balances = async () => json(await get(h, '/api/v1/wallet/balances', bearer(user)));

    expect(json(await post(h, `/api/v1/admin/accounts/${id}/balances`, { asset: 'BTC', amount: '1' }, bearer(first.token)))).toEqual({ status: 'credited' });
    const big = await post(
      h,
      `/api/v1/admin/accounts/${id}/balances`,
      { asset: 'BTC', amount: '250.12345678', reason: 'migration from the old ledger' },
      bearer(first.token),
    );
    expect(big.statusCode).toBe(202);
    const { creditId } = json(big);
    expect(await balances()).toEqual([{ asset: 'BTC', available: '1', locked: '0' }]);

    const listed = json(await get(h, '/api/v1/admin/balance-credits', bearer(second.token)));
    expect(listed).toMatchObject([{ id: creditId, accountId: id, asset: 'BTC', amount: '250.12345678', requestedBy: 'first@example.com', status: 'pending' }]);
    expect(json(await post(h, `/api/v1/admin/balance-credits/${creditId}/approve`, {}, bearer(first.token)))).toMatchObject({
      code: 4012,
      reason: 'second_admin_required',
    });
    expect(json(await post(h, `/api/v1/admin/balance-credits/${creditId}/approve`, {}, bearer(support.token))).code).toBe(4012);
    const approvals = await Promise.all([1, 2, 3].map(() => post(h, `/api/v1/admin/balance-credits/${creditId}/approve`, {}, bearer(second.token))));
    expect(approvals.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(approvals.filter((a) => a.statusCode !== 200).every((a) => json(a).code === 4014)).toBe(true);
    expect(await balances()).toEqual([{ asset: 'BTC', available: '251.12345678', locked: '0' }]);

    const audit = json(await get(h, `/api/v1/admin/audit?account=${id}`, bearer(second.token))).items.map((r: { action: string; actor: string }) => [
      r.action,
      r.actor,
    ]);
    expect(audit).toEqual([
      ['balance.credit_approved', 'second@example.com'],
      ['balance.credit_requested', 'first@example.com'],
      ['balance.credit', 'first@example.com'],
    ]);
  });

  it('never lets a balance grow past what a JS number holds exactly', async () => {
    const h = await createHarness(backend, { staff: { creditApprovalAbove: { '*': '100000000' } } });
    await registerVerified(h, 'whale@example.com');
    const { id } = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', 'whale@example.com').executeTakeFirstOrThrow();
    const admin = await staffSession(h, 'admin@example.com', 'admin');
    for (let i = 0; i < 9; i++)
      expect((await post(h, `/api/v1/admin/accounts/${id}/balances`, { asset: 'DOGE', amount: '10000000' }, bearer(admin.token))).statusCode).toBe(200);
    // 90,000,000 whole units (9e15 minor) is the ceiling: one more unit does not fit
    const over = json(await post(h, `/api/v1/admin/accounts/${id}/balances`, { asset: 'DOGE', amount: '0.00000001' }, bearer(admin.token)));
    expect(over).toMatchObject({ code: 4010, details: { fields: { amount: expect.stringContaining('largest amount') } } });
    const user = await loginToken(h, 'whale@example.com');
    expect(json(await get(h, '/api/v1/wallet/balances', bearer(user)))).toEqual([{ asset: 'DOGE', available: '90000000', locked: '0' }]);
  });
});
