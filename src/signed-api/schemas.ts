/** Response schemas of /api/v3 (Binance's shapes); amounts are fixed 8-decimal strings. */
import { Type } from '@sinclair/typebox';

const Amount = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{8}$' });
const Int = Type.Integer();

export const EmptySchema = Type.Object({});
export const ServerTimeSchema = Type.Object({ serverTime: Int });

/** One schema for the three filter kinds: each filter carries only its own fields. */
const FilterSchema = Type.Object({
  filterType: Type.String(),
  minPrice: Type.Optional(Amount),
  maxPrice: Type.Optional(Amount),
  tickSize: Type.Optional(Amount),
  minQty: Type.Optional(Amount),
  maxQty: Type.Optional(Amount),
  stepSize: Type.Optional(Amount),
  minNotional: Type.Optional(Amount),
  applyMinToMarket: Type.Optional(Type.Boolean()),
  maxNotional: Type.Optional(Amount),
  applyMaxToMarket: Type.Optional(Type.Boolean()),
  avgPriceMins: Type.Optional(Int),
});

const SymbolInfoSchema = Type.Object({
  symbol: Type.String(),
  status: Type.String(),
  baseAsset: Type.String(),
  baseAssetPrecision: Int,
  quoteAsset: Type.String(),
  quotePrecision: Int,
  quoteAssetPrecision: Int,
  baseCommissionPrecision: Int,
  quoteCommissionPrecision: Int,
  orderTypes: Type.Array(Type.String()),
  icebergAllowed: Type.Boolean(),
  ocoAllowed: Type.Boolean(),
  otoAllowed: Type.Boolean(),
  quoteOrderQtyMarketAllowed: Type.Boolean(),
  allowTrailingStop: Type.Boolean(),
  cancelReplaceAllowed: Type.Boolean(),
  isSpotTradingAllowed: Type.Boolean(),
  isMarginTradingAllowed: Type.Boolean(),
  filters: Type.Array(FilterSchema),
  permissions: Type.Array(Type.String()),
  permissionSets: Type.Array(Type.Array(Type.String())),
  defaultSelfTradePreventionMode: Type.String(),
  allowedSelfTradePreventionModes: Type.Array(Type.String()),
});

export const ExchangeInfoSchema = Type.Object({
  timezone: Type.String(),
  serverTime: Int,
  rateLimits: Type.Array(Type.Object({ rateLimitType: Type.String(), interval: Type.String(), intervalNum: Int, limit: Int })),
  exchangeFilters: Type.Array(Type.Unknown()),
  symbols: Type.Array(SymbolInfoSchema),
});

const PriceSchema = Type.Object({ symbol: Type.String(), price: Amount });
export const TickerPriceSchema = Type.Union([PriceSchema, Type.Array(PriceSchema)]);

export const AccountSchema = Type.Object({
  makerCommission: Int,
  takerCommission: Int,
  buyerCommission: Int,
  sellerCommission: Int,
  commissionRates: Type.Object({ maker: Amount, taker: Amount, buyer: Amount, seller: Amount }),
  canTrade: Type.Boolean(),
  canWithdraw: Type.Boolean(),
  canDeposit: Type.Boolean(),
  brokered: Type.Boolean(),
  requireSelfTradePrevention: Type.Boolean(),
  preventSor: Type.Boolean(),
  updateTime: Int,
  accountType: Type.String(),
  balances: Type.Array(Type.Object({ asset: Type.String(), free: Amount, locked: Amount })),
  permissions: Type.Array(Type.String()),
});

const orderFields = {
  price: Amount,
  origQty: Amount,
  executedQty: Amount,
  origQuoteOrderQty: Amount,
  cummulativeQuoteQty: Amount,
  status: Type.String(),
  timeInForce: Type.String(),
  type: Type.String(),
  side: Type.String(),
  selfTradePreventionMode: Type.String(),
};

/** ACK has the first five fields; RESULT adds the order's state; FULL adds fills. */
export const NewOrderSchema = Type.Object({
  symbol: Type.String(),
  orderId: Int,
  orderListId: Int,
  clientOrderId: Type.String(),
  transactTime: Int,
  ...Object.fromEntries(Object.entries(orderFields).map(([k, v]) => [k, Type.Optional(v)])),
  workingTime: Type.Optional(Int),
  fills: Type.Optional(Type.Array(Type.Unknown())),
});

export const QueryOrderSchema = Type.Object({
  symbol: Type.String(),
  orderId: Int,
  orderListId: Int,
  clientOrderId: Type.String(),
  ...orderFields,
  stopPrice: Amount,
  icebergQty: Amount,
  time: Int,
  updateTime: Int,
  isWorking: Type.Boolean(),
  workingTime: Int,
});

export const CancelOrderSchema = Type.Object({
  symbol: Type.String(),
  origClientOrderId: Type.String(),
  orderId: Int,
  orderListId: Int,
  clientOrderId: Type.String(),
  transactTime: Int,
  ...orderFields,
});
