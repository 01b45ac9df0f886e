/**
 * A new order's parameters, checked in Binance's order: missing or malformed parameters (-1102),
 * the symbol (-1121), precision (-1111: more decimals than the asset allows), the symbol's filters
 * (-1013: PRICE_FILTER, LOT_SIZE, NOTIONAL), and what the order would lock. The balance check
 * (-2010) is the caller's, as one conditional UPDATE. All arithmetic is on bigint minor units.
 * Every amount a validated order carries is at most MAX_MINOR (the filters bound price, quantity
 * and a MARKET quoteOrderQty, and the configuration caps the filters there; the lock is the
 * caller's -2010), so it fits the order's bigint columns, exactly, as a JS number.
 */
import { AppError } from '../errors/app-error.js';
import { MAX_MINOR, UNIT, parseDecimal } from '../wallet/amounts.js';
import { mandatoryParam, paramNotRequired, tooMuchPrecision } from './errors.js';
import type { SymbolSpec, SymbolTable } from './symbols.js';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'MARKET';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type RespType = 'ACK' | 'RESULT' | 'FULL';

/** Binance's rule for client order ids. */
export const CLIENT_ORDER_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export interface ValidatedOrder {
  spec: SymbolSpec;
  side: Side;
  type: OrderType;
  /** null for MARKET orders. */
  timeInForce: TimeInForce | null;
  /** 0 for MARKET orders. */
  priceMinor: bigint;
  /** 0 when a MARKET order gives quoteOrderQty instead. */
  quantityMinor: bigint;
  quoteOrderQtyMinor: bigint;
  clientOrderId: string | null;
  respType: RespType;
  /** What the order needs free (and, if it rests, locks): the quote asset for BUY, the base for SELL. */
  lock: { asset: string; amountMinor: bigint };
  /** Only GTC limit orders rest on the book; with no matching, every other order expires at once. */
  rests: boolean;
}

function oneOf<T extends string>(params: Map<string, string>, name: string, allowed: readonly T[], fallback?: T): T {
  const value = params.get(name);
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined || !allowed.includes(value as T)) throw mandatoryParam(name);
  return value as T;
}

