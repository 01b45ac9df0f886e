/**
 * End to end over HTTP, the way users and staff meet at the desk:
 *   - a user who disabled their account files a ticket with a screenshot, confirms it from the mail,
 *     staff unfreeze it, the user signs in;
 *   - a user without backup codes files a reset_2fa ticket with identity evidence, staff approve,
 *     the reset happens only after the hold; or the cancel link, used first, stops it.
 * Every step is checked in the audit log.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, login, loginToken, post, registerVerified, staffSession, type Harness } from './support/harness.js';
import { answer, enableTotp, startLogin } from './support/two-factor.js';
import { fileAndConfirm, mailTo, screenshot, supportOverrides, tokenIn } from './support/multipart.js';
import { TINY_JPEG, TINY_PNG } from './support/images.js';
import { runSupportSweeps } from '../src/tickets/sweeps.js';

const HOUR = 3600;

let auditors = 0;
async function auditFor(h: Harness, accountId: string) {
  const admin = await staffSession(h, `auditor-${++auditors}@example.com`, 'admin');
  return json(await get(h, `/api/v1/admin/audit?account=${accountId}`, bearer(admin.token))).items as Array<Record<string, any>>;
}

/** A user with TOTP on and every backup code used up, as the desk meets them. */
async function userWithoutBackupCodes(h: Harness, email: string) {
  await registerVerified(h, email);
  const { backupCodes } = await enableTotp(h, email);
  for (const code of backupCodes) {
    const challenge = await startLogin(h, email);
    expect((await answer(h, challenge.id, 'backup_code', code)).statusCode).toBe(200);
  }
  const exhausted = json(await answer(h, (await startLogin(h, email)).id, 'backup_code', backupCodes[0]!));
  expect(exhausted).toMatchObject({ code: 4003, reason: 'backup_codes_exhausted', details: { ticketHint: '/support/new?category=reset_2fa' } });
  const { id } = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return id;
}

