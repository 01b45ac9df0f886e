/** Single use under concurrency: 50 parallel uses of one ticket confirmation link → exactly one success. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { createHarness, json } from './support/harness.js';
import { fileTicket, mailTo, supportOverrides, tokenIn } from './support/multipart.js';
import { runSupportSweeps } from '../src/tickets/sweeps.js';

describeEachBackend('ticket confirmation races', (backend) => {
  it('opens the ticket once and hands out one access token when its link is used 50 times at once', async () => {
    const h = await createHarness(backend, supportOverrides());
    const filed = json(await fileTicket(h, { email: 'race@example.com', category: 'other', description: 'one link, many clicks' }));
    const token = tokenIn(await mailTo(h, 'race@example.com', /Confirm your support ticket/));
    const responses = await Promise.all(Array.from({ length: 50 }, () => h.app.inject({ method: 'POST', url: '/api/v1/tickets/confirm', payload: { token } })));
    const ok = responses.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 400).every((r) => json(r).code === 4014)).toBe(true);
    expect(responses.filter((r) => r.statusCode !== 200 && r.statusCode !== 400)).toEqual([]);
    expect(json(ok[0]!)).toMatchObject({ id: filed.id, status: 'open' });
    const events = await h.deps.db.selectFrom('ticket_events').select(['to_status']).where('ticket_id', '=', filed.id).execute();
    expect(events.map((e) => e.to_status).sort()).toEqual(['awaiting_confirmation', 'open']);
    // the one access token that came out is the one that works
    const read = await h.app.inject({ method: 'GET', url: `/api/v1/tickets/${filed.id}`, headers: { authorization: `Ticket ${json(ok[0]!).accessToken}` } });
    expect(read.statusCode).toBe(200);
  });

  it('closes a ticket whose link ran out unused; the link then fails', async () => {
    const h = await createHarness(backend, supportOverrides({ confirmLinkTtlHours: 2 }));
    const filed = json(await fileTicket(h, { email: 'late@example.com', category: 'other', description: 'forgot to click' }));
    const token = tokenIn(await mailTo(h, 'late@example.com', /Confirm your support ticket/));
    h.clock.advanceSeconds(2 * 3600 + 1);
    expect(json(await h.app.inject({ method: 'POST', url: '/api/v1/tickets/confirm', payload: { token } })).code).toBe(4014);
    expect((await runSupportSweeps(h.deps)).ticketsClosed).toEqual([filed.id]);
    const row = await h.deps.db.selectFrom('tickets').select(['status', 'closed_at']).where('id', '=', filed.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', closed_at: h.clock.nowMs() });
  });
});
