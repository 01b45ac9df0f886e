/**
 * Signed-API order codes of the error catalog (keys and auth in catalog-signed-api.ts): Binance-compatible codes with
 * Binance's English messages, so existing client libraries see what they expect. Keys that would
 * clash with an app key carry a `SAPI_` prefix; the other keys are Binance's own names.
 *
 * Messages that Binance fills with values ("Parameter '%s' ...") are written here without the
 * value; the emitter passes the filled-in text as `msg` (AppErrorOptions.msg). Where Binance has
 * fixed variants of one code, they are reasons (e.g. -1013 `price_filter`).
 *
 * 1100 maintenance is also answered on this surface; it is the app entry SYSTEM_MAINTENANCE.
 * HTTP 418 (IP ban) is -1003 with status 418, not a separate entry.
 */
import { t, type CatalogEntry } from './catalog-types.js';

export const SIGNED_API_ORDER_CATALOG = {
  INVALID_MESSAGE: {
    code: -1013,
    name: 'INVALID_MESSAGE',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Filter failure.', '过滤器校验失败。'),
    title: t('Filter failure', '过滤器校验失败'),
    meaning: t(
      "The order's price, quantity or notional value breaks a symbol filter from exchangeInfo: PRICE_FILTER (price range and tick size), LOT_SIZE (quantity range and step size) or NOTIONAL (price x quantity range).",
      '订单的价格、数量或名义价值不符合 exchangeInfo 中该交易对的过滤器：PRICE_FILTER（价格范围和最小变动价位）、LOT_SIZE（数量范围和步长）或 NOTIONAL（价格 × 数量的范围）。',
    ),
    solution: t(
      'Round price and quantity to the tick and step sizes and keep them within the filter limits.',
      '请将价格和数量按最小变动价位和步长取整，并保持在过滤器限制范围内。',
    ),
    steps: [
      t('Read the symbol filters from GET /api/v3/exchangeInfo.', '通过 GET /api/v3/exchangeInfo 获取交易对的过滤器。'),
      t(
        'Round the price to tickSize and the quantity to stepSize, within min and max.',
        '将价格按 tickSize、数量按 stepSize 取整，并保持在最小值和最大值之间。',
      ),
      t('Check that price x quantity is within the NOTIONAL limits.', '确认价格 × 数量在 NOTIONAL 限制范围内。'),
    ],
    faq: [
      {
        q: t('How is this different from -1111?', '这与 -1111 有什么区别？'),
        a: t(
          'A value with more decimals than the asset precision allows is -1111; a value within precision but off the grid or out of range is -1013.',
          '小数位数超过资产精度的为 -1111；在精度范围内但不符合步长或超出范围的为 -1013。',
        ),
      },
    ],
    reasons: {
      price_filter: t('Filter failure: PRICE_FILTER', '过滤器校验失败：PRICE_FILTER'),
      lot_size: t('Filter failure: LOT_SIZE', '过滤器校验失败：LOT_SIZE'),
      notional: t('Filter failure: NOTIONAL', '过滤器校验失败：NOTIONAL'),
    },
  },

  MANDATORY_PARAM_EMPTY_OR_MALFORMED: {
    code: -1102,
    name: 'MANDATORY_PARAM_EMPTY_OR_MALFORMED',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('A mandatory parameter was not sent, was empty/null, or malformed.', '必填参数未发送、为空或格式错误。'),
    title: t('Missing or malformed parameter', '参数缺失或格式错误'),
    meaning: t(
      'A parameter this endpoint requires (for example symbol, side, type, quantity or price for a LIMIT order) is missing, empty or not in the expected format; or, with reason not_required, a parameter was sent that the order does not take (quoteOrderQty on a LIMIT order, or both quantity and quoteOrderQty on a MARKET order).',
      '该接口要求的参数（例如限价单的 symbol、side、type、quantity 或 price）缺失、为空或格式不正确；或者（原因 not_required）发送了该订单不接受的参数（限价单的 quoteOrderQty，或市价单同时发送 quantity 和 quoteOrderQty）。',
    ),
    solution: t('Send every mandatory parameter in the documented format.', '请按文档格式发送所有必填参数。'),
    steps: [
      t('Read the parameter name in the message.', '查看错误信息中给出的参数名称。'),
      t(
        'Send it with a non-empty value in the documented format (decimals as strings, enums in upper case).',
        '按文档格式发送非空值（小数使用字符串，枚举值使用大写）。',
      ),
    ],
    faq: [
      {
        q: t('Which parameters does a LIMIT order need?', '限价单需要哪些参数？'),
        a: t(
          'symbol, side, type, timeInForce, quantity, price and timestamp, plus signature.',
          'symbol、side、type、timeInForce、quantity、price 和 timestamp，以及 signature。',
        ),
      },
      {
        q: t('Why is quoteOrderQty refused on my LIMIT order?', '为什么限价单的 quoteOrderQty 被拒绝？'),
        a: t(
          'A LIMIT order is sized by quantity and price; quoteOrderQty is for MARKET orders only, instead of quantity. Binance answers this with -1106.',
          '限价单的规模由 quantity 和 price 决定；quoteOrderQty 仅用于市价单，且不能与 quantity 同时发送。Binance 对此返回 -1106。',
        ),
      },
    ],
    reasons: {
      not_required: t("A parameter was sent that this order doesn't take.", '发送了该订单不接受的参数。'),
    },
  },

  BAD_PRECISION: {
    code: -1111,
    name: 'BAD_PRECISION',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Parameter has too much precision.', '参数精度过高。'),
    title: t('Too much precision', '精度过高'),
    meaning: t(
      "A price or quantity has more decimal places than the symbol's base or quote asset precision allows.",
      '价格或数量的小数位数超过了该交易对基础资产或计价资产允许的精度。',
    ),
    solution: t('Round the value to the precision given in exchangeInfo.', '请按 exchangeInfo 给出的精度对数值取整。'),
    steps: [
      t(
        'Read baseAssetPrecision and quoteAssetPrecision from GET /api/v3/exchangeInfo.',
        '通过 GET /api/v3/exchangeInfo 获取 baseAssetPrecision 和 quoteAssetPrecision。',
      ),
      t('Format the value with at most that many decimals.', '数值的小数位数不要超过该精度。'),
    ],
    faq: [
      {
        q: t('Why not use floating-point numbers?', '为什么不建议使用浮点数？'),
        a: t(
          'Floats can add digits such as 0.30000000000000004. Send decimals as strings.',
          '浮点数可能产生多余的位数，例如 0.30000000000000004。请以字符串形式发送小数。',
        ),
      },
    ],
    reasons: {
      quantity: t("Parameter 'quantity' has too much precision.", "参数 'quantity' 精度过高。"),
      price: t("Parameter 'price' has too much precision.", "参数 'price' 精度过高。"),
    },
  },

  BAD_SYMBOL: {
    code: -1121,
    name: 'BAD_SYMBOL',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Invalid symbol.', '无效的交易对。'),
    title: t('Invalid symbol', '无效的交易对'),
    meaning: t('The symbol is not listed on this server.', '该交易对未在本服务器上线。'),
    solution: t(
      'Use a symbol from exchangeInfo, in upper case without separators (e.g. BTCUSDT).',
      '请使用 exchangeInfo 中列出的交易对，大写且不带分隔符（例如 BTCUSDT）。',
    ),
    steps: [
      t('List the symbols with GET /api/v3/exchangeInfo.', '通过 GET /api/v3/exchangeInfo 查看交易对列表。'),
      t('Send the symbol in upper case with no separator.', '交易对使用大写且不带分隔符。'),
    ],
    faq: [
      {
        q: t('BTC-USDT is rejected but BTCUSDT works.', 'BTC-USDT 被拒绝，但 BTCUSDT 可以。'),
        a: t('Symbols have no separator, as on Binance.', '与 Binance 一样，交易对名称不含分隔符。'),
      },
    ],
    reasons: {},
  },

  NEW_ORDER_REJECTED: {
    code: -2010,
    name: 'NEW_ORDER_REJECTED',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Account has insufficient balance for requested action.', '账户余额不足，无法执行该操作。'),
    title: t('New order rejected', '下单被拒绝'),
    meaning: t(
      "The order was rejected: the account's free balance can't cover the funds the order would lock.",
      '订单被拒绝：账户的可用余额不足以冻结该订单所需的资金。',
    ),
    solution: t('Lower the order size or free funds by cancelling open orders.', '请减少下单数量，或撤销挂单以释放资金。'),
    steps: [
      t('Check free balances with GET /api/v3/account.', '通过 GET /api/v3/account 查看可用余额。'),
      t('Cancel open orders that lock the funds you need.', '撤销占用所需资金的挂单。'),
      t('Send a smaller order.', '提交较小数量的订单。'),
    ],
    faq: [
      {
        q: t('Which balance must cover the order?', '哪个资产的余额需要足够？'),
        a: t(
          'The quote asset (price x quantity) for a BUY, the base asset (quantity) for a SELL.',
          '买单需要计价资产（价格 × 数量），卖单需要基础资产（数量）。',
        ),
      },
    ],
    reasons: {
      duplicate_order: t('Duplicate order sent.', '重复提交的订单。'),
    },
  },

  CANCEL_REJECTED: {
    code: -2011,
    name: 'CANCEL_REJECTED',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Unknown order sent.', '发送的订单不存在。'),
    title: t('Cancel rejected', '撤单被拒绝'),
    meaning: t('The order to cancel was not found among the open orders of this account for this symbol.', '在该账户此交易对的挂单中未找到要撤销的订单。'),
    solution: t(
      'Check the orderId or origClientOrderId and the symbol; the order may already be cancelled.',
      '请检查 orderId 或 origClientOrderId 以及交易对，该订单可能已被撤销。',
    ),
    steps: [
      t('List open orders with GET /api/v3/openOrders.', '通过 GET /api/v3/openOrders 查看当前挂单。'),
      t('Cancel with the right symbol and orderId or origClientOrderId.', '使用正确的交易对和 orderId 或 origClientOrderId 撤单。'),
    ],
    faq: [
      {
        q: t('I cancelled twice and got this error.', '重复撤单时收到了此错误。'),
        a: t('The first cancel succeeded; the order is no longer open.', '第一次撤单已经成功，该订单已不在挂单中。'),
      },
    ],
    reasons: {},
  },

  NO_SUCH_ORDER: {
    code: -2013,
    name: 'NO_SUCH_ORDER',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Order does not exist.', '订单不存在。'),
    title: t('No such order', '订单不存在'),
    meaning: t('No order with this id exists for this account and symbol.', '该账户此交易对下不存在该编号的订单。'),
    solution: t('Check the symbol and the orderId or origClientOrderId.', '请检查交易对以及 orderId 或 origClientOrderId。'),
    steps: [
      t('Make sure the symbol matches the one the order was placed on.', '确认交易对与下单时一致。'),
      t('Use the orderId returned when the order was placed.', '使用下单时返回的 orderId。'),
    ],
    faq: [
      {
        q: t('Can another API key see my order?', '其他 API 密钥能查到我的订单吗？'),
        a: t(
          'Only keys of the same account can; orders of other accounts do not exist for you.',
          '只有同一账户的密钥可以查询；其他账户的订单对您而言视为不存在。',
        ),
      },
    ],
    reasons: {},
  },
} satisfies Record<string, CatalogEntry>;
