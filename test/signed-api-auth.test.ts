/** Authentication of SIGNED requests: key format and rejection, signature, timestamp window, whitelist, permissions, maintenance. */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, json, post, staffSession } from './support/harness.js';
import { keyHolder, limitOrder, signPayload, signed } from './support/signed-api.js';

describeEachBackend('signed API authentication', (backend) => {
  it('answers -2014 for a missing or malformed X-MBX-APIKEY and -2015 (HTTP 401) for an unknown key', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'a@example.com');
    const missing = await h.app.inject({ method: 'GET', url: `/api/v3/account?timestamp=${h.clock.nowMs()}&signature=00` });
    expect(missing.statusCode).toBe(401);
    expect(json(missing)).toMatchObject({ code: -2014, msg: 'API-key format invalid.' });
    expect(json(await signed(h, k, 'GET', '/api/v3/account', {}, { apiKey: `${k.apiKey}x` }))).toMatchObject({ code: -2014 });
    expect(json(await signed(h, k, 'GET', '/api/v3/account', {}, { apiKey: k.secretKey! }))).toMatchObject({ code: -2015 });
    const unknown = await signed(h, k, 'GET', '/api/v3/account', {}, { apiKey: 'A'.repeat(64) });
    expect(unknown.statusCode).toBe(401);
    expect(json(unknown)).toMatchObject({ code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' });
  });

  it('answers -1022 for a body tampered with after signing, a wrong secret, or a missing parameter in the payload', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'b@example.com', {}, { USDT: '1000' });
    const honest = await signed(h, k, 'POST', '/api/v3/order/test', limitOrder(), { inBody: true });
    expect(honest.statusCode, honest.body).toBe(200);
    const tampered = await signed(h, k, 'POST', '/api/v3/order/test', limitOrder(), {
      inBody: true,
      tamper: (b) => b.replace('quantity=0.01', 'quantity=0.02'),
    });
    expect(tampered.statusCode).toBe(400);
    expect(json(tampered)).toMatchObject({ code: -1022, msg: 'Signature for this request is not valid.' });
    expect(json(await signed(h, { ...k, secretKey: 'x'.repeat(64) }, 'GET', '/api/v3/account'))).toMatchObject({ code: -1022 });
    // A parameter added to the query of a signed body request is covered too.
    const payload = `symbol=BTCUSDT&timestamp=${h.clock.nowMs()}`;
    const extra = await h.app.inject({
      method: 'GET',
      url: `/api/v3/openOrders?symbol=ETHBTC&${payload}&signature=${signPayload(k, payload)}`,
      headers: { 'x-mbx-apikey': k.apiKey },
    });
    expect(json(extra)).toMatchObject({ code: -1022 });
  });

  it('verifies a signature over query string + body, the query value winning for a parameter in both', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'mixed@example.com', {}, { USDT: '1000' });
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=50000';
    const body = `quantity=0.01&price=1&timestamp=${h.clock.nowMs()}`;
    const signature = signPayload(k, query + body);
    const placed = await h.app.inject({
      method: 'POST',
      url: `/api/v3/order?${query}`,
      headers: { 'x-mbx-apikey': k.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${body}&signature=${signature.toUpperCase()}`,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(json(placed)).toMatchObject({ price: '50000.00000000', origQty: '0.01000000', status: 'NEW' });
  });

  it('verifies the signature over the query string and body exactly as sent, empty components and a leading or trailing "&" included', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'raw@example.com', {}, { USDT: '1000' });
    const headers = { 'x-mbx-apikey': k.apiKey };
    const t = h.clock.nowMs();
    for (const query of [`timestamp=${t}&&recvWindow=5000`, `&timestamp=${t}`, `timestamp=${t}&`, `timestamp=${t}&&`]) {
      const response = await h.app.inject({ method: 'GET', url: `/api/v3/account?${query}&signature=${signPayload(k, query)}`, headers });
      expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
    }
    // The signature first: the "&" after it goes with it, the rest is signed as sent.
    const first = await h.app.inject({ method: 'GET', url: `/api/v3/account?signature=${signPayload(k, `&timestamp=${t}`)}&&timestamp=${t}`, headers });
    expect(first.statusCode, first.body).toBe(200);
    // A body with a trailing "&", signed as sent, with the signature in the query string.
    const body = `${new URLSearchParams({ ...limitOrder(), timestamp: String(t) })}&`;
    const tested = await h.app.inject({
      method: 'POST',
      url: `/api/v3/order/test?signature=${signPayload(k, body)}`,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
    expect(tested.statusCode, tested.body).toBe(200);
    // The empty component is signed: sent without it, the signature no longer matches.
    const signedWith = `timestamp=${t}&&recvWindow=5000`;
    const sentWithout = await h.app.inject({
      method: 'GET',
      url: `/api/v3/account?timestamp=${t}&recvWindow=5000&signature=${signPayload(k, signedWith)}`,
      headers,
    });
    expect(json(sentWithout)).toMatchObject({ code: -1022 });
  });

  it("takes the first of repeated signature parameters, in the query string as in the body, and the query string's over the body's", async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'twice@example.com', {}, { USDT: '1000' });
    const headers = { 'x-mbx-apikey': k.apiKey };
    const query = `timestamp=${h.clock.nowMs()}`;
    const good = signPayload(k, query);
    const bad = '0'.repeat(64);
    const inQuery = (first: string, second: string) =>
      h.app.inject({ method: 'GET', url: `/api/v3/account?${query}&signature=${first}&signature=${second}`, headers });
    expect((await inQuery(good, bad)).statusCode).toBe(200);
    expect(json(await inQuery(bad, good))).toMatchObject({ code: -1022 });

    const body = new URLSearchParams({ ...limitOrder(), timestamp: String(h.clock.nowMs()) }).toString();
    const bodyGood = signPayload(k, body);
    const inBody = (payload: string, url = '/api/v3/order/test') =>
      h.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect((await inBody(`${body}&signature=${bodyGood}&signature=${bad}`)).statusCode).toBe(200);
    expect(json(await inBody(`${body}&signature=${bad}&signature=${bodyGood}`))).toMatchObject({ code: -1022 });
    expect((await inBody(`${body}&signature=${bad}`, `/api/v3/order/test?signature=${bodyGood}`)).statusCode).toBe(200);
    expect(json(await inBody(`${body}&signature=${bodyGood}`, `/api/v3/order/test?signature=${bad}`))).toMatchObject({ code: -1022 });
  });

  it("applies Binance's timestamp rule: -1021 1001 ms ahead or older than recvWindow; -1102 without timestamp or with recvWindow over 60000", async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'c@example.com');
    const now = h.clock.nowMs();
    const ahead = await signed(h, k, 'GET', '/api/v3/account', {}, { timestamp: now + 1001 });
    expect(ahead.statusCode).toBe(400);
    expect(json(ahead)).toMatchObject({
      code: -1021,
      reason: 'ahead_of_server_time',
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    });
    expect((await signed(h, k, 'GET', '/api/v3/account', {}, { timestamp: now + 999 })).statusCode).toBe(200);
    expect(json(await signed(h, k, 'GET', '/api/v3/account', {}, { timestamp: now - 5001 }))).toMatchObject({
      code: -1021,
      reason: 'outside_recv_window',
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    expect((await signed(h, k, 'GET', '/api/v3/account', {}, { timestamp: now - 5000 })).statusCode).toBe(200);
    expect((await signed(h, k, 'GET', '/api/v3/account', {}, { timestamp: now - 59_000, recvWindow: 60_000 })).statusCode).toBe(200);
    expect(json(await signed(h, k, 'GET', '/api/v3/account', {}, { timestamp: now - 1500, recvWindow: 1000 }))).toMatchObject({ code: -1021 });
    expect(json(await signed(h, k, 'GET', '/api/v3/account', {}, { recvWindow: 60_001 }))).toMatchObject({
      code: -1102,
      msg: "Mandatory parameter 'recvWindow' was not sent, was empty/null, or malformed.",
    });
    // A captured request replayed after its window is refused.
    const captured = `timestamp=${h.clock.nowMs()}`;
    const url = `/api/v3/account?${captured}&signature=${signPayload(k, captured)}`;
    expect((await h.app.inject({ method: 'GET', url, headers: { 'x-mbx-apikey': k.apiKey } })).statusCode).toBe(200);
    h.clock.advanceMs(5001);
    expect(json(await h.app.inject({ method: 'GET', url, headers: { 'x-mbx-apikey': k.apiKey } }))).toMatchObject({ code: -1021 });
    const noTimestamp = await h.app.inject({ method: 'GET', url: `/api/v3/account?signature=${signPayload(k, '')}`, headers: { 'x-mbx-apikey': k.apiKey } });
    expect(json(noTimestamp)).toMatchObject({ code: -1102, msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed." });
    const noSignature = await h.app.inject({ method: 'GET', url: `/api/v3/account?timestamp=${h.clock.nowMs()}`, headers: { 'x-mbx-apikey': k.apiKey } });
    expect(json(noSignature)).toMatchObject({ code: -1102, msg: "Mandatory parameter 'signature' was not sent, was empty/null, or malformed." });
  });

  it('accepts a whitelisted key only from its IPs and networks (IPv4, CIDR, IPv6)', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'wl@example.com', { ipWhitelist: ['192.0.2.10', '198.51.100.0/24', '2001:db8::/32'] });
    for (const ip of ['192.0.2.10', '198.51.100.200', '2001:db8:1::5', '::ffff:192.0.2.10']) {
      expect((await signed(h, k, 'GET', '/api/v3/account', {}, { ip })).statusCode, ip).toBe(200);
    }
    for (const ip of ['192.0.2.11', '203.0.113.1', '2001:db9::1', '127.0.0.1']) {
      const refused = await signed(h, k, 'GET', '/api/v3/account', {}, { ip });
      expect(refused.statusCode, ip).toBe(401);
      expect(json(refused), ip).toMatchObject({ code: -2015 });
    }
  });

  it('requires TRADE for orders and cancels, READ for reads (-2015)', async () => {
    const h = await createHarness(backend);
    const reader = await keyHolder(h, 'reader@example.com', { permissions: ['READ'] }, { USDT: '1000' });
    expect((await signed(h, reader, 'GET', '/api/v3/account')).statusCode).toBe(200);
    expect((await signed(h, reader, 'GET', '/api/v3/openOrders')).statusCode).toBe(200);
    for (const [method, path, params] of [
      ['POST', '/api/v3/order', limitOrder()],
      ['POST', '/api/v3/order/test', limitOrder()],
      ['DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: '1' }],
    ] as const) {
      const refused = await signed(h, reader, method, path, params);
      expect(json(refused), path).toMatchObject({ code: -2015 });
    }
    const trader = await keyHolder(h, 'trader@example.com', { permissions: ['TRADE'] }, { USDT: '1000' });
    expect((await signed(h, trader, 'POST', '/api/v3/order', limitOrder())).statusCode).toBe(200);
    expect(json(await signed(h, trader, 'GET', '/api/v3/account'))).toMatchObject({ code: -2015 });
  });

  it('answers 1100 on /api/v3 during maintenance, with code and msg, for public and signed endpoints', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'm@example.com');
    const admin = await staffSession(h, 'admin@example.com', 'admin');
    expect((await post(h, '/api/v1/admin/maintenance', { enabled: true }, bearer(admin.token))).statusCode).toBe(200);
    for (const response of [await h.app.inject({ method: 'GET', url: '/api/v3/ping' }), await signed(h, k, 'GET', '/api/v3/account')]) {
      expect(response.statusCode).toBe(503);
      expect(json(response)).toMatchObject({ code: 1100, msg: expect.any(String) });
      expect(response.headers['x-mbx-used-weight-1m']).toBeDefined();
    }
  });

  it("answers an unexpected fault with Binance's -1000 (HTTP 500), without internals", async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'fault@example.com');
    await sql`drop table balances`.execute(h.deps.db);
    const response = await signed(h, k, 'GET', '/api/v3/account');
    expect(response.statusCode).toBe(500);
    expect(json(response)).toMatchObject({ code: -1000, msg: 'An unknown error occurred while processing the request.' });
    expect(response.body).not.toMatch(/balances|sqlite|SELECT/i);
  });
});
