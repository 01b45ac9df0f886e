/**
 * Orders of the signed API: place (or test), query, cancel, list open; and the account view.
 *
 * Invariants: an accepted GTC limit order and the lock of its funds are one transaction whose lock
 * is one conditional UPDATE (available → locked), so concurrent orders never lock more than the
 * balance; a cancel is one conditional UPDATE of the order (NEW → CANCELED) and the unlock, in one
 * transaction, so an order is unlocked once. No matching engine: GTC limit orders rest as NEW
 * until cancelled; MARKET, IOC and FOK orders would meet an empty book and expire at once, as on an
 * exchange without liquidity, after the same checks (-2010 included). Client order ids are unique
 * per account.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import { requireFunctionAllowed } from '../region/service.js';
import { MAX_MINOR, formatFixed } from '../wallet/amounts.js';
import { hasAvailable, lockFunds, readBalances, unlockFunds } from '../wallet/store.js';
import type { SignedCaller } from './authenticate.js';
import { mandatoryParam, orderRefMissing } from './errors.js';
import { randomAlphanumeric } from './key-material.js';
import { CLIENT_ORDER_ID_PATTERN, validateNewOrder } from './order-validation.js';
import { cancelOrderView, newOrderView, queryOrderView } from './order-views.js';
import { cancelOpenOrder, findOrder, insertOrder, listOpenOrders, type OrderRef } from './store.js';
import type { SymbolTable } from './symbols.js';

type OrderDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'geo' | 'region'>;

/** A client order id when the client sends none (Binance's are 22 random characters too). */
function generatedClientOrderId(deps: Pick<Deps, 'random'>): string {
  return randomAlphanumeric(deps.random, 22);
}

/** The symbol a query or cancel names (-1102 missing, -1121 not listed). */
function listedSymbol(table: SymbolTable, params: Map<string, string>): string {
  const symbol = params.get('symbol');
  if (!symbol) throw mandatoryParam('symbol');
  if (!table.get(symbol)) throw new AppError('BAD_SYMBOL');
  return symbol;
}

/** The order a query or cancel names: by orderId, by origClientOrderId, or by both (it must match both). */
function orderRefOf(params: Map<string, string>): OrderRef {
  const orderId = params.get('orderId');
  const clientOrderId = params.get('origClientOrderId');
  if (orderId !== undefined && !/^\d{1,15}$/.test(orderId)) throw mandatoryParam('orderId');
  if (clientOrderId !== undefined && !CLIENT_ORDER_ID_PATTERN.test(clientOrderId)) throw mandatoryParam('origClientOrderId');
  if (orderId !== undefined) return clientOrderId === undefined ? { orderId: Number(orderId) } : { orderId: Number(orderId), clientOrderId };
  if (clientOrderId !== undefined) return { clientOrderId };
  throw orderRefMissing();
}

