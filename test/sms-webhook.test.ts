/**
 * SMS delivery through the webhook provider port: a real local HTTP server receives the webhook,
 * the outbox lives in the real database (through the harness), time is a ManualClock.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness.js';
import { sqliteBackend } from './support/backends.js';
import { createSmsWebhookDelivery, type SmsWebhookOptions } from '../src/platform/sms/webhook-delivery.js';

const PHONE = '+4915112345678';
const TEXT = 'Your code is 123456';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake gateway does with the next request: answer with a status, or never answer. */
type Behaviour = { status: number } | 'hang';

interface FakeGateway {
  url: string;
  received: Received[];
  behaviour: Behaviour;
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function startGateway(): Promise<FakeGateway> {
  const gateway: FakeGateway = {
    url: '',
    received: [],
    behaviour: { status: 200 },
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      gateway.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const behaviour = gateway.behaviour;
      if (behaviour === 'hang') return; // never answers
      res.writeHead(behaviour.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: behaviour.status < 300 }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gateway.url = `http://127.0.0.1:${port}/sms/send`;
  gateway.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return gateway;
}

function captureLog() {
  const lines: Array<{ obj: object; msg: string }> = [];
  return { lines, warn: (obj: object, msg: string) => void lines.push({ obj, msg }) };
}

async function outboxRows(h: Harness, channel?: 'sms' | 'email') {
  let query = h.deps.db.selectFrom('outbox').selectAll().orderBy('id');
  if (channel) query = query.where('channel', '=', channel);
  return query.execute();
}

async function onlyRow(h: Harness, channel: 'sms' | 'email' = 'sms') {
  const rows = await outboxRows(h, channel);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function sendSms(h: Harness, to = PHONE, text = TEXT) {
  await h.deps.mailer.send({ to, channel: 'sms', subject: 'SMS', text });
}

async function setup(options: SmsWebhookOptions = {}) {
  const h = await createHarness(sqliteBackend());
  const gateway = await startGateway();
  const log = captureLog();
  const delivery = createSmsWebhookDelivery(h.deps.db, h.clock, gateway.url, log, options);
  return { h, gateway, log, delivery };
}

describe('SMS webhook delivery', () => {
  it('posts exactly the JSON and headers, then marks the row sent and purges the body', async () => {
    const { h, gateway, delivery } = await setup({ bearerToken: 'tok-secret' });
    await sendSms(h);
    const before = await onlyRow(h);

    expect(await delivery.deliverDue()).toBe(1);

    expect(gateway.received).toHaveLength(1);
    const request = gateway.received[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/sms/send');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe(before.id);
    expect(request.headers.authorization).toBe('Bearer tok-secret');
    expect(request.body).toBe(JSON.stringify({ to: PHONE, text: TEXT, messageId: before.id }));
    expect(JSON.parse(request.body)).toEqual({ to: PHONE, text: TEXT, messageId: before.id });

    const after = await onlyRow(h);
    expect(after.sent_at).toBe(h.clock.nowMs());
    expect(after.body).toBe('');
    expect(after.attempts).toBe(1);
    expect(after.last_error).toBeNull();

    // Nothing is sent twice.
    h.clock.advanceSeconds(3600);
    expect(await delivery.deliverDue()).toBe(0);
    expect(gateway.received).toHaveLength(1);
  });

  it('sends no authorization header without a token', async () => {
    const { h, gateway, delivery } = await setup();
    await sendSms(h);
    expect(await delivery.deliverDue()).toBe(1);
    expect(gateway.received[0]!.headers.authorization).toBeUndefined();
  });

  it('backs off 5 s after a 500, sends nothing before then, and retries after', async () => {
    const { h, gateway, log, delivery } = await setup();
    await sendSms(h);
    const start = h.clock.nowMs();
    gateway.behaviour = { status: 500 };

    expect(await delivery.deliverDue()).toBe(0);
    expect(gateway.received).toHaveLength(1);
    let row = await onlyRow(h);
    expect(row.sent_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.next_attempt_at).toBe(start + 5_000);
    expect(row.last_error).toBe('HTTP 500');
    expect(row.body).toBe(TEXT);

    gateway.behaviour = { status: 200 };
    h.clock.advanceMs(4_999);
    expect(await delivery.deliverDue()).toBe(0);
    expect(gateway.received).toHaveLength(1);

    h.clock.advanceMs(1);
    expect(await delivery.deliverDue()).toBe(1);
    expect(gateway.received).toHaveLength(2);
    expect(gateway.received[1]!.headers['idempotency-key']).toBe(row.id);
    row = await onlyRow(h);
    expect(row.sent_at).toBe(start + 5_000);
    expect(row.attempts).toBe(2);
    expect(row.body).toBe('');
    expect(row.last_error).toBeNull();

    // The log names the message and the attempt only: never the phone number or the code.
    expect(log.lines).toEqual([{ obj: { messageId: row.id, attempt: 1 }, msg: 'sms webhook delivery failed' }]);
  });

  it('doubles the backoff per attempt', async () => {
    const { h, gateway, delivery } = await setup();
    await sendSms(h);
    gateway.behaviour = { status: 503 };
    const expected = [5_000, 10_000, 20_000, 40_000];
    for (const backoff of expected) {
      const now = h.clock.nowMs();
      expect(await delivery.deliverDue()).toBe(0);
      const row = await onlyRow(h);
      expect(row.next_attempt_at).toBe(now + backoff);
      h.clock.advanceMs(backoff);
    }
    expect(gateway.received).toHaveLength(expected.length);
  });

  it.each([{ status: 302 }, { status: 400 }, { status: 429 }])('treats HTTP $status as a failure', async (behaviour) => {
    const { h, gateway, delivery } = await setup();
    await sendSms(h);
    gateway.behaviour = behaviour;
    expect(await delivery.deliverDue()).toBe(0);
    const row = await onlyRow(h);
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toBe(`HTTP ${behaviour.status}`);
  });

  it('counts a timeout as a failure', async () => {
    const { h, gateway, log, delivery } = await setup({ timeoutMs: 200 });
    await sendSms(h);
    const start = h.clock.nowMs();
    gateway.behaviour = 'hang';

    const began = Date.now();
    expect(await delivery.deliverDue()).toBe(0);
    const tookMs = Date.now() - began;
    expect(tookMs).toBeGreaterThanOrEqual(150);
    expect(tookMs).toBeLessThan(5_000);

    expect(gateway.received).toHaveLength(1);
    const row = await onlyRow(h);
    expect(row.sent_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.next_attempt_at).toBe(start + 5_000);
    expect(row.last_error).toBe('timeout');
    expect(row.body).toBe(TEXT);
    expect(log.lines).toHaveLength(1);
  });

  it('counts a refused connection as a failure', async () => {
    const { h, gateway, log, delivery } = await setup({ timeoutMs: 2_000 });
    await sendSms(h);
    await gateway.close();
    expect(await delivery.deliverDue()).toBe(0);
    const row = await onlyRow(h);
    expect(row.sent_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(JSON.stringify(log.lines)).not.toContain(PHONE);
    expect(JSON.stringify(log.lines)).not.toContain('123456');
  });

  it('never sends email rows to the SMS webhook', async () => {
    const { h, gateway, delivery } = await setup();
    await h.deps.mailer.send({ to: 'alice@example.com', channel: 'email', subject: 'Your code', text: 'Code 654321' });
    await sendSms(h);

    expect(await delivery.deliverDue()).toBe(1);
    h.clock.advanceSeconds(3600);
    expect(await delivery.deliverDue()).toBe(0);

    expect(gateway.received).toHaveLength(1);
    expect(JSON.parse(gateway.received[0]!.body).to).toBe(PHONE);
    const email = await onlyRow(h, 'email');
    expect(email.sent_at).toBeNull();
    expect(email.attempts).toBe(0);
    expect(email.body).toBe('Code 654321');
  });

  it('does not post a recipient that is not E.164', async () => {
    const { h, gateway, delivery } = await setup();
    await sendSms(h, '0151 12345678');
    expect(await delivery.deliverDue()).toBe(0);
    expect(gateway.received).toHaveLength(0);
    const row = await onlyRow(h);
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toBe('recipient is not an E.164 phone number');
  });

  it('sends each message once when two deliveries run at the same time', async () => {
    const { h, gateway, delivery } = await setup();
    // A second delivery on the same database stands in for a second server process.
    const other = createSmsWebhookDelivery(h.deps.db, h.clock, gateway.url, captureLog());
    for (let i = 0; i < 5; i++) await sendSms(h, `+49151123456${70 + i}`, `Your code is 10000${i}`);

    const counts = await Promise.all([delivery.deliverDue(), delivery.deliverDue(), other.deliverDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);

    const ids = gateway.received.map((r) => r.headers['idempotency-key']);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    const rows = await outboxRows(h, 'sms');
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      expect(row.sent_at).not.toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.body).toBe('');
    }
  });

  it('runs as a loop with start() and stops cleanly', async () => {
    const { h, gateway, delivery } = await setup();
    await sendSms(h);
    delivery.start(20);
    await expect.poll(() => gateway.received.length, { timeout: 2_000 }).toBe(1);
    await delivery.stop();
    expect((await onlyRow(h)).sent_at).not.toBeNull();
  });

  it('refuses a webhook URL that is not http(s) or carries credentials', async () => {
    const { h } = await setup();
    const make = (url: string) => () => createSmsWebhookDelivery(h.deps.db, h.clock, url, captureLog());
    expect(make('ftp://example.com/sms')).toThrow(/http or https/);
    expect(make('file:///etc/passwd')).toThrow(/http or https/);
    expect(make('not a url')).toThrow(/not a valid URL/);
    expect(make('https://user:pass@example.com/sms')).toThrow(/credentials/);
    expect(make('https://sms.example.com/hook')).not.toThrow();
  });
});
