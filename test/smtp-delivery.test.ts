/**
 * Mail over SMTP (nodemailer) to a real local SMTP server: text and HTML parts in the account's
 * language; a refused send stays in the outbox and is retried, so the change that caused it never
 * depends on the mail server being up.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, expect, it } from 'vitest';
import { createSmtpDelivery } from '../src/platform/mail/smtp-delivery.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, createHarness, json, post, type Harness } from './support/harness.js';

interface Received {
  to: string;
  raw: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function smtpServer(refuseFirst: number): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  let refusals = refuseFirst;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
          return;
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received };
}

/** The Subject header of a raw message, with its RFC 2047 encoded words decoded. */
function decodedSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)![1]!.replace(/\r?\n[ \t]/g, ' ');
  return header.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function deliveryFor(h: Harness, url: string) {
  return createSmtpDelivery(h.deps.db, h.deps.clock, url, 'Gatehouse <no-reply@example.com>', { warn: () => undefined });
}

describeEachBackend('mail over SMTP', (backend) => {
  it('sends text and HTML in the language of the request that created the account', async () => {
    const smtp = await smtpServer(0);
    const h = await createHarness(backend);
    const registered = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      payload: { email: 'li@example.com', password: GOOD_PASSWORD },
    });
    expect(registered.statusCode).toBe(202);
    const delivery = deliveryFor(h, smtp.url);
    expect(await delivery.deliverDue()).toBe(1);
    await delivery.stop();
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!.raw;
    expect(smtp.received[0]!.to).toBe('li@example.com');
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    // the subject is the Chinese one, in UTF-8 encoded words
    expect(decodedSubject(raw)).toBe('Gatehouse 验证码');
    // delivered bodies are purged from the outbox: a code does not linger there
    const rows = await h.deps.db.selectFrom('outbox').select(['body', 'html', 'sent_at']).execute();
    expect(rows[0]).toMatchObject({ body: '', html: null });
    expect(rows[0]!.sent_at).not.toBeNull();
  });

  it('keeps a refused mail in the outbox and retries it after a back-off; the change it reports stands meanwhile', async () => {
    const smtp = await smtpServer(2);
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'retry@example.com', password: GOOD_PASSWORD });
    const delivery = deliveryFor(h, smtp.url);
    expect(await delivery.deliverDue()).toBe(0);
    // the account exists and its code is valid whatever the mail server does
    expect(await h.deps.db.selectFrom('accounts').select('email').where('email', '=', 'retry@example.com').executeTakeFirst()).toBeDefined();
    expect(await delivery.deliverDue()).toBe(0); // not due yet: backing off
    h.clock.advanceSeconds(6);
    expect(await delivery.deliverDue()).toBe(0); // refused again
    h.clock.advanceSeconds(11);
    expect(await delivery.deliverDue()).toBe(1);
    await delivery.stop();
    expect(smtp.received).toHaveLength(1);
    const row = await h.deps.db.selectFrom('outbox').select(['attempts', 'sent_at']).executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(3);
    expect(json(await h.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?to=retry@example.com' }))[0].text).toBe('');
  });
});
