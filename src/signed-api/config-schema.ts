/**
 * The `signedApi` configuration section: listed symbols with their precisions, filters and the
 * reference price, the request-weight and order limits, the ban ladder and the key limit. Decimal
 * values are strings (never floats); checkSignedApiConfig adds the rules a schema cannot state.
 */
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { MAX_MINOR, parseDecimal } from '../wallet/amounts.js';

const Strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });
const Decimal = Type.String({ pattern: '^[0-9]{1,8}(\\.[0-9]{1,8})?$', description: 'decimal string, at most 8 decimals' });
const Asset = Type.String({ pattern: '^[A-Z0-9]{2,10}$' });

export const SymbolConfigSchema = Strict({
  symbol: Type.String({ pattern: '^[A-Z0-9]{2,20}$' }),
  baseAsset: Asset,
  quoteAsset: Asset,
  /** Decimals a quantity may have (-1111 beyond). */
  baseAssetPrecision: Type.Integer({ minimum: 0, maximum: 8 }),
  /** Decimals a price or quote quantity may have (-1111 beyond). */
  quoteAssetPrecision: Type.Integer({ minimum: 0, maximum: 8 }),
  /** The price MARKET orders are checked and funded at, and GET /api/v3/ticker/price answers. */
  referencePrice: Decimal,
  /** "0" turns a rule off, as on Binance. */
  priceFilter: Strict({ minPrice: Decimal, maxPrice: Decimal, tickSize: Decimal }),
  lotSize: Strict({ minQty: Decimal, maxQty: Decimal, stepSize: Decimal }),
  notional: Strict({ minNotional: Decimal, maxNotional: Decimal }),
});

export const SignedApiConfigSchema = Strict({
  symbols: Type.Array(SymbolConfigSchema, { maxItems: 1000 }),
  limits: Strict({
    /** REQUEST_WEIGHT per client IP per minute. */
    requestWeightPerMinute: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    /** New orders per account per 10 seconds. */
    ordersPer10Seconds: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    /** New orders per account per day. */
    ordersPerDay: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  }),
  /** HTTP 418 bans for clients that keep sending after 429s. */
  bans: Strict({
    /** 429 answers within windowSeconds that start a ban. */
    after429s: Type.Integer({ minimum: 1, maximum: 10_000 }),
    windowSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
    /** The first ban; each further ban within memorySeconds doubles it, up to maxBanSeconds. */
    firstBanSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
    maxBanSeconds: Type.Integer({ minimum: 1, maximum: 30 * 86_400 }),
    memorySeconds: Type.Integer({ minimum: 60, maximum: 365 * 86_400 }),
    /** Requests during a ban that move it up one step (from then on). */
    requestsPerEscalation: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  }),
  maxKeysPerAccount: Type.Integer({ minimum: 1, maximum: 1000 }),
});

export type SymbolConfig = Static<typeof SymbolConfigSchema>;
export type SignedApiConfig = Static<typeof SignedApiConfigSchema>;

const filters = (tickSize: string, minPrice: string, maxPrice: string, stepSize: string, minQty: string, maxQty: string) => ({
  priceFilter: { minPrice, maxPrice, tickSize },
  lotSize: { minQty, maxQty, stepSize },
});