describeEachBackend('support desk end to end', (backend) => {
  it('unfreezes a self-disabled account through a confirmed ticket; the user signs in again', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'dana@example.com');
    const token = await loginToken(h, 'dana@example.com');
    expect((await post(h, '/api/v1/account/disable', { password: GOOD_PASSWORD }, bearer(token))).statusCode).toBe(200);
    const frozen = json(await login(h, 'dana@example.com'));
    expect(frozen).toMatchObject({ code: 4002, details: { freezeType: 'self', ticketHint: '/support/new?category=account_frozen' } });

    const { id: ticketId } = await fileAndConfirm(
      h,
      { email: 'dana@example.com', category: 'account_frozen', errorCode: '4002', description: 'I disabled my account by mistake.' },
      [screenshot()],
    );

    const staff = await staffSession(h, 'agent@example.com', 'support');
    const queue = json(await get(h, '/api/v1/admin/tickets?status=open&category=account_frozen', bearer(staff.token)));
    expect(queue.items.map((t: { id: string }) => t.id)).toEqual([ticketId]);
    const context = json(await get(h, `/api/v1/admin/tickets/${ticketId}`, bearer(staff.token)));
    expect(context.account).toMatchObject({ email: 'dana@example.com', frozen: { type: 'self', reason: 'disabled by the owner' } });
    expect(context.ticket.messages[0].attachments[0]).toMatchObject({ kind: 'attachment', mediaType: 'image/png' });
    expect(context.loginHistory[0]).toMatchObject({ result: { code: 4002 } });
    expect(context.devices.length).toBeGreaterThan(0);
    expect(Array.isArray(context.riskDecisions)).toBe(true);

    const resolved = await post(
      h,
      `/api/v1/admin/tickets/${ticketId}/resolve`,
      { action: 'unfreeze', identityVerified: false, note: 'self freeze, owner confirmed by mail' },
      bearer(staff.token),
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(json(resolved)).toEqual({ id: ticketId, status: 'resolved', action: 'unfreeze', twoFactorReset: null });
    expect((await mailTo(h, 'dana@example.com', /was resolved/)).text).toContain('unfrozen');
    expect(json(await login(h, 'dana@example.com')).status).toBe('ok');
    // resolving twice does nothing more
    expect(
      json(await post(h, `/api/v1/admin/tickets/${ticketId}/resolve`, { action: 'none', identityVerified: false, note: 'again' }, bearer(staff.token))),
    ).toMatchObject({
      code: 4010,
      details: { fields: { ticket: 'already resolved' } },
    });

    const audit = await auditFor(h, context.account.id);
    const resolve = audit.find((a) => a.action === 'ticket.resolve');
    expect(resolve).toMatchObject({
      actor: 'agent@example.com',
      ip: '127.0.0.1',
      target: ticketId,
      before: { frozen: 'self', reason: 'disabled by the owner' },
      after: { frozen: null },
      detail: { action: 'unfreeze', identityVerified: false, note: 'self freeze, owner confirmed by mail' },
    });
  });

  it('resets 2FA only after the hold, for a user without backup codes who proved their identity', async () => {
    const h = await createHarness(backend, supportOverrides());
    const accountId = await userWithoutBackupCodes(h, 'lost@example.com');
    const oldSession = await h.deps.db.selectFrom('sessions').select('id').where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    expect(oldSession.length).toBeGreaterThan(0);

    const { id: ticketId, accessToken } = await fileAndConfirm(
      h,
      { email: 'lost@example.com', category: 'reset_2fa', errorCode: '4003', description: 'Lost my phone and used all backup codes.' },
      [
        { field: 'idPhoto', filename: 'passport.jpg', contentType: 'image/jpeg', bytes: TINY_JPEG },
        { field: 'selfie', filename: 'selfie.png', bytes: TINY_PNG },
      ],
    );
    const staff = await staffSession(h, 'agent@example.com', 'support');
    const context = json(await get(h, `/api/v1/admin/tickets/${ticketId}`, bearer(staff.token)));
    expect(context.ticket.evidence).toEqual({ requested: true, idPhoto: true, selfie: true });
    expect(context.twoFactor).toEqual({ totp: true, email: false, sms: false, backupCodesRemaining: 0 });

    const body = { action: 'reset_2fa', note: 'passport matches selfie and account history' };
    expect(json(await post(h, `/api/v1/admin/tickets/${ticketId}/resolve`, { ...body, identityVerified: false }, bearer(staff.token)))).toMatchObject({
      code: 4010,
      details: { fields: { identityVerified: expect.any(String) } },
    });
    const approved = json(await post(h, `/api/v1/admin/tickets/${ticketId}/resolve`, { ...body, identityVerified: true }, bearer(staff.token)));
    const dueAt = new Date(h.clock.nowMs() + 48 * HOUR * 1000).toISOString();
    expect(approved).toMatchObject({ status: 'resolved', action: 'reset_2fa', twoFactorReset: { scheduledFor: dueAt } });
    const notice = await mailTo(h, 'lost@example.com', /will be reset/);
    expect(notice.text).toContain('http://localhost:8080/cancel-2fa-reset?token=');
    expect(notice.text).toContain(`${dueAt.slice(0, 16).replace('T', ' ')} UTC`);

    // nothing happens before the hold is over, however often the sweep runs
    h.clock.advanceSeconds(47 * HOUR);
    expect((await runSupportSweeps(h.deps)).resetsDone).toEqual([]);
    expect(json(await login(h, 'lost@example.com')).status).toBe('2fa_required');

    h.clock.advanceSeconds(1 * HOUR + 1);
    expect((await runSupportSweeps(h.deps)).resetsDone).toEqual([approved.twoFactorReset.id]);
    expect((await runSupportSweeps(h.deps)).resetsDone).toEqual([]);
    const after = json(await login(h, 'lost@example.com'));
    expect(after.status).toBe('ok');
    const account = json(await get(h, '/api/v1/account', bearer(after.session.token)));
    expect(account.twoFactor).toEqual({ totp: false, email: false, sms: false, backupCodesRemaining: 0 });
    expect(Date.parse(account.securityHoldUntil) - h.clock.nowMs()).toBeGreaterThan(23 * HOUR * 1000);
    const withdrawal = await post(
      h,
      '/api/v1/wallet/withdrawals',
      { asset: 'BTC', amount: '0.1', address: 'bc1qexampleaddress000', password: GOOD_PASSWORD },
      bearer(after.session.token),
    );
    expect(json(withdrawal)).toMatchObject({ code: 4015 });
    const sessions = await h.deps.db
      .selectFrom('sessions')
      .select(['revoked_reason'])
      .where(
        'id',
        'in',
        oldSession.map((s) => s.id),
      )
      .execute();
    expect(sessions.every((s) => s.revoked_reason !== null)).toBe(true);
    expect((await mailTo(h, 'lost@example.com', /was reset/)).text).toContain('/disable-account?token=');
    // the requester's own ticket view says resolved; the cancel link is dead now
    expect(json(await get(h, `/api/v1/tickets/${ticketId}`, { authorization: `Ticket ${accessToken}` })).status).toBe('resolved');
    expect(json(await post(h, '/api/v1/auth/2fa-reset/cancel', { token: tokenIn(notice) })).code).toBe(4014);

    const audit = await auditFor(h, accountId);
    expect(audit.map((a) => `${a.action}:${a.actor}`)).toEqual(expect.arrayContaining(['ticket.resolve:agent@example.com', 'two_factor.reset.execute:system']));
    const executed = audit.find((a) => a.action === 'two_factor.reset.execute')!;
    expect(executed).toMatchObject({ before: { status: 'scheduled' }, after: { status: 'done', secondFactors: 'removed' }, detail: { ticketId } });
  });

  it('stops the scheduled reset when the owner uses the cancel link first', async () => {
    const h = await createHarness(backend, supportOverrides());
    const accountId = await userWithoutBackupCodes(h, 'owner@example.com');
    const { id: ticketId } = await fileAndConfirm(h, { email: 'owner@example.com', category: 'reset_2fa', description: 'please reset' }, [
      { field: 'idPhoto', filename: 'id.png', bytes: TINY_PNG },
      { field: 'selfie', filename: 'me.png', bytes: TINY_PNG },
    ]);
    const staff = await staffSession(h, 'agent@example.com', 'support');
    await post(h, `/api/v1/admin/tickets/${ticketId}/resolve`, { action: 'reset_2fa', identityVerified: true, note: 'looked fine' }, bearer(staff.token));
    const notice = await mailTo(h, 'owner@example.com', /will be reset/);

    h.clock.advanceSeconds(10 * HOUR);
    const cancelled = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/2fa-reset/cancel',
      payload: { token: tokenIn(notice) },
      remoteAddress: '198.51.100.23',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(json(cancelled)).toEqual({ status: 'cancelled' });
    expect((await mailTo(h, 'owner@example.com', /was cancelled/)).text).toContain('nothing in your account changed');

    h.clock.advanceSeconds(48 * HOUR);
    expect((await runSupportSweeps(h.deps)).resetsDone).toEqual([]);
    expect(json(await login(h, 'owner@example.com')).status).toBe('2fa_required');
    const audit = await auditFor(h, accountId);
    expect(audit.find((a) => a.action === 'two_factor.reset.cancel')).toMatchObject({
      actor: 'account-owner',
      ip: '198.51.100.23',
      after: { status: 'cancelled' },
    });
    expect(audit.some((a) => a.action === 'two_factor.reset.execute')).toBe(false);
    const context = json(await get(h, `/api/v1/admin/tickets/${ticketId}`, bearer((await staffSession(h, 'late@example.com', 'support')).token)));
    expect(context.twoFactorResets).toEqual([expect.objectContaining({ status: 'cancelled', ticketId, requestedBy: 'agent@example.com' })]);
  });
});
