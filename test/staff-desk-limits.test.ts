/**
 * What the staff console's account actions may not do: change a staff account or one's own (an
 * operator does that at the shell), or lift a risk freeze without an identity check, even one that
 * lands while the request is on its way.
 */
import type { KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { findAccountById, setFreeze } from '../src/accounts/store.js';
import { insertPendingCredit } from '../src/staff/store.js';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, json, post, registerVerified, staffSession, type Harness } from './support/harness.js';

async function idOf(h: Harness, email: string) {
  return (await h.deps.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

describeEachBackend('staff console limits', (backend) => {
  it('refuses freeze, unfreeze and KYC changes on staff accounts and on one’s own with 4012, changing nothing', async () => {
    const h = await createHarness(backend);
    const support = await staffSession(h, 'support@example.com', 'support');
    const admin = await staffSession(h, 'admin@example.com', 'admin');
    await staffSession(h, 'colleague@example.com', 'support');
    const supportId = await idOf(h, 'support@example.com');
    const adminId = await idOf(h, 'admin@example.com');
    const colleagueId = await idOf(h, 'colleague@example.com');
    await setFreeze(h.deps.db, colleagueId, 'staff', 'suspected insider', h.clock.nowMs());

    const attempts = [
      post(h, `/api/v1/admin/accounts/${adminId}/freeze`, { reason: 'lock the admin out' }, bearer(support.token)),
      post(h, `/api/v1/admin/accounts/${colleagueId}/unfreeze`, { reason: 'my friend', identityVerified: true }, bearer(support.token)),
      post(h, `/api/v1/admin/accounts/${supportId}/freeze`, { reason: 'myself' }, bearer(support.token)),
      post(h, `/api/v1/admin/accounts/${supportId}/kyc`, { kycCountry: 'US' }, bearer(admin.token)),
      post(h, `/api/v1/admin/accounts/${adminId}/kyc`, { kycCountry: 'US' }, bearer(admin.token)),
      post(h, `/api/v1/admin/accounts/${adminId}/balances`, { asset: 'USDT', amount: '10000' }, bearer(admin.token)),
      post(h, `/api/v1/admin/accounts/${supportId}/balances`, { asset: 'BTC', amount: '1' }, bearer(admin.token)),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(403);
      expect(json(response).code).toBe(4012);
    }
    expect((await findAccountById(h.deps.db, adminId))?.frozen_type).toBeNull();
    expect((await findAccountById(h.deps.db, colleagueId))?.frozen_type).toBe('staff');
    expect((await findAccountById(h.deps.db, supportId))?.kyc_country).toBeNull();
    expect(await h.deps.db.selectFrom('audit_log').select('id').where('action', 'like', 'account.%').execute()).toEqual([]);
    expect(await h.deps.db.selectFrom('balances').select('asset').execute()).toEqual([]);
    // a user's account is still theirs to act on
    await registerVerified(h, 'user@example.com');
    const userId = await idOf(h, 'user@example.com');
    expect(json(await post(h, `/api/v1/admin/accounts/${userId}/freeze`, { reason: 'fraud report' }, bearer(support.token)))).toEqual({ status: 'frozen' });
  });

  it('never lets the second admin approve a credit paid to themselves', async () => {
    const h = await createHarness(backend);
    await staffSession(h, 'first@example.com', 'admin');
    const second = await staffSession(h, 'second@example.com', 'admin');
    const [firstId, secondId] = [await idOf(h, 'first@example.com'), await idOf(h, 'second@example.com')];
    // a credit to the approver's own account, requested by someone else (as one made before staff
    // accounts were refused as credit targets would be)
    const creditId = h.deps.newId();
    await insertPendingCredit(h.deps.db, {
      id: creditId,
      accountId: secondId,
      asset: 'BTC',
      amountMinor: 500_000_000n,
      reason: 'bonus',
      requestedById: firstId,
      requestedByEmail: 'first@example.com',
      nowMs: h.clock.nowMs(),
    });
    const approved = await post(h, `/api/v1/admin/balance-credits/${creditId}/approve`, {}, bearer(second.token));
    expect(approved.statusCode).toBe(403);
    expect(json(approved).code).toBe(4012);
    expect(await h.deps.db.selectFrom('balances').select('asset').execute()).toEqual([]);
  });

  it('keeps a risk freeze that lands after the route read the account, when no identity check was made', async () => {
    const h = await createHarness(backend);
    const support = await staffSession(h, 'support@example.com', 'support');
    await registerVerified(h, 'target@example.com');
    const id = await idOf(h, 'target@example.com');
    const raw = h.deps.db;
    await setFreeze(raw, id, 'risk', 'withdrawal risk score 100', h.clock.nowMs());
    let armed = true;
    // The route's first read of the account sees it as it was a moment before the risk freeze landed.
    const plugin: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult(args) {
        const row = args.result.rows[0] as Record<string, unknown> | undefined;
        if (!armed || row?.id !== id || !('frozen_type' in row)) return args.result;
        armed = false;
        return { ...args.result, rows: [{ ...row, frozen_type: null, frozen_at: null, frozen_reason: null }] };
      },
    };
    (h.deps as { db: typeof raw }).db = raw.withPlugin(plugin);
    try {
      const response = await post(h, `/api/v1/admin/accounts/${id}/unfreeze`, { reason: 'no check', identityVerified: false }, bearer(support.token));
      expect(armed).toBe(false);
      expect(json(response)).toMatchObject({ code: 4010, details: { fields: { identityVerified: expect.any(String) } } });
    } finally {
      (h.deps as { db: typeof raw }).db = raw;
    }
    expect((await findAccountById(raw, id))?.frozen_type).toBe('risk');
    expect(await raw.selectFrom('audit_log').select('id').where('action', '=', 'account.unfreeze').execute()).toEqual([]);
    // with the identity check the same request lifts it, and the audit row names the risk freeze
    const lifted = await post(h, `/api/v1/admin/accounts/${id}/unfreeze`, { reason: 'ID checked', identityVerified: true }, bearer(support.token));
    expect(json(lifted)).toEqual({ status: 'active' });
    const audit = await raw.selectFrom('audit_log').select(['before_state', 'detail']).where('action', '=', 'account.unfreeze').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_state!)).toMatchObject({ frozen: 'risk' });
  });
});
