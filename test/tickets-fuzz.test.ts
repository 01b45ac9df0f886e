/**
 * Property: generated multipart bodies (odd boundaries, headers, field names, values and bytes,
 * truncation, a boundary that does not match the header) sent to the upload routes answer a
 * success or a catalog envelope (4010, 4020, 4011, 4013, 1003), never 5xx; a refused filing stores
 * no file. SQLite only, to keep the run short.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from './support/backends.js';
import { createHarness, json, type Harness } from './support/harness.js';
import { fileAndConfirm, storedFiles, supportOverrides, ticketAuth } from './support/multipart.js';
import { TINY_GIF, TINY_PNG } from './support/images.js';
import { entryByCode } from '../src/errors/lookup.js';

const NAMES = [
  'email',
  'category',
  'description',
  'errorCode',
  'deviceModel',
  'occurredAt',
  'body',
  'attachments',
  'idPhoto',
  'selfie',
  '__proto__',
  'constructor',
  '',
  'x',
];

const partArb = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })),
  filename: fc.option(fc.oneof(fc.constantFrom('a.png', '../../x.png', '', 'a"b.png', 'é.gif'), fc.string({ maxLength: 12 })), { nil: undefined }),
  contentType: fc.option(fc.constantFrom('image/png', 'text/html', 'application/json', 'application/octet-stream', ';;;'), { nil: undefined }),
  value: fc.oneof(
    fc.constantFrom('fuzz@example.com', 'other', 'reset_2fa', 'account_frozen', '4002', '2026-11-26T09:00:00Z', '{oops', ''),
    fc.string({ maxLength: 40 }),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
    fc.constantFrom(TINY_PNG, TINY_GIF, Buffer.from('#!/bin/sh\n'), Buffer.from('\u0000\u0000')),
  ),
  rawHeader: fc.option(fc.constantFrom('content-transfer-encoding: base64', 'content-disposition: attachment', 'x: \u0000'), { nil: undefined }),
});

type Part = typeof partArb extends fc.Arbitrary<infer T> ? T : never;

function build(boundary: string, parts: Part[], cut: number | null, close: boolean): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const headers = [`content-disposition: form-data; name="${part.name}"${filename}`];
    if (part.contentType) headers.push(`content-type: ${part.contentType}`);
    if (part.rawHeader) headers.push(part.rawHeader);
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  return cut === null ? body : body.subarray(0, Math.min(cut, body.length));
}

describe('fuzzed ticket uploads [sqlite]', () => {
  let h: Harness;
  let ticket: { id: string; accessToken: string };
  beforeEach(async () => {
    h = await createHarness(sqliteBackend(), supportOverrides({ messagesPerTicketPerHour: 100_000 }));
    ticket = await fileAndConfirm(h, { email: 'owner@example.com', category: 'account_frozen', description: 'seed' });
  });

  it('answers every generated multipart body with success or a catalog envelope', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          route: fc.constantFrom('file', 'message'),
          boundary: fc.oneof(fc.constantFrom('b', 'xyz', '----WebKitFormBoundary7MA4YWxkTrZu0gW'), fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/)),
          headerBoundary: fc.option(fc.constantFrom('other', ''), { nil: undefined }),
          valid: fc.boolean(),
          parts: fc.array(partArb, { maxLength: 6 }),
          cut: fc.option(fc.nat({ max: 400 }), { nil: null, freq: 4 }),
          close: fc.boolean(),
        }),
        async (input) => {
          // half the bodies start with well-formed fields, so that generated parts get past the basics
          const base: Part[] = !input.valid
            ? []
            : input.route === 'file'
              ? [
                  { name: 'email', value: 'fuzz@example.com', filename: undefined, contentType: undefined, rawHeader: undefined },
                  { name: 'category', value: 'account_frozen', filename: undefined, contentType: undefined, rawHeader: undefined },
                  { name: 'description', value: 'fuzzed', filename: undefined, contentType: undefined, rawHeader: undefined },
                ]
              : [{ name: 'body', value: 'fuzzed', filename: undefined, contentType: undefined, rawHeader: undefined }];
          const payload = build(input.boundary, [...base, ...input.parts], input.cut, input.close);
          const boundary = input.headerBoundary ?? input.boundary;
          const url = input.route === 'file' ? '/api/v1/tickets' : `/api/v1/tickets/${ticket.id}/messages`;
          const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(input.route === 'message' ? ticketAuth(ticket.accessToken) : {}) };
          const filesBefore = storedFiles(h).length;
          const response = await h.app.inject({ method: 'POST', url, payload, headers });
          const where = `${url} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
          expect(response.statusCode, where).toBeLessThan(500);
          if (response.statusCode === 201) {
            seen.set('201', (seen.get('201') ?? 0) + 1);
            return;
          }
          // a refused upload leaves no file behind
          expect(storedFiles(h).length, where).toBe(filesBefore);
          const body = json(response);
          expect(entryByCode(body.code)?.httpStatus, where).toBe(response.statusCode);
          expect(response.body, where).not.toMatch(/FST_|busboy|Error:|node_modules|\bat \S+:\d+/);
          seen.set(String(body.code), (seen.get(String(body.code)) ?? 0) + 1);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false },
    );
    // the inputs reached validation (4010), not one wall
    expect(seen.get('4010') ?? 0, JSON.stringify([...seen])).toBeGreaterThan(0);
  }, 90_000);
});
