/** Retention: identity evidence is deleted a set time after its ticket closes, each deletion audited; unconfirmed tickets leave nothing. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, get, json, post, registerVerified, staffSession } from './support/harness.js';
import { fileAndConfirm, fileTicket, screenshot, storedFiles, supportOverrides, ticketAuth } from './support/multipart.js';
import { TINY_JPEG, TINY_PNG } from './support/images.js';
import { runSupportSweeps } from '../src/tickets/sweeps.js';

const DAY_S = 86_400;
const EVIDENCE = [
  { field: 'idPhoto', filename: 'id.jpg', contentType: 'image/jpeg', bytes: TINY_JPEG },
  { field: 'selfie', filename: 'me.png', bytes: TINY_PNG },
];

describeEachBackend('evidence retention', (backend) => {
  it('deletes the ID photo and selfie 30 days after the ticket is resolved, keeps the screenshot, and audits each deletion', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'kept@example.com');
    const { id } = await fileAndConfirm(h, { email: 'kept@example.com', category: 'account_frozen', description: 'frozen' }, [screenshot(), ...EVIDENCE]);
    expect(storedFiles(h)).toHaveLength(3);
    const staff = await staffSession(h, 'agent@example.com', 'support');
    await post(h, `/api/v1/admin/tickets/${id}/resolve`, { action: 'none', identityVerified: false, note: 'nothing to do' }, bearer(staff.token));

    h.clock.advanceSeconds(30 * DAY_S - 60);
    expect((await runSupportSweeps(h.deps)).filesDeleted).toEqual([]);
    expect(storedFiles(h)).toHaveLength(3);
    h.clock.advanceSeconds(120);
    expect((await runSupportSweeps(h.deps)).filesDeleted).toHaveLength(2);
    expect((await runSupportSweeps(h.deps)).filesDeleted).toEqual([]);
    expect(storedFiles(h)).toHaveLength(1);

    const admin = await staffSession(h, 'boss@example.com', 'admin');
    const context = json(await get(h, `/api/v1/admin/tickets/${id}`, bearer(admin.token)));
    expect(context.ticket.evidence).toEqual({ requested: true, idPhoto: false, selfie: false });
    const files = context.ticket.messages[0].attachments as Array<{ id: string; kind: string; deleted: boolean }>;
    expect(files.map((f) => `${f.kind}:${f.deleted}`)).toEqual(['attachment:false', 'id_photo:true', 'selfie:true']);
    expect((await get(h, `/api/v1/admin/tickets/${id}/attachments/${files[1]!.id}`, bearer(admin.token))).statusCode).toBe(404);
    expect((await get(h, `/api/v1/admin/tickets/${id}/attachments/${files[0]!.id}`, bearer(admin.token))).statusCode).toBe(200);
    const audit = json(await get(h, `/api/v1/admin/audit?action=ticket.evidence.delete&target=${id}`, bearer(admin.token))).items;
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: 'system', ip: null, accountId: context.account.id, detail: { retentionDays: 30 } });
    expect(audit.map((a: { detail: { kind: string } }) => a.detail.kind).sort()).toEqual(['id_photo', 'selfie']);
  });

  it('keeps the evidence while the requester reopens the ticket', async () => {
    const h = await createHarness(backend, supportOverrides({ evidenceRetentionDays: 7 }));
    const { id, accessToken } = await fileAndConfirm(h, { email: 'reopen@example.com', category: 'reset_2fa', description: 'help' }, EVIDENCE);
    const staff = await staffSession(h, 'agent@example.com', 'support');
    await post(h, `/api/v1/admin/tickets/${id}/resolve`, { action: 'none', identityVerified: false, note: 'no account' }, bearer(staff.token));
    h.clock.advanceSeconds(5 * DAY_S);
    expect(json(await post(h, `/api/v1/tickets/${id}/messages`, { body: 'That did not help.' }, ticketAuth(accessToken))).status).toBe('open');
    h.clock.advanceSeconds(10 * DAY_S);
    expect((await runSupportSweeps(h.deps)).filesDeleted).toEqual([]);
    expect(storedFiles(h)).toHaveLength(2);
  });

  it('deletes every file of a ticket whose link was never used as soon as it closes', async () => {
    const h = await createHarness(backend, supportOverrides());
    const filed = json(await fileTicket(h, { email: 'never@example.com', category: 'account_frozen', description: 'x' }, [screenshot(), ...EVIDENCE]));
    expect(storedFiles(h)).toHaveLength(3);
    h.clock.advanceSeconds(DAY_S + 1);
    const swept = await runSupportSweeps(h.deps);
    expect(swept.ticketsClosed).toEqual([filed.id]);
    expect(swept.filesDeleted).toHaveLength(3);
    expect(storedFiles(h)).toEqual([]);
    const actions = (await h.deps.db.selectFrom('audit_log').select('action').where('target', '=', filed.id).execute()).map((r) => r.action).sort();
    expect(actions).toEqual(['ticket.attachment.delete', 'ticket.evidence.delete', 'ticket.evidence.delete']);
  });
});
