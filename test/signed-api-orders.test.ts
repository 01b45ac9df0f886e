/** Orders on the signed API: validation codes in Binance's order, fund locks, query/cancel, response types, concurrency. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { bearer, createHarness, json, type Harness } from './support/harness.js';
import { keyHolder, limitOrder, signed, type KeyHolder } from './support/signed-api.js';
import { generateTotp } from '../src/twofactor/totp.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { messageFor } from '../src/errors/lookup.js';

const geo = { overrides: { '198.51.100.0/24': 'CN' } };

async function balances(h: Harness, k: KeyHolder) {
  const body = json(await signed(h, k, 'GET', '/api/v3/account'));
  return Object.fromEntries(
    (body.balances as Array<{ asset: string; free: string; locked: string }>).map((b) => [b.asset, { free: b.free, locked: b.locked }]),
  );
}

describeEachBackend('signed API orders', (backend) => {
  it('refuses bad orders with the code Binance gives, in its order (-1102, -1121, -1111, -1013, -2010)', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'v@example.com', {}, { USDT: '1000', ETH: '1' });
    const cases: Array<[Record<string, string>, Record<string, unknown>]> = [
      [
        { ...limitOrder(), symbol: '' },
        { code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." },
      ],
      [
        { ...limitOrder(), side: 'HOLD' },
        { code: -1102, msg: "Mandatory parameter 'side' was not sent, was empty/null, or malformed." },
      ],
      [
        { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '1' },
        { code: -1102, details: { param: 'timeInForce' } },
      ],
      [
        { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '1' },
        { code: -1102, details: { param: 'quantity' } },
      ],
      [limitOrder({ price: '1e3' }), { code: -1102, details: { param: 'price' } }],
      [limitOrder({ price: '-5' }), { code: -1102, details: { param: 'price' } }],
      [
        { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET' },
        { code: -1102, details: { param: 'quantity' } },
      ],
      [limitOrder({ newClientOrderId: 'has spaces' }), { code: -1102, details: { param: 'newClientOrderId' } }],
      [limitOrder({ newOrderRespType: 'LOUD' }), { code: -1102, details: { param: 'newOrderRespType' } }],
      // A missing parameter is reported before an unknown symbol.
      [{ symbol: 'DOGEUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '1' }, { code: -1102 }],
      [limitOrder({ symbol: 'DOGEUSDT' }), { code: -1121, msg: 'Invalid symbol.' }],
      [limitOrder({ symbol: 'btcusdt' }), { code: -1121 }],
      // ETHUSDT: base precision 6, step 0.0001: 7 decimals is -1111, not -1013.
      [
        limitOrder({ symbol: 'ETHUSDT', side: 'SELL', quantity: '0.1234567', price: '3000' }),
        { code: -1111, msg: "Parameter 'quantity' has too much precision." },
      ],
      [limitOrder({ symbol: 'ETHUSDT', side: 'SELL', quantity: '0.123456', price: '3000' }), { code: -1013, msg: 'Filter failure: LOT_SIZE' }],
      [limitOrder({ quantity: '0.000000001' }), { code: -1111, msg: "Parameter 'quantity' has too much precision." }],
      [limitOrder({ price: '50000.123456789' }), { code: -1111, msg: "Parameter 'price' has too much precision." }],
      // Precision is checked before filters even when the value is also off the grid.
      [limitOrder({ price: '0.001', quantity: '0.1234567890' }), { code: -1111 }],
      [limitOrder({ price: '50000.001' }), { code: -1013, msg: 'Filter failure: PRICE_FILTER', reason: 'price_filter' }],
      [limitOrder({ price: '2000000' }), { code: -1013, msg: 'Filter failure: PRICE_FILTER' }],
      [limitOrder({ price: '0' }), { code: -1013, msg: 'Filter failure: PRICE_FILTER' }],
      [limitOrder({ quantity: '0.000001' }), { code: -1013, msg: 'Filter failure: LOT_SIZE' }],
      [limitOrder({ quantity: '9001' }), { code: -1013, msg: 'Filter failure: LOT_SIZE' }],
      [limitOrder({ quantity: '0.00001', price: '100' }), { code: -1013, msg: 'Filter failure: NOTIONAL', reason: 'notional' }],
      [limitOrder({ quantity: '0.03', price: '50000' }), { code: -2010, msg: 'Account has insufficient balance for requested action.' }],
      [limitOrder({ symbol: 'ETHUSDT', side: 'SELL', quantity: '1.0001', price: '3000' }), { code: -2010 }],
    ];
    for (const [params, expected] of cases) {
      for (const path of ['/api/v3/order', '/api/v3/order/test']) {
        const response = await signed(h, k, 'POST', path, params);
        expect(response.statusCode, `${path} ${JSON.stringify(params)}`).toBe(400);
        expect(json(response), `${path} ${JSON.stringify(params)}`).toMatchObject(expected);
      }
    }
    expect(await balances(h, k)).toEqual({ ETH: { free: '1.00000000', locked: '0.00000000' }, USDT: { free: '1000.00000000', locked: '0.00000000' } });
    expect(json(await signed(h, k, 'GET', '/api/v3/openOrders'))).toEqual([]);
  });

  it('refuses quoteOrderQty on a LIMIT order (-1102 not_required) and answers huge values with a catalog code, storing nothing', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'qoq@example.com', {}, { USDT: '1000', BTC: '1' });
    const notRequired = { code: -1102, reason: 'not_required', msg: "Parameter 'quoteOrderQty' sent when not required.", details: { param: 'quoteOrderQty' } };
    const huge = '99999999999999999999';
    const market = (extra: Record<string, string>) => ({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', ...extra });
    const cases: Array<[Record<string, string>, Record<string, unknown>]> = [
      // Past the bigint column (a 500 on PostgreSQL before), or garbled as a float (SQLite).
      [limitOrder({ quoteOrderQty: '100000000000' }), notRequired],
      [limitOrder({ quoteOrderQty: '12345678901234567890.12345678' }), notRequired],
      // Small values too: a LIMIT order never uses one, so none is stored or shown.
      [limitOrder({ quoteOrderQty: '1' }), notRequired],
      [limitOrder({ timeInForce: 'IOC', quoteOrderQty: '123' }), notRequired],
      [limitOrder({ quoteOrderQty: '0.000000001' }), notRequired],
      [limitOrder({ quoteOrderQty: '' }), notRequired],
      [market({ quantity: '0.001', quoteOrderQty: '100' }), notRequired],
      // Every other amount is bounded by a filter before anything is stored.
      [limitOrder({ quantity: huge }), { code: -1013, reason: 'lot_size' }],
      [limitOrder({ price: huge }), { code: -1013, reason: 'price_filter' }],
      [limitOrder({ price: `${huge}.${huge}` }), { code: -1111 }],
      [market({ quantity: huge }), { code: -1013, reason: 'lot_size' }],
      [market({ quoteOrderQty: huge }), { code: -1013, reason: 'notional' }],
      // Within NOTIONAL, but it would lock 1.8e8 ETH: more than any balance holds.
      [{ symbol: 'ETHBTC', side: 'SELL', type: 'MARKET', quoteOrderQty: '9000000' }, { code: -2010 }],
    ];
    for (const [params, expected] of cases) {
      for (const path of ['/api/v3/order', '/api/v3/order/test']) {
        const response = await signed(h, k, 'POST', path, params);
        expect(response.statusCode, `${path} ${JSON.stringify(params)}`).toBe(400);
        expect(json(response), `${path} ${JSON.stringify(params)}`).toMatchObject(expected);
      }
    }
    expect(await balances(h, k)).toEqual({ BTC: { free: '1.00000000', locked: '0.00000000' }, USDT: { free: '1000.00000000', locked: '0.00000000' } });
    expect(await h.deps.db.selectFrom('spot_orders').select('id').where('account_id', '=', k.accountId).execute()).toEqual([]);
    // MARKET still takes quoteOrderQty on its own.
    expect(json(await signed(h, k, 'POST', '/api/v3/order', market({ quoteOrderQty: '100' })))).toMatchObject({
      status: 'EXPIRED',
      origQuoteOrderQty: '100.00000000',
    });
  });

  it('with both orderId and origClientOrderId, finds and cancels only the order that has both (-2013 / -2011 otherwise)', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'both@example.com', {}, { USDT: '1000' });
    const first = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001', newClientOrderId: 'first' })));
    const second = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001', newClientOrderId: 'second' })));
    const mismatch = { symbol: 'BTCUSDT', orderId: String(first.orderId), origClientOrderId: 'second' };
    expect(json(await signed(h, k, 'GET', '/api/v3/order', mismatch))).toMatchObject({ code: -2013, msg: 'Order does not exist.' });
    expect(json(await signed(h, k, 'DELETE', '/api/v3/order', mismatch))).toMatchObject({ code: -2011, msg: 'Unknown order sent.' });
    expect(json(await signed(h, k, 'DELETE', '/api/v3/order', mismatch, { inBody: true }))).toMatchObject({ code: -2011 });
    expect(json(await signed(h, k, 'DELETE', '/api/v3/order', { ...mismatch, origClientOrderId: 'nobody' }))).toMatchObject({ code: -2011 });
    expect(json(await signed(h, k, 'GET', '/api/v3/order', { ...mismatch, origClientOrderId: 'has spaces' }))).toMatchObject({
      code: -1102,
      details: { param: 'origClientOrderId' },
    });
    // Nothing was cancelled or unlocked.
    expect((await balances(h, k)).USDT).toEqual({ free: '900.00000000', locked: '100.00000000' });
    expect(json(await signed(h, k, 'GET', '/api/v3/openOrders')).map((o: { orderId: number }) => o.orderId)).toEqual([first.orderId, second.orderId]);

    const match = { symbol: 'BTCUSDT', orderId: String(second.orderId), origClientOrderId: 'second' };
    expect(json(await signed(h, k, 'GET', '/api/v3/order', match))).toMatchObject({ orderId: second.orderId, clientOrderId: 'second', status: 'NEW' });
    expect(json(await signed(h, k, 'DELETE', '/api/v3/order', match))).toMatchObject({
      orderId: second.orderId,
      origClientOrderId: 'second',
      status: 'CANCELED',
    });
    expect((await balances(h, k)).USDT).toEqual({ free: '950.00000000', locked: '50.00000000' });
    expect(json(await signed(h, k, 'GET', '/api/v3/order', { ...match, orderId: String(first.orderId), origClientOrderId: 'first' })).status).toBe('NEW');
  });

  it('locks the funds of an accepted order (BUY: price x quantity of the quote, SELL: the base) and unlocks them on cancel', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'lock@example.com', {}, { USDT: '1000', BTC: '0.5' });
    const buy = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.012', price: '50000.01', newClientOrderId: 'my-buy-1' })));
    expect(buy).toMatchObject({
      symbol: 'BTCUSDT',
      clientOrderId: 'my-buy-1',
      status: 'NEW',
      price: '50000.01000000',
      origQty: '0.01200000',
      executedQty: '0.00000000',
      fills: [],
    });
    const sell = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ side: 'SELL', quantity: '0.2', price: '70000' })));
    expect(sell.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    // 0.012 x 50000.01 = 600.00012
    expect(await balances(h, k)).toEqual({ BTC: { free: '0.30000000', locked: '0.20000000' }, USDT: { free: '399.99988000', locked: '600.00012000' } });

    const open = json(await signed(h, k, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' }));
    expect(open.map((o: { orderId: number }) => o.orderId)).toEqual([buy.orderId, sell.orderId]);
    const queried = json(await signed(h, k, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(buy.orderId) }));
    expect(queried).toMatchObject({
      orderId: buy.orderId,
      clientOrderId: 'my-buy-1',
      status: 'NEW',
      isWorking: true,
      origQty: '0.01200000',
      side: 'BUY',
      type: 'LIMIT',
    });

    const cancelled = await signed(h, k, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'my-buy-1' });
    expect(json(cancelled)).toMatchObject({ orderId: buy.orderId, origClientOrderId: 'my-buy-1', status: 'CANCELED' });
    expect(await balances(h, k)).toEqual({ BTC: { free: '0.30000000', locked: '0.20000000' }, USDT: { free: '1000.00000000', locked: '0.00000000' } });
    const again = await signed(h, k, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'my-buy-1' });
    expect(json(again)).toMatchObject({ code: -2011, msg: 'Unknown order sent.' });
    expect(json(await signed(h, k, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(buy.orderId) }))).toMatchObject({
      status: 'CANCELED',
      isWorking: false,
    });
    expect(json(await signed(h, k, 'GET', '/api/v3/openOrders'))).toHaveLength(1);
  });

  it('answers -2013 for an unknown order, -2011 for an unknown cancel, -1102 when neither id is sent; orders of others do not exist', async () => {
    const h = await createHarness(backend);
    const a = await keyHolder(h, 'a@example.com', {}, { USDT: '1000' });
    const b = await keyHolder(h, 'b@example.com', {}, { USDT: '1000' });
    const order = json(await signed(h, a, 'POST', '/api/v3/order', limitOrder()));
    const byB = await signed(h, b, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(order.orderId) });
    expect(json(byB)).toMatchObject({ code: -2013, msg: 'Order does not exist.' });
    expect(json(await signed(h, b, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(order.orderId) }))).toMatchObject({ code: -2011 });
    expect(json(await signed(h, a, 'GET', '/api/v3/order', { symbol: 'ETHBTC', orderId: String(order.orderId) }))).toMatchObject({ code: -2013 });
    expect(json(await signed(h, a, 'GET', '/api/v3/order', { symbol: 'BTCUSDT' }))).toMatchObject({
      code: -1102,
      msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
    });
    expect(json(await signed(h, a, 'GET', '/api/v3/order', { symbol: 'NOPE', orderId: '1' }))).toMatchObject({ code: -1121 });
    expect(json(await signed(h, a, 'GET', '/api/v3/openOrders', { symbol: 'NOPE' }))).toMatchObject({ code: -1121 });
    expect(json(await signed(h, a, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(order.orderId) })).status).toBe('NEW');
  });

  it('keeps client order ids unique per account (-2010 duplicate_order), never locking twice', async () => {
    const h = await createHarness(backend);
    const a = await keyHolder(h, 'dup@example.com', {}, { USDT: '1000' });
    const b = await keyHolder(h, 'dup2@example.com', {}, { USDT: '1000' });
    expect((await signed(h, a, 'POST', '/api/v3/order', limitOrder({ newClientOrderId: 'same' }))).statusCode).toBe(200);
    const dup = await signed(h, a, 'POST', '/api/v3/order', limitOrder({ newClientOrderId: 'same' }));
    expect(json(dup)).toMatchObject({ code: -2010, reason: 'duplicate_order', msg: 'Duplicate order sent.' });
    expect((await balances(h, a)).USDT).toEqual({ free: '500.00000000', locked: '500.00000000' });
    expect((await signed(h, b, 'POST', '/api/v3/order', limitOrder({ newClientOrderId: 'same' }))).statusCode).toBe(200);
  });

  it("answers ACK, RESULT and FULL in Binance's shapes", async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'shapes@example.com', {}, { USDT: '1000' });
    const ack = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001', newOrderRespType: 'ACK' })));
    expect(Object.keys(ack).sort()).toEqual(['clientOrderId', 'orderId', 'orderListId', 'symbol', 'transactTime']);
    expect(ack.transactTime).toBe(h.clock.nowMs());
    expect(ack.orderListId).toBe(-1);
    const result = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001', newOrderRespType: 'RESULT' })));
    expect(result).toMatchObject({
      status: 'NEW',
      timeInForce: 'GTC',
      type: 'LIMIT',
      side: 'BUY',
      cummulativeQuoteQty: '0.00000000',
      workingTime: h.clock.nowMs(),
    });
    expect(result.fills).toBeUndefined();
    const full = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001' })));
    expect(full.fills).toEqual([]);
    expect(result.orderId).toBeGreaterThan(ack.orderId);
  });

  it('lets MARKET, IOC and FOK orders expire at once (no matching engine): checked and funded, nothing locked', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'market@example.com', {}, { USDT: '1000' });
    // Against the reference price (60000): 0.01 BTC needs 600 USDT.
    const market = json(await signed(h, k, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' }));
    expect(market).toMatchObject({ status: 'EXPIRED', type: 'MARKET', executedQty: '0.00000000', fills: [] });
    expect(json(await signed(h, k, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.02' }))).toMatchObject({
      code: -2010,
    });
    expect(json(await signed(h, k, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '4' }))).toMatchObject({
      code: -1013,
      msg: 'Filter failure: NOTIONAL',
    });
    expect(json(await signed(h, k, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' }))).toMatchObject({
      status: 'EXPIRED',
      origQuoteOrderQty: '100.00000000',
    });
    for (const timeInForce of ['IOC', 'FOK']) {
      expect(json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ timeInForce })))).toMatchObject({ status: 'EXPIRED', timeInForce });
    }
    expect(await balances(h, k)).toEqual({ USDT: { free: '1000.00000000', locked: '0.00000000' } });
    expect(json(await signed(h, k, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(market.orderId) }))).toMatchObject({ status: 'EXPIRED' });
    expect(json(await signed(h, k, 'GET', '/api/v3/openOrders'))).toEqual([]);
  });

  it('checks everything on /order/test and changes nothing', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'test@example.com', {}, { USDT: '1000' });
    const tested = await signed(h, k, 'POST', '/api/v3/order/test', limitOrder());
    expect(tested.statusCode).toBe(200);
    expect(json(tested)).toEqual({});
    expect(await balances(h, k)).toEqual({ USDT: { free: '1000.00000000', locked: '0.00000000' } });
    expect(json(await signed(h, k, 'GET', '/api/v3/openOrders'))).toEqual([]);
  });

  it('keeps locked funds out of withdrawals (4017), and gives them back on cancel', async () => {
    const h = await createHarness(backend);
    const k = await keyHolder(h, 'wd@example.com', {}, { USDT: '1000' });
    const order = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.015', price: '50000' })));
    // Turning TOTP on started a 24 h withdrawal hold; this test is about balances, not holds.
    await h.deps.db.updateTable('accounts').set({ security_hold_until: null }).where('id', '=', k.accountId).execute();
    const withdraw = async (amount: string) => {
      h.clock.advanceSeconds(30);
      return h.app.inject({
        method: 'POST',
        url: '/api/v1/wallet/withdrawals',
        headers: bearer(k.token),
        payload: { asset: 'USDT', amount, address: 'bc1qexampleaddress000', twoFactorCode: generateTotp(k.totpSecret, h.clock.nowMs()) },
      });
    };
    const refused = await withdraw('300');
    expect(json(refused)).toMatchObject({ code: 4017 });
    await signed(h, k, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: String(order.orderId) });
    expect((await withdraw('300')).statusCode).toBe(201);
  });

  it('applies the region restriction trade (4001) to new orders', async () => {
    const h = await createHarness(backend, { geo });
    const k = await keyHolder(h, 'cn@example.com', {}, { USDT: '1000' });
    await h.deps.db.updateTable('accounts').set({ kyc_country: 'CN' }).where('id', '=', k.accountId).execute();
    const refused = await signed(h, k, 'POST', '/api/v3/order', limitOrder(), { ip: '198.51.100.9' });
    expect(json(refused)).toMatchObject({ code: 4001, reason: 'function_restricted', details: { function: 'trade' } });
    expect((await signed(h, k, 'GET', '/api/v3/account', {}, { ip: '198.51.100.9' })).statusCode).toBe(200);
    expect((await signed(h, k, 'POST', '/api/v3/order', limitOrder())).statusCode).toBe(200);
  });

  it('answers 4001 after the order checks and before the balance check (-2010); region_blocked names no login', async () => {
    const h = await createHarness(backend, { geo: { overrides: { ...geo.overrides, '203.0.113.0/24': 'US' } } });
    const k = await keyHolder(h, 'cn-poor@example.com', {}, { USDT: '10' });
    await h.deps.db.updateTable('accounts').set({ kyc_country: 'CN' }).where('id', '=', k.accountId).execute();
    // 0.01 x 50000 = 500 USDT, far more than the 10 held.
    expect(json(await signed(h, k, 'POST', '/api/v3/order', limitOrder()))).toMatchObject({ code: -2010 });
    const cn = { ip: '198.51.100.9' };
    expect(json(await signed(h, k, 'POST', '/api/v3/order', limitOrder({ price: '50000.001' }), cn))).toMatchObject({ code: -1013 });
    for (const path of ['/api/v3/order', '/api/v3/order/test']) {
      const refused = await signed(h, k, 'POST', path, limitOrder(), cn);
      expect(refused.statusCode, path).toBe(403);
      expect(json(refused), path).toMatchObject({ code: 4001, reason: 'function_restricted', details: { function: 'trade' } });
    }
    // A US IP with CN KYC is denied outright: the message says the service, not login.
    const blocked = json(await signed(h, k, 'POST', '/api/v3/order', limitOrder(), { ip: '203.0.113.7' }));
    expect(blocked).toMatchObject({ code: 4001, reason: 'region_blocked', details: { function: 'trade', ipCountry: 'US' } });
    expect(blocked.msg).toBe("This service isn't available from your current region.");
    expect(messageFor('REGION_RESTRICTED', 'zh-CN', 'region_blocked')).not.toMatch(/登录/);
    expect((await balances(h, k)).USDT).toEqual({ free: '10.00000000', locked: '0.00000000' });
  });

  it('accepts exactly the orders the balance covers out of 100 concurrent ones, and locks exactly their sum', { timeout: 60_000 }, async () => {
    const h = await createHarness(backend, {
      signedApi: { ...DEFAULT_CONFIG.signedApi, limits: { requestWeightPerMinute: 100_000, ordersPer10Seconds: 1000, ordersPerDay: 100_000 } },
    });
    // Each order locks 0.001 x 50000 = 50 USDT; 500 USDT covers exactly 10.
    const k = await keyHolder(h, 'race@example.com', {}, { USDT: '500' });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signed(h, k, 'POST', '/api/v3/order', limitOrder({ quantity: '0.001', newClientOrderId: `race-${i}` }))),
    );
    const accepted = responses.filter((r) => r.statusCode === 200);
    const refused = responses.filter((r) => r.statusCode !== 200);
    expect(accepted).toHaveLength(10);
    expect(refused.every((r) => json(r).code === -2010)).toBe(true);
    expect(await balances(h, k)).toEqual({ USDT: { free: '0.00000000', locked: '500.00000000' } });
    const open = json(await signed(h, k, 'GET', '/api/v3/openOrders'));
    expect(open).toHaveLength(10);
    const rows = await h.deps.db.selectFrom('spot_orders').select(['locked_minor']).where('account_id', '=', k.accountId).where('status', '=', 'NEW').execute();
    expect(rows.reduce((sum, r) => sum + BigInt(r.locked_minor), 0n)).toBe(500n * 10n ** 8n);
  });
});
