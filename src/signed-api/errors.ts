/** Signed-API errors whose Binance message carries a value (the parameter's name). */
import { AppError } from '../errors/app-error.js';

/** -1102 for a parameter that is missing, empty or malformed. */
export function mandatoryParam(name: string): AppError {
  return AppError.withoutStack('MANDATORY_PARAM_EMPTY_OR_MALFORMED', {
    msg: `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
    details: { param: name },
  });
}

/**
 * -1102 `not_required` for a parameter the order does not take (quoteOrderQty on a LIMIT order, or
 * beside a MARKET order's quantity), with the text of Binance's -1106, which this catalog maps onto
 * -1102: refusing it beats storing a value nothing checks.
 */
export function paramNotRequired(name: string): AppError {
  return AppError.withoutStack('MANDATORY_PARAM_EMPTY_OR_MALFORMED', {
    reason: 'not_required',
    msg: `Parameter '${name}' sent when not required.`,
    details: { param: name },
  });
}

/** -1102 when a request names an order neither way. */
export function orderRefMissing(): AppError {
  return new AppError('MANDATORY_PARAM_EMPTY_OR_MALFORMED', {
    msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
    details: { param: 'orderId' },
  });
}

/** -1111 for a value with more decimals than its asset allows. */
export function tooMuchPrecision(name: 'quantity' | 'price' | 'quoteOrderQty'): AppError {
  if (name === 'quoteOrderQty') return new AppError('BAD_PRECISION', { msg: "Parameter 'quoteOrderQty' has too much precision.", details: { param: name } });
  return new AppError('BAD_PRECISION', { reason: name, details: { param: name } });
}
