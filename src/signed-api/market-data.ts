/**
 * Public market data: exchangeInfo (symbols with precisions, filters and the rate limits) and the
 * configured reference prices. Answers are built once per symbol and reused.
 */
import { AppError } from '../errors/app-error.js';
import { formatFixed } from '../wallet/amounts.js';
import type { SignedApiConfig } from './config-schema.js';
import { mandatoryParam } from './errors.js';
import type { SymbolSpec, SymbolTable } from './symbols.js';

function symbolInfo(s: SymbolSpec) {
  return {
    symbol: s.symbol,
    status: 'TRADING',
    baseAsset: s.baseAsset,
    baseAssetPrecision: s.baseAssetPrecision,
    quoteAsset: s.quoteAsset,
    quotePrecision: s.quoteAssetPrecision,
    quoteAssetPrecision: s.quoteAssetPrecision,
    baseCommissionPrecision: s.baseAssetPrecision,
    quoteCommissionPrecision: s.quoteAssetPrecision,
    orderTypes: ['LIMIT', 'MARKET'],
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: formatFixed(s.minPrice), maxPrice: formatFixed(s.maxPrice), tickSize: formatFixed(s.tickSize) },
      { filterType: 'LOT_SIZE', minQty: formatFixed(s.minQty), maxQty: formatFixed(s.maxQty), stepSize: formatFixed(s.stepSize) },
      {
        filterType: 'NOTIONAL',
        minNotional: formatFixed(s.minNotional),
        applyMinToMarket: true,
        maxNotional: formatFixed(s.maxNotional),
        applyMaxToMarket: true,
        avgPriceMins: 0,
      },
    ],
    permissions: [] as string[],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
}

export type SymbolInfo = ReturnType<typeof symbolInfo>;

/**
 * Which symbols a market-data request asks for: `symbol=BTCUSDT`, `symbols=["BTCUSDT","ETHBTC"]`
 * (JSON, as Binance takes it), or all. An unlisted symbol answers -1121.
 */
export function selectSymbols(table: SymbolTable, params: Map<string, string>): SymbolSpec[] {
  const one = params.get('symbol');
  if (one !== undefined) {
    const spec = table.get(one);
    if (!spec) throw new AppError('BAD_SYMBOL');
    return [spec];
  }
  const many = params.get('symbols');
  if (many === undefined) return table.list;
  let names: unknown;
  try {
    names = JSON.parse(many);
  } catch {
    throw mandatoryParam('symbols');
  }
  if (!Array.isArray(names) || names.length === 0 || names.length > 1000 || !names.every((n) => typeof n === 'string')) throw mandatoryParam('symbols');
  return [...new Set(names as string[])].map((name) => {
    const spec = table.get(name);
    if (!spec) throw new AppError('BAD_SYMBOL');
    return spec;
  });
}

export function createMarketData(config: SignedApiConfig, table: SymbolTable) {
  const infos = new Map(table.list.map((s) => [s.symbol, symbolInfo(s)]));
  const rateLimits = [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: config.limits.requestWeightPerMinute },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: config.limits.ordersPer10Seconds },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: config.limits.ordersPerDay },
  ];
  return {
    exchangeInfo(params: Map<string, string>, serverTimeMs: number) {
      return {
        timezone: 'UTC',
        serverTime: serverTimeMs,
        rateLimits,
        exchangeFilters: [] as unknown[],
        symbols: selectSymbols(table, params).map((s) => infos.get(s.symbol)!),
      };
    },
    /** `symbol` → one price; otherwise a list. */
    tickerPrice(params: Map<string, string>) {
      const prices = selectSymbols(table, params).map((s) => ({ symbol: s.symbol, price: formatFixed(s.referencePrice) }));
      return params.has('symbol') ? prices[0]! : prices;
    },
  };
}

export type MarketData = ReturnType<typeof createMarketData>;