/** A decimal parameter: absent → undefined; present but not a plain decimal → -1102. */
function decimalParam(params: Map<string, string>, name: string) {
  const text = params.get(name);
  if (text === undefined) return undefined;
  const parsed = parseDecimal(text);
  if (!parsed) throw mandatoryParam(name);
  return parsed;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function filterFailure(reason: 'price_filter' | 'lot_size' | 'notional'): AppError {
  return new AppError('INVALID_MESSAGE', { reason, details: { filter: reason.toUpperCase() } });
}

function checkPriceFilter(spec: SymbolSpec, price: bigint): void {
  const off =
    price === 0n ||
    price > MAX_MINOR ||
    (spec.minPrice !== 0n && price < spec.minPrice) ||
    (spec.maxPrice !== 0n && price > spec.maxPrice) ||
    (spec.tickSize !== 0n && (price - spec.minPrice) % spec.tickSize !== 0n);
  if (off) throw filterFailure('price_filter');
}

function checkLotSize(spec: SymbolSpec, quantity: bigint): void {
  const off = quantity === 0n || quantity < spec.minQty || quantity > spec.maxQty || (quantity - spec.minQty) % spec.stepSize !== 0n;
  if (off) throw filterFailure('lot_size');
}

/** notional in 10^-16 units (price × quantity, both 10^-8), against the filter's 10^-8 bounds. */
function checkNotional(spec: SymbolSpec, notional16: bigint): void {
  const off =
    notional16 === 0n ||
    notional16 > MAX_MINOR * UNIT ||
    notional16 < spec.minNotional * UNIT ||
    (spec.maxNotional !== 0n && notional16 > spec.maxNotional * UNIT);
  if (off) throw filterFailure('notional');
}

export function validateNewOrder(table: SymbolTable, params: Map<string, string>): ValidatedOrder {
  // -1102: every parameter is present and well-formed before anything else is looked at.
  const symbolName = params.get('symbol');
  if (!symbolName) throw mandatoryParam('symbol');
  const side = oneOf(params, 'side', ['BUY', 'SELL'] as const);
  const type = oneOf(params, 'type', ['LIMIT', 'MARKET'] as const);
  let timeInForce: TimeInForce | null = null;
  let price: ReturnType<typeof decimalParam>;
  let quoteOrderQty: ReturnType<typeof decimalParam>;
  const quantity = decimalParam(params, 'quantity');
  if (type === 'LIMIT') {
    timeInForce = oneOf(params, 'timeInForce', ['GTC', 'IOC', 'FOK'] as const);
    if (!quantity) throw mandatoryParam('quantity');
    price = decimalParam(params, 'price');
    if (!price) throw mandatoryParam('price');
    // A LIMIT order is sized by price x quantity: a quoteOrderQty would be stored and shown
    // unchecked (no filter bounds it), so it is refused, whatever its value.
    if (params.has('quoteOrderQty')) throw paramNotRequired('quoteOrderQty');
  } else {
    quoteOrderQty = decimalParam(params, 'quoteOrderQty');
    if (!quantity && !quoteOrderQty) throw mandatoryParam('quantity');
    if (quantity && quoteOrderQty) throw paramNotRequired('quoteOrderQty');
  }
  const clientOrderId = params.get('newClientOrderId') ?? null;
  if (clientOrderId !== null && !CLIENT_ORDER_ID_PATTERN.test(clientOrderId)) throw mandatoryParam('newClientOrderId');
  const respType = oneOf(params, 'newOrderRespType', ['ACK', 'RESULT', 'FULL'] as const, 'FULL');

  // -1121
  const spec = table.get(symbolName);
  if (!spec) throw new AppError('BAD_SYMBOL');

  // -1111: more decimals than the asset's precision, before any filter.
  if (price && (price.minor === null || price.decimals > spec.quoteAssetPrecision)) throw tooMuchPrecision('price');
  if (quantity && (quantity.minor === null || quantity.decimals > spec.baseAssetPrecision)) throw tooMuchPrecision('quantity');
  if (quoteOrderQty && (quoteOrderQty.minor === null || quoteOrderQty.decimals > spec.quoteAssetPrecision)) throw tooMuchPrecision('quoteOrderQty');

  // -1013, in Binance's filter order.
  const priceMinor = price?.minor ?? 0n;
  const quantityMinor = quantity?.minor ?? 0n;
  const quoteOrderQtyMinor = quoteOrderQty?.minor ?? 0n;
  if (type === 'LIMIT') checkPriceFilter(spec, priceMinor);
  if (quantity) checkLotSize(spec, quantityMinor);
  const unitPrice = type === 'LIMIT' ? priceMinor : spec.referencePrice;
  const notional16 = quantity ? unitPrice * quantityMinor : quoteOrderQtyMinor * UNIT;
  checkNotional(spec, notional16);

  // Funds: a BUY needs the quote amount (rounded up to the minor unit), a SELL the base amount.
  let lock: ValidatedOrder['lock'];
  if (side === 'BUY') lock = { asset: spec.quoteAsset, amountMinor: quantity ? ceilDiv(notional16, UNIT) : quoteOrderQtyMinor };
  else lock = { asset: spec.baseAsset, amountMinor: quantity ? quantityMinor : ceilDiv(quoteOrderQtyMinor * UNIT, spec.referencePrice) };

  return {
    spec,
    side,
    type,
    timeInForce,
    priceMinor,
    quantityMinor,
    quoteOrderQtyMinor,
    clientOrderId,
    respType,
    lock,
    rests: type === 'LIMIT' && timeInForce === 'GTC',
  };
}
