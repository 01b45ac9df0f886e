/** Binance's response shapes for orders (amounts as fixed 8-decimal strings). */
import { formatFixed } from '../wallet/amounts.js';
import type { RespType } from './order-validation.js';
import type { OrderRow } from './store.js';

const ZERO = formatFixed(0n);

function common(row: OrderRow) {
  return {
    price: formatFixed(row.price_minor),
    origQty: formatFixed(row.orig_qty_minor),
    executedQty: ZERO,
    origQuoteOrderQty: formatFixed(row.orig_quote_qty_minor),
    cummulativeQuoteQty: ZERO,
    status: row.status,
    // Binance shows GTC on MARKET orders too.
    timeInForce: row.time_in_force ?? 'GTC',
    type: row.type,
    side: row.side,
  };
}

/** POST /api/v3/order, in the shape newOrderRespType asks for. */
export function newOrderView(row: OrderRow, respType: RespType) {
  const ack = { symbol: row.symbol, orderId: Number(row.id), orderListId: -1, clientOrderId: row.client_order_id, transactTime: row.created_at };
  if (respType === 'ACK') return ack;
  const result = { ...ack, ...common(row), workingTime: row.status === 'NEW' ? row.created_at : -1, selfTradePreventionMode: 'NONE' };
  // No matching engine: nothing ever fills.
  return respType === 'FULL' ? { ...result, fills: [] as unknown[] } : result;
}

/** GET /api/v3/order and each item of GET /api/v3/openOrders. */
export function queryOrderView(row: OrderRow) {
  return {
    symbol: row.symbol,
    orderId: Number(row.id),
    orderListId: -1,
    clientOrderId: row.client_order_id,
    ...common(row),
    stopPrice: ZERO,
    icebergQty: ZERO,
    time: row.created_at,
    updateTime: row.updated_at,
    isWorking: row.status === 'NEW',
    workingTime: row.status === 'NEW' || row.status === 'CANCELED' ? row.created_at : -1,
    selfTradePreventionMode: 'NONE',
  };
}

/** DELETE /api/v3/order. */
export function cancelOrderView(row: OrderRow, cancelClientOrderId: string) {
  return {
    symbol: row.symbol,
    origClientOrderId: row.client_order_id,
    orderId: Number(row.id),
    orderListId: -1,
    clientOrderId: cancelClientOrderId,
    transactTime: row.updated_at,
    ...common(row),
    selfTradePreventionMode: 'NONE',
  };
}