export function createOrderService(deps: OrderDeps, table: SymbolTable) {
  return {
    /** POST /api/v3/order (test: /api/v3/order/test, which checks everything and changes nothing). */
    async placeOrder(caller: SignedCaller, ip: string, options: { test: boolean }) {
      const order = validateNewOrder(table, caller.params);
      // 4001 after the request's own checks but before the balance: a restricted caller learns it
      // cannot trade from here rather than topping up for an order it could not place anyway.
      await requireFunctionAllowed(deps, { kyc_country: caller.kycCountry }, ip, 'trade');
      // More than any balance can hold (amounts are capped at MAX_MINOR): refused like any shortfall.
      if (order.lock.amountMinor > MAX_MINOR) throw new AppError('NEW_ORDER_REJECTED');
      if (options.test) {
        if (!(await hasAvailable(deps.db, caller.accountId, order.lock.asset, order.lock.amountMinor))) throw new AppError('NEW_ORDER_REJECTED');
        return {};
      }
      const now = deps.clock.nowMs();
      const row = {
        account_id: caller.accountId,
        api_key_id: caller.keyId,
        symbol: order.spec.symbol,
        side: order.side,
        type: order.type,
        time_in_force: order.timeInForce,
        price_minor: Number(order.priceMinor),
        orig_qty_minor: Number(order.quantityMinor),
        orig_quote_qty_minor: Number(order.quoteOrderQtyMinor),
        status: order.rests ? 'NEW' : 'EXPIRED',
        client_order_id: order.clientOrderId ?? generatedClientOrderId(deps),
        locked_asset: order.lock.asset,
        locked_minor: order.rests ? Number(order.lock.amountMinor) : 0,
        created_at: now,
        updated_at: now,
      };
      let id: number;
      if (order.rests) {
        id = await deps.db.transaction().execute(async (trx) => {
          const inserted = await insertOrder(trx, row);
          if (inserted === null) throw new AppError('NEW_ORDER_REJECTED', { reason: 'duplicate_order' });
          if (!(await lockFunds(trx, caller.accountId, order.lock.asset, order.lock.amountMinor))) throw new AppError('NEW_ORDER_REJECTED');
          return inserted;
        });
      } else {
        // Nothing is locked: the order ends at once. It is still refused if the funds are not there.
        if (!(await hasAvailable(deps.db, caller.accountId, order.lock.asset, order.lock.amountMinor))) throw new AppError('NEW_ORDER_REJECTED');
        const inserted = await insertOrder(deps.db, row);
        if (inserted === null) throw new AppError('NEW_ORDER_REJECTED', { reason: 'duplicate_order' });
        id = inserted;
      }
      return newOrderView({ ...row, id }, order.respType);
    },

    /** GET /api/v3/order */
    async queryOrder(caller: SignedCaller) {
      const symbol = listedSymbol(table, caller.params);
      const order = await findOrder(deps.db, caller.accountId, symbol, orderRefOf(caller.params));
      if (!order) throw new AppError('NO_SUCH_ORDER');
      return queryOrderView(order);
    },

    /** DELETE /api/v3/order: cancels an open order and gives its funds back. */
    async cancelOrder(caller: SignedCaller) {
      const symbol = listedSymbol(table, caller.params);
      const ref = orderRefOf(caller.params);
      const cancelId = caller.params.get('newClientOrderId');
      if (cancelId !== undefined && !CLIENT_ORDER_ID_PATTERN.test(cancelId)) throw mandatoryParam('newClientOrderId');
      const cancelled = await deps.db.transaction().execute(async (trx) => {
        const order = await cancelOpenOrder(trx, caller.accountId, symbol, ref, deps.clock.nowMs());
        if (!order) return null;
        if (!(await unlockFunds(trx, caller.accountId, order.locked_asset, BigInt(order.locked_minor)))) {
          throw new Error(`order ${order.id}: locked funds missing from the balance`);
        }
        return order;
      });
      if (!cancelled) throw new AppError('CANCEL_REJECTED');
      return cancelOrderView(cancelled, cancelId ?? generatedClientOrderId(deps));
    },

    /** GET /api/v3/openOrders: of one symbol, or of all. */
    async openOrders(caller: SignedCaller) {
      const symbol = caller.params.has('symbol') ? listedSymbol(table, caller.params) : null;
      return (await listOpenOrders(deps.db, caller.accountId, symbol)).map(queryOrderView);
    },

    /** GET /api/v3/account: balances from the wallet, free and locked. */
    async account(caller: SignedCaller) {
      const balances = caller.balances ?? (await readBalances(deps.db, caller.accountId));
      return {
        makerCommission: 0,
        takerCommission: 0,
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker: formatFixed(0n), taker: formatFixed(0n), buyer: formatFixed(0n), seller: formatFixed(0n) },
        canTrade: caller.permissions.has('TRADE'),
        canWithdraw: false,
        canDeposit: false,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: 0,
        accountType: 'SPOT',
        balances: balances.map((b) => ({ asset: b.asset, free: formatFixed(b.available_minor), locked: formatFixed(b.locked_minor) })),
        permissions: ['SPOT'],
      };
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
