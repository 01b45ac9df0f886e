/**
 * Compatibility: the `binance` npm package (a widely used Binance client), unchanged, pointed at a
 * real listening Gatehouse: market data, account, orders, and every signed-API error surfacing as
 * that library's error with Binance's code and message. The server runs on the real clock, since
 * the library stamps its requests with Date.now().
 */
import { generateKeyPairSync } from 'node:crypto';
import { MainClient } from 'binance';
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { ManualClock } from '../src/platform/clock.js';
import { parseAmount } from '../src/wallet/amounts.js';
import { creditBalance } from '../src/wallet/store.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, json, registerVerified, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';

/** The system clock, behind the ManualClock type the harness takes. */
class SystemClock extends ManualClock {
  override nowMs(): number {
    return Date.now();
  }
}

async function listen(h: Harness): Promise<string> {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** A verified account with TOTP, balances, and a key created over HTTP with a backup code. */
async function accountWithKey(h: Harness, email: string, key: { type: 'HMAC_SHA256' } | { type: 'ED25519'; publicKey: string }) {
  await registerVerified(h, email);
  const { token, backupCodes } = await enableTotp(h, email);
  const account = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  await creditBalance(h.deps.db, account.id, 'USDT', parseAmount('1000')!);
  await creditBalance(h.deps.db, account.id, 'ETH', parseAmount('2')!);
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/account/api-keys',
    headers: bearer(token),
    payload: { label: 'binance lib', permissions: ['READ', 'TRADE'], password: GOOD_PASSWORD, twoFactorCode: backupCodes[0], ...key },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  return json(created) as { apiKey: string; secretKey?: string };
}

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as { code: number; message: string; body: Record<string, unknown>; headers: Record<string, string> };
  }
  throw new Error('expected the call to fail');
};