export const DEFAULT_SIGNED_API: SignedApiConfig = {
  symbols: [
    {
      symbol: 'BTCUSDT',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      baseAssetPrecision: 8,
      quoteAssetPrecision: 8,
      referencePrice: '60000',
      ...filters('0.01', '0.01', '1000000', '0.00001', '0.00001', '9000'),
      notional: { minNotional: '5', maxNotional: '9000000' },
    },
    {
      symbol: 'ETHUSDT',
      baseAsset: 'ETH',
      quoteAsset: 'USDT',
      baseAssetPrecision: 6,
      quoteAssetPrecision: 8,
      referencePrice: '3000',
      ...filters('0.01', '0.01', '1000000', '0.0001', '0.0001', '9000'),
      notional: { minNotional: '5', maxNotional: '9000000' },
    },
    {
      symbol: 'ETHBTC',
      baseAsset: 'ETH',
      quoteAsset: 'BTC',
      baseAssetPrecision: 6,
      quoteAssetPrecision: 8,
      referencePrice: '0.05',
      ...filters('0.00001', '0.00001', '1000', '0.0001', '0.0001', '100000'),
      notional: { minNotional: '0.0001', maxNotional: '9000000' },
    },
  ],
  limits: { requestWeightPerMinute: 6000, ordersPer10Seconds: 50, ordersPerDay: 160_000 },
  bans: { after429s: 10, windowSeconds: 60, firstBanSeconds: 120, maxBanSeconds: 3 * 86_400, memorySeconds: 7 * 86_400, requestsPerEscalation: 50 },
  maxKeysPerAccount: 30,
};

function decimalsOf(text: string): number {
  return parseDecimal(text)!.decimals;
}

/** Rules across fields; returns the first problem (the field's path and what is wrong), or null. */
export function checkSignedApiConfig(config: SignedApiConfig): { field: string; problem: string } | null {
  const fail = (field: string, problem: string) => ({ field, problem });
  const seen = new Set<string>();
  for (const [i, s] of config.symbols.entries()) {
    const at = `signedApi.symbols.${i}`;
    if (seen.has(s.symbol)) return fail(`${at}.symbol`, `"${s.symbol}" is listed twice`);
    seen.add(s.symbol);
    if (s.baseAsset === s.quoteAsset) return fail(`${at}.quoteAsset`, 'must differ from baseAsset');
    const value = (text: string) => parseDecimal(text)!.minor!;
    for (const [field, text] of Object.entries({ ...s.priceFilter, ...s.lotSize, ...s.notional, referencePrice: s.referencePrice })) {
      if (value(text) > MAX_MINOR) return fail(`${at}.${field}`, 'must be at most 10000000');
    }
    const { minPrice, maxPrice, tickSize } = s.priceFilter;
    const { minQty, maxQty, stepSize } = s.lotSize;
    for (const [field, text] of [
      ['priceFilter.minPrice', minPrice],
      ['priceFilter.maxPrice', maxPrice],
      ['priceFilter.tickSize', tickSize],
      ['referencePrice', s.referencePrice],
    ] as const) {
      if (decimalsOf(text) > s.quoteAssetPrecision) return fail(`${at}.${field}`, `more decimals than quoteAssetPrecision (${s.quoteAssetPrecision})`);
    }
    for (const [field, text] of [
      ['lotSize.minQty', minQty],
      ['lotSize.maxQty', maxQty],
      ['lotSize.stepSize', stepSize],
    ] as const) {
      if (decimalsOf(text) > s.baseAssetPrecision) return fail(`${at}.${field}`, `more decimals than baseAssetPrecision (${s.baseAssetPrecision})`);
    }
    if (value(maxPrice) !== 0n && value(minPrice) > value(maxPrice)) return fail(`${at}.priceFilter.minPrice`, 'must not exceed maxPrice');
    if (value(maxQty) !== 0n && value(minQty) > value(maxQty)) return fail(`${at}.lotSize.minQty`, 'must not exceed maxQty');
    if (value(stepSize) === 0n) return fail(`${at}.lotSize.stepSize`, 'must be above 0');
    if (value(maxQty) === 0n) return fail(`${at}.lotSize.maxQty`, 'must be above 0');
    const { minNotional, maxNotional } = s.notional;
    if (value(maxNotional) !== 0n && value(minNotional) > value(maxNotional)) return fail(`${at}.notional.minNotional`, 'must not exceed maxNotional');
    if (value(s.referencePrice) === 0n) return fail(`${at}.referencePrice`, 'must be above 0');
  }
  if (config.bans.firstBanSeconds > config.bans.maxBanSeconds) return fail('signedApi.bans.firstBanSeconds', 'must not exceed maxBanSeconds');
  return null;
}
