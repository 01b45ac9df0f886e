/** Builds multipart/form-data bodies for app.inject, and the ticket steps tests share. */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { get, json, type Harness } from './harness.js';
import { TINY_PNG } from './images.js';

export interface FilePart {
  field: string;
  filename: string;
  contentType?: string;
  bytes: Buffer;
}

export function multipart(fields: Record<string, string>, files: FilePart[] = []): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gatehouse-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value, 'utf8'), Buffer.from('\r\n'));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\ncontent-type: ${file.contentType ?? 'image/png'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A fresh data directory (so that stored files can be counted) and filing limits out of the way. */
export function supportOverrides(extra: Partial<Config['support']> = {}): Partial<Config> {
  return {
    dataDir: mkdtempSync(join(tmpdir(), 'gh-support-')),
    support: { ...DEFAULT_CONFIG.support, filingPerIpPerHour: 10_000, ...extra },
  };
}

/** Every file under the data directory's support/ tree. */
export function storedFiles(h: Harness): string[] {
  const root = join(h.deps.config.dataDir, 'support');
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out;
}

export async function ticketRowCount(h: Harness): Promise<number> {
  const row = await h.deps.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function fileTicket(h: Harness, fields: Record<string, string>, files: FilePart[] = [], headers: Record<string, string> = {}) {
  const body = multipart(fields, files);
  return h.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: body.payload, headers: { ...body.headers, ...headers } });
}

export const screenshot = (bytes: Buffer = TINY_PNG, filename = 'screenshot.png'): FilePart => ({ field: 'attachments', filename, bytes });

/** The newest mail to `to` whose subject matches. */
export async function mailTo(h: Harness, to: string, subject: RegExp): Promise<{ subject: string; text: string }> {
  const items = json(await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)) as Array<{ subject: string; text: string }>;
  const mail = items.find((m) => subject.test(m.subject));
  if (!mail) throw new Error(`no mail to ${to} matching ${subject}: ${items.map((m) => m.subject).join(' | ')}`);
  return mail;
}

export function tokenIn(mail: { text: string }): string {
  const token = /"token": "([^"]+)"/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no token in ${mail.text}`);
  return token;
}

/** Files an anonymous ticket and confirms it from the mail; returns its id and access token. */
export async function fileAndConfirm(h: Harness, fields: Record<string, string>, files: FilePart[] = []): Promise<{ id: string; accessToken: string }> {
  const filed = await fileTicket(h, fields, files);
  if (filed.statusCode !== 201) throw new Error(`filing failed: ${filed.body}`);
  const mail = await mailTo(h, fields.email!, /support ticket|工单/);
  const confirmed = await h.app.inject({ method: 'POST', url: '/api/v1/tickets/confirm', payload: { token: tokenIn(mail) } });
  if (confirmed.statusCode !== 200) throw new Error(`confirm failed: ${confirmed.body}`);
  return json(confirmed);
}

export function ticketAuth(accessToken: string): Record<string, string> {
  return { authorization: `Ticket ${accessToken}` };
}
