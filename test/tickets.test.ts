/** Support tickets for requesters: filing with or without a session, the mailed confirmation, reading and replying. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { bearer, createHarness, get, json, loginToken, post, registerVerified, staffSession } from './support/harness.js';
import { fileAndConfirm, fileTicket, mailTo, multipart, screenshot, supportOverrides, ticketAuth, tokenIn } from './support/multipart.js';
import { TINY_JPEG } from './support/images.js';

const DAY_MS = 86_400_000;
const FIELDS = { email: 'Req@Example.com', category: 'login_error', errorCode: '4003', deviceModel: 'Pixel 8', description: 'My codes are refused.' };

describeEachBackend('support tickets', (backend) => {
  it('files without signing in, waits for the mailed link, then opens once with an access token', async () => {
    const h = await createHarness(backend, supportOverrides());
    const filed = await fileTicket(h, FIELDS, [screenshot()]);
    expect(filed.statusCode).toBe(201);
    const { id } = json(filed);
    expect(json(filed)).toEqual({ id, status: 'awaiting_confirmation', dueAt: null });

    // nobody can read it yet, and staff do not see it in the queue
    const staff = await staffSession(h, 'desk@example.com', 'support');
    expect(json(await get(h, '/api/v1/admin/tickets', bearer(staff.token))).items).toEqual([]);

    const mail = await mailTo(h, 'req@example.com', /Confirm your support ticket/);
    expect(mail.text).toContain(`ticket ${id}`);
    expect(mail.text).toContain('http://localhost:8080/support/tickets/confirm?token=');
    // a stranger can file with someone's address: the mail never repeats what they typed
    expect(mail.text).not.toContain('My codes are refused');
    const token = tokenIn(mail);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);

    const confirmed = await post(h, '/api/v1/tickets/confirm', { token });
    expect(confirmed.statusCode).toBe(200);
    const body = json(confirmed);
    expect(body).toMatchObject({ id, status: 'open' });
    expect(body.accessToken).toMatch(/^ght_[A-Za-z0-9_-]{43}$/);
    expect(confirmed.headers['cache-control']).toBe('no-store');
    expect(json(await post(h, '/api/v1/tickets/confirm', { token }))).toMatchObject({ code: 4014 });

    const ticket = json(await get(h, `/api/v1/tickets/${id}`, ticketAuth(body.accessToken)));
    expect(ticket).toMatchObject({
      id,
      status: 'open',
      category: 'login_error',
      errorCode: 4003,
      deviceModel: 'Pixel 8',
      expectedResponseWorkingDays: 3,
      overdue: false,
      evidence: { requested: false, idPhoto: false, selfie: false },
    });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ from: 'requester', body: 'My codes are refused.' });
    expect(ticket.messages[0].attachments).toEqual([
      { id: expect.any(String), kind: 'attachment', mediaType: 'image/png', sizeBytes: expect.any(Number), deleted: false },
    ]);
    expect(ticket.history.map((e: { to: string }) => e.to)).toEqual(['awaiting_confirmation', 'open']);
    // the harness clock starts on a Thursday: three working days later is the Tuesday after the weekend
    const dueAt = new Date(h.clock.nowMs() + 5 * DAY_MS).toISOString();
    expect(new Date(h.clock.nowMs()).getUTCDay()).toBe(4);
    expect(ticket.dueAt).toBe(dueAt);

    // now it is in the queue, with its due time
    const queue = json(await get(h, '/api/v1/admin/tickets', bearer(staff.token)));
    expect(queue.items).toEqual([expect.objectContaining({ id, status: 'open', dueAt, overdue: false, email: 'req@example.com' })]);
    h.clock.advanceSeconds(6 * 86_400);
    const later = await staffSession(h, 'late@example.com', 'support');
    expect(json(await get(h, '/api/v1/admin/tickets', bearer(later.token))).items[0].overdue).toBe(true);
  });

  it('links the confirmed ticket to the account of that address, so its owner sees it signed in', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'owner@example.com');
    const { id } = await fileAndConfirm(h, { ...FIELDS, email: 'owner@example.com' });
    const token = await loginToken(h, 'owner@example.com');
    expect(json(await get(h, '/api/v1/account/tickets', bearer(token)))).toEqual([expect.objectContaining({ id, status: 'open', category: 'login_error' })]);
    expect(json(await get(h, `/api/v1/tickets/${id}`, bearer(token))).id).toBe(id);
  });

  it('files signed in without a confirmation mail, and lists the account’s tickets', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'signed@example.com');
    const token = await loginToken(h, 'signed@example.com');
    const filed = await fileTicket(h, { category: 'region_change', description: 'I moved to Germany.' }, [], bearer(token));
    expect(filed.statusCode).toBe(201);
    // filed on a Thursday: due on the Tuesday after the weekend
    expect(json(filed)).toMatchObject({ status: 'open', dueAt: new Date(h.clock.nowMs() + 5 * DAY_MS).toISOString() });
    const mails = json(await get(h, '/api/v1/dev/outbox?to=signed@example.com'));
    expect(mails.some((m: { subject: string }) => /Confirm your support ticket/.test(m.subject))).toBe(false);
    const list = json(await get(h, '/api/v1/account/tickets', bearer(token)));
    expect(list).toEqual([expect.objectContaining({ id: json(filed).id, status: 'open', category: 'region_change' })]);
    // the email field is not needed, and another account's session does not see the ticket
    await registerVerified(h, 'other@example.com');
    const other = await loginToken(h, 'other@example.com');
    expect(json(await get(h, `/api/v1/tickets/${json(filed).id}`, bearer(other)))).toMatchObject({ code: 4013 });
    expect(json(await get(h, '/api/v1/account/tickets', bearer(other)))).toEqual([]);
  });

  it('accepts the category aliases 2fa_reset and login_problem, and JSON bodies without files', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'alias@example.com');
    const token = await loginToken(h, 'alias@example.com');
    for (const [alias, canonical] of [
      ['2fa_reset', 'reset_2fa'],
      ['login_problem', 'login_error'],
    ] as const) {
      const filed = json(await post(h, '/api/v1/tickets', { category: alias, description: 'help' }, bearer(token)));
      expect(json(await get(h, `/api/v1/tickets/${filed.id}`, bearer(token))).category).toBe(canonical);
    }
  });

  it('names every bad field at once (4010) and stores nothing', async () => {
    const h = await createHarness(backend, supportOverrides());
    const refused = await fileTicket(h, { email: 'not-an-email', category: 'billing', errorCode: 'abc', occurredAt: 'yesterday', description: '   ' });
    expect(refused.statusCode).toBe(400);
    expect(json(refused)).toMatchObject({
      code: 4010,
      details: {
        fields: {
          email: 'invalid email address',
          category: 'unknown category',
          errorCode: expect.any(String),
          occurredAt: expect.any(String),
          description: 'required',
        },
      },
    });
    expect(json(await fileTicket(h, { category: 'other', description: 'x' })).details.fields).toEqual({ email: 'required' });
    expect(json(await fileTicket(h, { ...FIELDS, description: 'x'.repeat(5001) })).details.fields.description).toMatch(/5000/);
    expect(json(await fileTicket(h, { ...FIELDS, priority: 'urgent' })).details.fields).toEqual({ priority: 'unknown field' });
    expect(json(await get(h, '/api/v1/dev/outbox?to=req@example.com'))).toEqual([]);
  });

  it('lets the requester reply with images; a reply after staff answered puts the ticket back in the queue', async () => {
    const h = await createHarness(backend, supportOverrides());
    const { id, accessToken } = await fileAndConfirm(h, FIELDS);
    const staff = await staffSession(h, 'desk@example.com', 'support');
    const reply = await post(h, `/api/v1/admin/tickets/${id}/messages`, { body: 'Which app version do you use?', waitForUser: true }, bearer(staff.token));
    expect(reply.statusCode).toBe(201);
    expect(json(reply).status).toBe('waiting_on_user');
    const mailed = await mailTo(h, 'req@example.com', /New reply on your support ticket/);
    expect(mailed.text).toContain('Which app version do you use?');
    // the mail's link opens the ticket without a session, from any device: it carries the access token
    const link = new URL(/https?:\/\/\S+\/support\/tickets\/\S+/.exec(mailed.text)![0]);
    expect(link.pathname).toBe(`/support/tickets/${id}`);
    expect(link.searchParams.get('token')).toBe(accessToken);
    expect((await get(h, `/api/v1/tickets/${id}`, ticketAuth(link.searchParams.get('token')!))).statusCode).toBe(200);

    h.clock.advanceSeconds(86_400);
    const body = multipart({ body: 'Version 2.3, screenshot attached.' }, [screenshot(TINY_JPEG, 'photo.jpg')]);
    const answered = await h.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/messages`,
      payload: body.payload,
      headers: { ...body.headers, ...ticketAuth(accessToken) },
    });
    expect(answered.statusCode).toBe(201);
    expect(json(answered).status).toBe('open');
    const ticket = json(await get(h, `/api/v1/tickets/${id}`, ticketAuth(accessToken)));
    expect(ticket.messages.map((m: { from: string }) => m.from)).toEqual(['requester', 'support', 'requester']);
    expect(ticket.messages[2].attachments[0].mediaType).toBe('image/jpeg');
    // back in the queue with a new due time (Friday + 3 working days = Wednesday)
    expect(new Date(h.clock.nowMs()).getUTCDay()).toBe(5);
    expect(ticket.dueAt).toBe(new Date(h.clock.nowMs() + 5 * DAY_MS).toISOString());
    expect(ticket.history.map((e: { to: string; by: string }) => `${e.to}:${e.by}`)).toEqual([
      'awaiting_confirmation:requester',
      'open:requester',
      'waiting_on_user:support',
      'open:requester',
    ]);
    // plain JSON replies work too
    const plain = await post(h, `/api/v1/tickets/${id}/messages`, { body: 'Any news?' }, ticketAuth(accessToken));
    expect(plain.statusCode).toBe(201);
  });

  it('refuses a wrong access token, no credential and another ticket’s token alike', async () => {
    const h = await createHarness(backend, supportOverrides());
    const first = await fileAndConfirm(h, FIELDS);
    const second = await fileAndConfirm(h, { ...FIELDS, email: 'two@example.com' });
    expect(json(await get(h, `/api/v1/tickets/${first.id}`)).code).toBe(4011);
    for (const headers of [ticketAuth(second.accessToken), ticketAuth(`ght_${'A'.repeat(43)}`), ticketAuth('garbage')]) {
      const refused = await get(h, `/api/v1/tickets/${first.id}`, headers);
      expect(refused.statusCode).toBe(404);
      expect(json(refused).code).toBe(4013);
    }
    expect(json(await get(h, '/api/v1/tickets/01J0000000000000000000000Z', ticketAuth(first.accessToken))).code).toBe(4013);
    expect(json(await post(h, `/api/v1/tickets/${first.id}/messages`, { body: 'hi' }, ticketAuth(second.accessToken))).code).toBe(4013);
  });

  it('writes the mails in the language of the filing request (zh-CN)', async () => {
    const h = await createHarness(backend, supportOverrides());
    await fileTicket(h, { ...FIELDS, email: 'zh@example.com' }, [], { 'accept-language': 'zh-CN,zh;q=0.9' });
    const mail = await mailTo(h, 'zh@example.com', /请确认您的工单/);
    const confirmed = json(await post(h, '/api/v1/tickets/confirm', { token: tokenIn(mail) }));
    const staff = await staffSession(h, 'desk@example.com', 'support');
    await post(h, `/api/v1/admin/tickets/${confirmed.id}/messages`, { body: '请提供截图。' }, bearer(staff.token));
    expect((await mailTo(h, 'zh@example.com', /有新回复/)).text).toContain('请提供截图。');
  });

  it('limits filing per IP (ip_rate_limit) and confirmation mails per address (send_cooldown)', async () => {
    const h = await createHarness(backend, {
      ...supportOverrides({ filingPerIpPerHour: 3, confirmMailsPerEmailPerDay: 2 }),
      limits: { ...DEFAULT_CONFIG.limits, sendCooldownSeconds: 60 },
    });
    expect((await fileTicket(h, { ...FIELDS, email: 'spam@example.com' })).statusCode).toBe(201);
    const cooled = await fileTicket(h, { ...FIELDS, email: 'spam@example.com' });
    expect(cooled.statusCode).toBe(429);
    expect(json(cooled)).toMatchObject({ code: 1003, reason: 'send_cooldown' });
    expect(cooled.headers['retry-after']).toBeDefined();
    h.clock.advanceSeconds(61);
    expect((await fileTicket(h, { ...FIELDS, email: 'spam@example.com' })).statusCode).toBe(201);
    // three filings from this IP so far (the refused one counts): the fourth is over the hourly budget
    const ipLimited = await fileTicket(h, { ...FIELDS, email: 'other@example.com' });
    expect(json(ipLimited)).toMatchObject({ code: 1003, reason: 'ip_rate_limit' });
    // another IP still files, but the address has had its two confirmation mails today
    h.clock.advanceSeconds(61);
    const fromElsewhere = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      remoteAddress: '192.0.2.9',
      ...multipartRequest({ ...FIELDS, email: 'spam@example.com' }),
    });
    expect(json(fromElsewhere)).toMatchObject({ code: 1003, reason: 'send_cooldown' });
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/tickets', remoteAddress: '192.0.2.9', ...multipartRequest({ ...FIELDS, email: 'new@example.com' }) }))
        .statusCode,
    ).toBe(201);
    const mails = json(await get(h, '/api/v1/dev/outbox?to=spam@example.com'));
    expect(mails).toHaveLength(2);
  });
});

function multipartRequest(fields: Record<string, string>) {
  const body = multipart(fields);
  return { payload: body.payload, headers: body.headers };
}
