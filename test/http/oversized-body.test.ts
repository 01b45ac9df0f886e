/**
 * A body over the limit sent the way browsers and fetch send it (no `Expect: 100-continue`, so the
 * client is still uploading when the answer comes): the client gets the 413 `4020` envelope, not a
 * connection reset. The rest of the body is read and thrown away, up to a bound, and the connection
 * then serves the next request.
 */
import { createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';
import { createHarness } from '../support/harness.js';
import { discardUnreadBody, UNREAD_BODY_LIMITS } from '../../src/http/unread-body.js';

const MB = 1024 * 1024;

/** POSTs `size` bytes with node:http (no Expect header), writing as fast as the socket takes them. */
function postWithNodeHttp(base: string, path: string, size: number, chunked = false): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = String(size);
    const req = request(new URL(path, base), { method: 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    // Once the whole answer is in, node:http stops uploading and closes its own socket; only an
    // error before the answer is a failure.
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** A raw HTTP/1.1 client that writes the whole request before it reads anything, as browsers do. */
async function openRaw(base: string) {
  const url = new URL(base);
  const socket: Socket = connect(Number(url.port), url.hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const received: Buffer[] = [];
  const state = { error: '', closed: false, written: 0 };
  socket.on('error', (err) => (state.error ||= err.message));
  socket.on('close', () => (state.closed = true));
  socket.pause();
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const write = (data: Buffer | string) =>
    new Promise<void>((resolve, reject) =>
      socket.write(data, (err) => {
        if (err) return reject(err);
        state.written += Buffer.byteLength(data);
        resolve();
      }),
    );
  return {
    state,
    write,
    head: (path: string, length: number) =>
      write(`POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`),
    /** Sends `size` bytes of body in 1 MB writes, each after the previous one was taken. */
    body: async (size: number) => {
      const chunk = Buffer.alloc(MB, 0x20);
      for (let sent = 0; sent < size; sent += chunk.length) await write(chunk.subarray(0, Math.min(MB, size - sent)));
    },
    /** Starts reading and returns every response received so far (status and parsed JSON body). */
    responses: async (count: number) => {
      socket.resume();
      for (let i = 0; i < 500 && splitResponses(Buffer.concat(received).toString('utf8')).length < count && !state.closed; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return splitResponses(Buffer.concat(received).toString('utf8'));
    },
    /** Reads as the bytes arrive (what node:http and fetch do), instead of after sending. */
    readWhileSending: () => socket.resume(),
    close: () => socket.destroy(),
  };
}

/** Splits what arrived into responses with a content-length body. */
function splitResponses(text: string): Array<{ status: number; body: unknown }> {
  const out: Array<{ status: number; body: unknown }> = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return out;
    const head = rest.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    if (rest.length < end + 4 + length) return out;
    out.push({ status: Number(head.split(' ')[1]), body: JSON.parse(rest.slice(end + 4, end + 4 + length)) });
    rest = rest.slice(end + 4 + length);
  }
}

describeEachBackend('oversized bodies over a real socket', (backend) => {
  it('10 MB to a JSON endpoint with node:http, with a length or chunked, and with fetch: the 4020 envelope', async () => {
    const h = await createHarness(backend);
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    for (const [path, chunked] of [
      ['/api/v1/auth/register', false],
      ['/api/v1/auth/login', false],
      ['/api/v1/auth/register', true],
    ] as const) {
      const answer = await postWithNodeHttp(base, path, 10 * MB, chunked);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 4020, help: '/help/errors/4020' });
    }
    const res = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(10 * MB) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 4020 });
  });

  it('a client that sends all 10 MB before it reads gets the answer, and the connection serves its next request', async () => {
    const h = await createHarness(backend);
    const client = await openRaw(await h.app.listen({ port: 0, host: '127.0.0.1' }));
    try {
      await client.head('/api/v1/auth/register', 10 * MB);
      // Before the fix the server closed the connection after answering: these writes met a reset.
      await client.body(10 * MB);
      await client.write('GET /api/v1/errors/4020 HTTP/1.1\r\nHost: x\r\n\r\n');
      const responses = await client.responses(2);
      expect(client.state.error).toBe('');
      expect(responses).toMatchObject([
        { status: 413, body: { code: 4020 } },
        { status: 200, body: { code: 4020 } },
      ]);
    } finally {
      client.close();
    }
  });

  it('reads no more than the bound: a body far past it is cut off once the bound is read', async () => {
    const h = await createHarness(backend);
    const client = await openRaw(await h.app.listen({ port: 0, host: '127.0.0.1' }));
    const announced = 4 * UNREAD_BODY_LIMITS.maxBytes;
    client.readWhileSending();
    await client.head('/api/v1/auth/register', announced);
    const failed = await client.body(announced).then(
      () => false,
      () => true,
    );
    expect(failed).toBe(true);
    // Well past the body limit (it was read, not refused), never much past the bound (socket
    // buffers on both sides hold a few MB more).
    expect(client.state.written).toBeGreaterThan(UNREAD_BODY_LIMITS.maxBytes);
    expect(client.state.written).toBeLessThan(UNREAD_BODY_LIMITS.maxBytes + 32 * MB);
    expect(await client.responses(1)).toMatchObject([{ status: 413, body: { code: 4020 } }]);
    client.close();
  });
});

it('closes the connection when the rest of the body does not come within the time bound', async () => {
  const server = createServer((req, res) => {
    res.writeHead(413, { 'content-length': '2' });
    res.end('{}');
    discardUnreadBody(req, { maxBytes: MB, maxMs: 50 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  try {
    const client = await openRaw(`http://127.0.0.1:${address.port}`);
    await client.head('/', 1000);
    await client.write('{"partial":');
    // The client stalls; the server gives up on the rest after the bound, not at once.
    expect(await client.responses(1)).toMatchObject([{ status: 413, body: {} }]);
    for (let i = 0; i < 500 && !client.state.closed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(client.state.closed).toBe(true);
  } finally {
    server.close();
  }
});