describeEachBackend('the binance npm client against Gatehouse', (backend) => {
  it('places, queries and cancels orders, and reads time, exchangeInfo and the account (HMAC key)', { timeout: 60_000 }, async () => {
    const h = await createHarness(backend, {}, { clock: new SystemClock() });
    const baseUrl = await listen(h);
    const { apiKey, secretKey } = await accountWithKey(h, 'lib@example.com', { type: 'HMAC_SHA256' });
    const client = new MainClient({ api_key: apiKey, api_secret: secretKey!, baseUrl });

    expect(await client.testConnectivity()).toEqual({});
    // getServerTime() in binance@3 asks binance.com whatever baseUrl says; the generic GET goes to baseUrl.
    const time = (await client.get('api/v3/time')) as { serverTime: number };
    expect(Math.abs(time.serverTime - Date.now())).toBeLessThan(5000);
    const info = await client.getExchangeInfo();
    expect(info.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC']);
    const ethusdt = (await client.getExchangeInfo({ symbol: 'ETHUSDT' })).symbols[0]!;
    expect(ethusdt).toMatchObject({ baseAsset: 'ETH', quoteAsset: 'USDT', baseAssetPrecision: 6, quoteAssetPrecision: 8 });
    expect(ethusdt.filters.map((f) => f.filterType)).toEqual(['PRICE_FILTER', 'LOT_SIZE', 'NOTIONAL']);
    expect(await client.getSymbolPriceTicker({ symbol: 'BTCUSDT' })).toEqual({ symbol: 'BTCUSDT', price: '60000.00000000' });

    const before = await client.getAccountInformation();
    expect(before.balances).toEqual([
      { asset: 'ETH', free: '2.00000000', locked: '0.00000000' },
      { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
    ]);

    const placed = await client.submitNewOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 0.01, price: 50000 });
    expect(placed).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW', price: '50000.00000000', origQty: '0.01000000' });
    const orderId = (placed as { orderId: number }).orderId;
    expect(client.getRateLimitStates()['x-mbx-order-count-10s']).toBe(1);
    expect((await client.getAccountInformation()).balances[1]).toEqual({ asset: 'USDT', free: '500.00000000', locked: '500.00000000' });
    expect(await client.getOrder({ symbol: 'BTCUSDT', orderId })).toMatchObject({ orderId, status: 'NEW', isWorking: true });
    expect((await client.getOpenOrders({ symbol: 'BTCUSDT' })).map((o) => o.orderId)).toEqual([orderId]);
    expect(await client.testNewOrder({ symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: 1, price: 3000 })).toEqual({});
    expect(await client.cancelOrder({ symbol: 'BTCUSDT', orderId })).toMatchObject({ orderId, status: 'CANCELED' });
    expect((await client.getAccountInformation()).balances[1]).toEqual({ asset: 'USDT', free: '1000.00000000', locked: '0.00000000' });
    expect(client.getRateLimitStates()['x-mbx-used-weight-1m']).toBeGreaterThan(0);
  });

  it("surfaces each signed-API error as the library's error with Binance's code and msg", { timeout: 60_000 }, async () => {
    const h = await createHarness(
      backend,
      {
        signedApi: {
          ...DEFAULT_CONFIG.signedApi,
          limits: { ...DEFAULT_CONFIG.signedApi.limits, requestWeightPerMinute: 600 },
          bans: { ...DEFAULT_CONFIG.signedApi.bans, after429s: 2 },
        },
      },
      { clock: new SystemClock() },
    );
    const baseUrl = await listen(h);
    const { apiKey, secretKey } = await accountWithKey(h, 'errors@example.com', { type: 'HMAC_SHA256' });
    const client = new MainClient({ api_key: apiKey, api_secret: secretKey!, baseUrl });
    const order = { symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: 1, price: 3000 } as const;

    // Calls are made one at a time, each when its turn comes.
    const cases: Array<[() => Promise<unknown>, number, string]> = [
      [() => client.getExchangeInfo({ symbol: 'NOPE' }), -1121, 'Invalid symbol.'],
      [() => client.submitNewOrder({ ...order, symbol: 'DOGEUSDT' }), -1121, 'Invalid symbol.'],
      [() => client.submitNewOrder({ ...order, quantity: 0.1234567 }), -1111, "Parameter 'quantity' has too much precision."],
      [() => client.submitNewOrder({ ...order, price: 3000.001 }), -1013, 'Filter failure: PRICE_FILTER'],
      [() => client.submitNewOrder({ ...order, quantity: 0.00011 }), -1013, 'Filter failure: LOT_SIZE'],
      [() => client.submitNewOrder({ ...order, quantity: 0.001 }), -1013, 'Filter failure: NOTIONAL'],
      [() => client.submitNewOrder({ ...order, quantity: 3 }), -2010, 'Account has insufficient balance for requested action.'],
      [
        () => client.submitNewOrder({ symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', quantity: 1, price: 3000 } as never),
        -1102,
        "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
      ],
      [() => client.getOrder({ symbol: 'ETHUSDT', orderId: 999_999 }), -2013, 'Order does not exist.'],
      [() => client.cancelOrder({ symbol: 'ETHUSDT', orderId: 999_999 }), -2011, 'Unknown order sent.'],
      [
        () => new MainClient({ api_key: apiKey, api_secret: 'x'.repeat(64), baseUrl }).getAccountInformation(),
        -1022,
        'Signature for this request is not valid.',
      ],
      [() => new MainClient({ api_key: 'not-a-key', api_secret: secretKey!, baseUrl }).getAccountInformation(), -2014, 'API-key format invalid.'],
      [
        () => new MainClient({ api_key: 'B'.repeat(64), api_secret: secretKey!, baseUrl }).getAccountInformation(),
        -2015,
        'Invalid API-key, IP, or permissions for action.',
      ],
    ];
    const late = new MainClient({ api_key: apiKey, api_secret: secretKey!, baseUrl });
    late.setTimeOffset(-10_000);
    cases.push([() => late.getAccountInformation(), -1021, 'Timestamp for this request is outside of the recvWindow.']);
    const early = new MainClient({ api_key: apiKey, api_secret: secretKey!, baseUrl });
    early.setTimeOffset(3000);
    cases.push([() => early.getAccountInformation(), -1021, "Timestamp for this request was 1000ms ahead of the server's time."]);
    for (const [call, code, message] of cases) expect(await errorOf(call())).toMatchObject({ code, message });

    // Weight: 429 -1003, then (still going) the 418 ban; both readable from the library's error.
    let error = await errorOf(
      (async () => {
        for (let i = 0; i < 100; i++) await client.getExchangeInfo();
      })(),
    );
    expect(error).toMatchObject({ code: -1003, message: 'Too much request weight used; current limit is 600 request weight per 1 MINUTE.' });
    expect(error.headers['retry-after']).toMatch(/^\d+$/);
    await errorOf(client.testConnectivity());
    error = await errorOf(client.testConnectivity());
    expect(error).toMatchObject({ code: -1003, body: { reason: 'ip_banned' } });
    expect(error.message).toMatch(/^Way too much request weight used; IP banned until \d{13}\.$/);
  });

  it('signs with an Ed25519 key', { timeout: 60_000 }, async () => {
    const h = await createHarness(backend, {}, { clock: new SystemClock() });
    const baseUrl = await listen(h);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const { apiKey } = await accountWithKey(h, 'ed@example.com', { type: 'ED25519', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const client = new MainClient({ api_key: apiKey, api_secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), baseUrl });
    expect((await client.getAccountInformation()).balances).toHaveLength(2);
    const placed = await client.submitNewOrder({
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: 0.5,
      price: 3500,
      newOrderRespType: 'ACK',
    });
    expect(Object.keys(placed).sort()).toEqual(['clientOrderId', 'orderId', 'orderListId', 'symbol', 'transactTime']);
  });
});
