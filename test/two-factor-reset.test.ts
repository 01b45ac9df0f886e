/** The scheduled 2FA reset: single-use cancel link, cancel vs. execution, and what staff may not approve. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, json, post, registerVerified, staffSession, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';
import { fileAndConfirm, mailTo, supportOverrides, tokenIn } from './support/multipart.js';
import { executeDueTwoFactorResets } from '../src/recovery/two-factor-reset.js';
import { createMaintenanceService } from '../src/maintenance/service.js';

const HOUR_S = 3600;

/** A user with TOTP, a confirmed reset_2fa ticket, and staff approval: returns the mailed cancel token. */
async function approvedReset(h: Harness, email: string, staffToken: string) {
  await registerVerified(h, email);
  await enableTotp(h, email);
  const { id } = await fileAndConfirm(h, { email, category: 'reset_2fa', description: 'lost my phone' });
  const approved = await post(h, `/api/v1/admin/tickets/${id}/resolve`, { action: 'reset_2fa', identityVerified: true, note: 'checked' }, bearer(staffToken));
  expect(approved.statusCode, approved.body).toBe(200);
  return { ticketId: id, resetId: json(approved).twoFactorReset.id as string, token: tokenIn(await mailTo(h, email, /will be reset/)) };
}

async function resetStatus(h: Harness, id: string) {
  return (await h.deps.db.selectFrom('two_factor_resets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

describeEachBackend('scheduled 2FA reset', (backend) => {
  it('cancels exactly once when the link is used 50 times at once', async () => {
    const h = await createHarness(backend, supportOverrides());
    const staff = await staffSession(h, 'agent@example.com', 'support');
    const { token, resetId } = await approvedReset(h, 'race@example.com', staff.token);
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(h, '/api/v1/auth/2fa-reset/cancel', { token })));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode !== 200).map((r) => json(r).code)).toEqual(Array(49).fill(4014));
    expect(await resetStatus(h, resetId)).toBe('cancelled');
    const cancels = await h.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'two_factor.reset.cancel').execute();
    expect(cancels).toHaveLength(1);
    const mails = json(await h.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?to=race@example.com' })).filter((m: { subject: string }) =>
      /was cancelled/.test(m.subject),
    );
    expect(mails).toHaveLength(1);
  });

  it('can be cancelled during maintenance, when the hold runs out regardless', async () => {
    const h = await createHarness(backend, supportOverrides());
    const staff = await staffSession(h, 'agent@example.com', 'support');
    const { token, resetId } = await approvedReset(h, 'held@example.com', staff.token);
    h.clock.advanceSeconds(47 * HOUR_S);
    await createMaintenanceService(h.deps).set({ enabled: true, message: 'Upgrade', untilMs: null });
    h.clock.advanceSeconds(2);
    expect(json(await post(h, '/api/v1/auth/login', { email: 'held@example.com', password: 'any password at all' })).code).toBe(1100);
    expect(json(await post(h, '/api/v1/auth/2fa-reset/cancel', { token }))).toEqual({ status: 'cancelled' });
    h.clock.advanceSeconds(HOUR_S + 1);
    await executeDueTwoFactorResets(h.deps);
    expect(await resetStatus(h, resetId)).toBe('cancelled');
  });

  it('is either cancelled or carried out when the link and the sweep race after the hold, never both', async () => {
    const h = await createHarness(backend, supportOverrides());
    const staff = await staffSession(h, 'agent@example.com', 'support');
    const { token, resetId } = await approvedReset(h, 'both@example.com', staff.token);
    h.clock.advanceSeconds(48 * HOUR_S + 1);
    const [cancel, swept] = await Promise.all([post(h, '/api/v1/auth/2fa-reset/cancel', { token }), executeDueTwoFactorResets(h.deps)]);
    const status = await resetStatus(h, resetId);
    if (cancel.statusCode === 200) {
      expect(status).toBe('cancelled');
      expect(swept).toEqual([]);
    } else {
      expect(json(cancel).code).toBe(4014);
      expect(status).toBe('done');
      expect(swept).toEqual([resetId]);
    }
    const audit = await h.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'two_factor.reset.%').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses what the desk must not do: a second pending reset, no identity check, no factor, a staff account, one’s own', async () => {
    const h = await createHarness(backend, supportOverrides());
    const staff = await staffSession(h, 'agent@example.com', 'support');
    await approvedReset(h, 'twice@example.com', staff.token);
    const second = await fileAndConfirm(h, { email: 'twice@example.com', category: 'reset_2fa', description: 'again' });
    const refused = await post(
      h,
      `/api/v1/admin/tickets/${second.id}/resolve`,
      { action: 'reset_2fa', identityVerified: true, note: 'x' },
      bearer(staff.token),
    );
    expect(json(refused)).toMatchObject({ code: 4010, details: { fields: { action: 'a 2FA reset is already scheduled for this account' } } });
    // the refusal rolled everything back: the ticket is still open and unaudited
    expect((await h.deps.db.selectFrom('tickets').select('status').where('id', '=', second.id).executeTakeFirstOrThrow()).status).toBe('open');
    expect(await h.deps.db.selectFrom('audit_log').select('id').where('target', '=', second.id).execute()).toEqual([]);

    await registerVerified(h, 'plain@example.com');
    const plain = await fileAndConfirm(h, { email: 'plain@example.com', category: 'reset_2fa', description: 'no 2fa at all' });
    expect(
      json(await post(h, `/api/v1/admin/tickets/${plain.id}/resolve`, { action: 'reset_2fa', identityVerified: true, note: 'x' }, bearer(staff.token))),
    ).toMatchObject({
      code: 4010,
      details: { fields: { action: 'the account has no second factor to reset' } },
    });
    expect(
      json(await post(h, `/api/v1/admin/tickets/${plain.id}/resolve`, { action: 'reset_2fa', identityVerified: false, note: 'x' }, bearer(staff.token))),
    ).toMatchObject({
      code: 4010,
      details: { fields: { identityVerified: expect.any(String) } },
    });

    // a ticket in a staff member's name: never through the desk
    await staffSession(h, 'colleague@example.com', 'support');
    const colleague = await fileAndConfirm(h, { email: 'colleague@example.com', category: 'reset_2fa', description: 'my phone broke' });
    expect(
      json(await post(h, `/api/v1/admin/tickets/${colleague.id}/resolve`, { action: 'reset_2fa', identityVerified: true, note: 'x' }, bearer(staff.token))),
    ).toMatchObject({
      code: 4010,
      details: { fields: { action: expect.stringContaining('operator') } },
    });
  });

  it('lets only admins set the KYC country through a ticket, in any case', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'mover@example.com');
    const { id } = await fileAndConfirm(h, { email: 'mover@example.com', category: 'region_change', description: 'I moved to Germany' });
    const support = await staffSession(h, 'agent@example.com', 'support');
    const body = { action: 'set_kyc_region', identityVerified: true, note: 'utility bill', kycCountry: 'de' };
    expect(json(await post(h, `/api/v1/admin/tickets/${id}/resolve`, body, bearer(support.token))).code).toBe(4012);
    const admin = await staffSession(h, 'boss@example.com', 'admin');
    expect(json(await post(h, `/api/v1/admin/tickets/${id}/resolve`, { ...body, kycCountry: undefined }, bearer(admin.token))).details.fields).toHaveProperty(
      'kycCountry',
    );
    expect((await post(h, `/api/v1/admin/tickets/${id}/resolve`, body, bearer(admin.token))).statusCode).toBe(200);
    const account = await h.deps.db.selectFrom('accounts').select('kyc_country').where('email', '=', 'mover@example.com').executeTakeFirstOrThrow();
    expect(account.kyc_country).toBe('DE');
    expect((await mailTo(h, 'mover@example.com', /was resolved/)).text).toContain('New region: DE');
  });
});
