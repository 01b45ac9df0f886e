/** The listed symbols, parsed once from the configuration into exact minor units (10^-8). */
import { parseDecimal } from '../wallet/amounts.js';
import type { SignedApiConfig, SymbolConfig } from './config-schema.js';

export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  baseAssetPrecision: number;
  quoteAssetPrecision: number;
  referencePrice: bigint;
  minPrice: bigint;
  maxPrice: bigint;
  tickSize: bigint;
  minQty: bigint;
  maxQty: bigint;
  stepSize: bigint;
  minNotional: bigint;
  maxNotional: bigint;
}

const minor = (text: string): bigint => parseDecimal(text)!.minor!;

function toSpec(s: SymbolConfig): SymbolSpec {
  return {
    symbol: s.symbol,
    baseAsset: s.baseAsset,
    quoteAsset: s.quoteAsset,
    baseAssetPrecision: s.baseAssetPrecision,
    quoteAssetPrecision: s.quoteAssetPrecision,
    referencePrice: minor(s.referencePrice),
    minPrice: minor(s.priceFilter.minPrice),
    maxPrice: minor(s.priceFilter.maxPrice),
    tickSize: minor(s.priceFilter.tickSize),
    minQty: minor(s.lotSize.minQty),
    maxQty: minor(s.lotSize.maxQty),
    stepSize: minor(s.lotSize.stepSize),
    minNotional: minor(s.notional.minNotional),
    maxNotional: minor(s.notional.maxNotional),
  };
}

export interface SymbolTable {
  list: SymbolSpec[];
  get(symbol: string): SymbolSpec | undefined;
}

export function buildSymbolTable(config: SignedApiConfig): SymbolTable {
  const list = config.symbols.map(toSpec);
  const bySymbol = new Map(list.map((s) => [s.symbol, s]));
  return { list, get: (symbol) => bySymbol.get(symbol) };
}
