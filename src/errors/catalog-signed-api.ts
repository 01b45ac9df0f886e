/**
 * Signed-API half of the error catalog (CONTRACT §1 and §8): Binance-compatible codes with
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
import type { CatalogEntry, Localized } from './catalog-types.js';

const t = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

export const SIGNED_API_CATALOG = {
  SAPI_UNKNOWN: {
    code: -1000,
    name: 'SAPI_UNKNOWN',
    httpStatus: 500,
    surface: 'signed-api',
    msg: t('An unknown error occurred while processing the request.', '处理请求时发生未知错误。'),
    title: t('Unknown error', '未知错误'),
    meaning: t(
      "An unexpected server fault. As with Binance's 5XX answers, treat the execution status of the request as unknown until you check it.",
      '服务器发生意外故障。与 Binance 的 5XX 响应一样，在查询确认之前，请将该请求的执行状态视为未知。',
    ),
    solution: t(
      'Query the order or your open orders before retrying, so you do not place it twice.',
      '重试前请先查询订单或当前挂单，避免重复下单。',
    ),
    steps: [
      t(
        'Check with GET /api/v3/order or GET /api/v3/openOrders whether the request took effect.',
        '通过 GET /api/v3/order 或 GET /api/v3/openOrders 查询请求是否已生效。',
      ),
      t('Retry only if it did not.', '确认未生效后再重试。'),
    ],
    faq: [
      {
        q: t('Was my order placed?', '我的订单下单成功了吗？'),
        a: t(
          'Possibly. Check with the order query endpoints before sending it again.',
          '不确定。请先通过订单查询接口确认，再决定是否重新提交。',
        ),
      },
    ],
    reasons: {},
  },

  SAPI_TOO_MANY_REQUESTS: {
    code: -1003,
    name: 'SAPI_TOO_MANY_REQUESTS',
    httpStatus: 429,
    surface: 'signed-api',
    msg: t('Too much request weight used; current limit exceeded.', '请求权重超出当前限制。'),
    title: t('Request weight limit exceeded', '请求权重超限'),
    meaning: t(
      'This IP used more request weight in the last minute than the REQUEST_WEIGHT limit allows; X-MBX-USED-WEIGHT-1M shows the usage. Continuing after 429 answers gets the IP banned with HTTP 418, from 2 minutes up to 3 days for repeat offenders.',
      '该 IP 在过去一分钟内使用的请求权重超过了 REQUEST_WEIGHT 限制，可通过 X-MBX-USED-WEIGHT-1M 响应头查看用量。收到 429 后继续请求会导致 IP 被封禁（HTTP 418），屡次违规者的封禁时间从 2 分钟递增至 3 天。',
    ),
    solution: t(
      'Stop for the number of seconds in Retry-After and spread your requests out.',
      '请按 Retry-After 指定的秒数暂停请求，并分散请求频率。',
    ),
    steps: [
      t('Pause for the number of seconds in the Retry-After header.', '按 Retry-After 响应头指定的秒数暂停请求。'),
      t(
        'Watch X-MBX-USED-WEIGHT-1M and stay below the limit from exchangeInfo.',
        '关注 X-MBX-USED-WEIGHT-1M，并保持在 exchangeInfo 给出的限制以下。',
      ),
      t('Never keep sending after a 429: that leads to a 418 IP ban.', '收到 429 后切勿继续请求，否则会导致 IP 被封禁（418）。'),
    ],
    faq: [
      {
        q: t('What is the difference between 429 and 418?', '429 和 418 有什么区别？'),
        a: t(
          '429 means the IP is over the limit; 418 means it was banned for continuing after 429s. Both carry Retry-After.',
          '429 表示该 IP 超出了限制；418 表示该 IP 因收到 429 后继续请求而被封禁。两者都带有 Retry-After 响应头。',
        ),
      },
    ],
    reasons: {
      weight_limit: t(
        'Too much request weight used; current limit exceeded. Please slow down.',
        '请求权重超出当前限制，请降低请求频率。',
      ),
      ip_banned: t(
        'Way too much request weight used; IP banned until the time given in Retry-After.',
        '请求权重严重超限，该 IP 已被封禁，请在 Retry-After 指定的时间后重试。',
      ),
    },
  },

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

  INVALID_TIMESTAMP: {
    code: -1021,
    name: 'INVALID_TIMESTAMP',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Timestamp for this request is outside of the recvWindow.', '该请求的时间戳超出了 recvWindow 范围。'),
    title: t('Invalid timestamp', '时间戳无效'),
    meaning: t(
      'The request timestamp is too old for its recvWindow (default 5000 ms, max 60000 ms) or more than 1000 ms ahead of the server time.',
      '请求的时间戳相对 recvWindow（默认 5000 毫秒，最大 60000 毫秒）已过旧，或比服务器时间快 1000 毫秒以上。',
    ),
    solution: t(
      "Sync your machine's clock and send the timestamp in milliseconds right before signing.",
      '请同步本机时钟，并在签名前生成以毫秒为单位的时间戳。',
    ),
    steps: [
      t('Sync the system clock with NTP.', '使用 NTP 同步系统时钟。'),
      t(
        'Compare with GET /api/v3/time and correct for the offset if your clock drifts.',
        '对比 GET /api/v3/time 返回的服务器时间，如本机时钟有偏差请进行校正。',
      ),
      t(
        'Use a larger recvWindow (up to 60000) on slow networks.',
        '网络较慢时可适当增大 recvWindow（最大 60000）。',
      ),
    ],
    faq: [
      {
        q: t('Is the timestamp in seconds or milliseconds?', '时间戳的单位是秒还是毫秒？'),
        a: t('Milliseconds since the Unix epoch.', '自 Unix 纪元起的毫秒数。'),
      },
    ],
    reasons: {
      outside_recv_window: t(
        'Timestamp for this request is outside of the recvWindow.',
        '该请求的时间戳超出了 recvWindow 范围。',
      ),
      ahead_of_server_time: t(
        "Timestamp for this request was 1000ms ahead of the server's time.",
        '该请求的时间戳比服务器时间快了 1000 毫秒以上。',
      ),
    },
  },

  INVALID_SIGNATURE: {
    code: -1022,
    name: 'INVALID_SIGNATURE',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Signature for this request is not valid.', '该请求的签名无效。'),
    title: t('Invalid signature', '签名无效'),
    meaning: t(
      "The signature doesn't match the request: the payload is the query string followed directly by the body, signed with HMAC-SHA256 (hex) or Ed25519 (base64) depending on the key type.",
      '签名与请求内容不匹配：签名内容为查询字符串直接拼接请求体，根据密钥类型使用 HMAC-SHA256（十六进制）或 Ed25519（base64）签名。',
    ),
    solution: t(
      'Sign exactly the bytes you send, with the secret or private key of this API key.',
      '请使用该 API 密钥对应的 secret 或私钥，对实际发送的内容进行签名。',
    ),
    steps: [
      t(
        'Build the payload as query string + body with no separator, with values percent-encoded as sent.',
        '签名内容为查询字符串与请求体直接拼接（无分隔符），参数值需与发送时一样进行百分号编码。',
      ),
      t(
        'Use HMAC-SHA256 with hex output for HMAC keys, Ed25519 with base64 output for Ed25519 keys.',
        'HMAC 密钥使用 HMAC-SHA256 并输出十六进制；Ed25519 密钥使用 Ed25519 并输出 base64。',
      ),
      t(
        "Check that the secret belongs to the key in X-MBX-APIKEY and that nothing changes the request after signing.",
        '确认 secret 与 X-MBX-APIKEY 中的密钥对应，且签名后请求内容没有被修改。',
      ),
    ],
    faq: [
      {
        q: t('Where does the signature go?', '签名参数放在哪里？'),
        a: t(
          'In the signature parameter, last in the query string or body; it is not part of the signed payload.',
          '放在 signature 参数中，位于查询字符串或请求体的末尾，且不包含在签名内容中。',
        ),
      },
    ],
    reasons: {},
  },

  MANDATORY_PARAM_EMPTY_OR_MALFORMED: {
    code: -1102,
    name: 'MANDATORY_PARAM_EMPTY_OR_MALFORMED',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t(
      'A mandatory parameter was not sent, was empty/null, or malformed.',
      '必填参数未发送、为空或格式错误。',
    ),
    title: t('Missing or malformed parameter', '参数缺失或格式错误'),
    meaning: t(
      'A parameter this endpoint requires (for example symbol, side, type, quantity or price for a LIMIT order) is missing, empty or not in the expected format.',
      '该接口要求的参数（例如限价单的 symbol、side、type、quantity 或 price）缺失、为空或格式不正确。',
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
    ],
    reasons: {},
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
    solution: t(
      'Round the value to the precision given in exchangeInfo.',
      '请按 exchangeInfo 给出的精度对数值取整。',
    ),
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
    solution: t(
      'Lower the order size or free funds by cancelling open orders.',
      '请减少下单数量，或撤销挂单以释放资金。',
    ),
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
    reasons: {},
  },

  CANCEL_REJECTED: {
    code: -2011,
    name: 'CANCEL_REJECTED',
    httpStatus: 400,
    surface: 'signed-api',
    msg: t('Unknown order sent.', '发送的订单不存在。'),
    title: t('Cancel rejected', '撤单被拒绝'),
    meaning: t(
      'The order to cancel was not found among the open orders of this account for this symbol.',
      '在该账户此交易对的挂单中未找到要撤销的订单。',
    ),
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
        a: t(
          'The first cancel succeeded; the order is no longer open.',
          '第一次撤单已经成功，该订单已不在挂单中。',
        ),
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
    meaning: t(
      'No order with this id exists for this account and symbol.',
      '该账户此交易对下不存在该编号的订单。',
    ),
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

  BAD_API_KEY_FMT: {
    code: -2014,
    name: 'BAD_API_KEY_FMT',
    httpStatus: 401,
    surface: 'signed-api',
    msg: t('API-key format invalid.', 'API 密钥格式无效。'),
    title: t('Invalid API key format', 'API 密钥格式无效'),
    meaning: t(
      'The X-MBX-APIKEY header is missing or is not in the format of an API key.',
      'X-MBX-APIKEY 请求头缺失，或其内容不是有效的 API 密钥格式。',
    ),
    solution: t(
      'Send the API key exactly as shown when it was created, in the X-MBX-APIKEY header.',
      '请在 X-MBX-APIKEY 请求头中发送创建时显示的完整 API 密钥。',
    ),
    steps: [
      t('Copy the API key again, without spaces or line breaks.', '重新复制 API 密钥，注意不要包含空格或换行。'),
      t(
        'Send it in the X-MBX-APIKEY header, not as the secret or in the query string.',
        '将其放在 X-MBX-APIKEY 请求头中，不要误用 secret，也不要放在查询字符串中。',
      ),
    ],
    faq: [
      {
        q: t('Did I send the secret instead of the key?', '是不是把 secret 当成密钥发送了？'),
        a: t(
          'Possibly. The header carries the API key; the secret only signs and is never sent.',
          '有可能。请求头中应为 API 密钥；secret 只用于签名，不应发送。',
        ),
      },
    ],
    reasons: {},
  },

  REJECTED_MBX_KEY: {
    code: -2015,
    name: 'REJECTED_MBX_KEY',
    httpStatus: 401,
    surface: 'signed-api',
    msg: t('Invalid API-key, IP, or permissions for action.', 'API 密钥、IP 或操作权限无效。'),
    title: t('API key rejected', 'API 密钥被拒绝'),
    meaning: t(
      "The API key is unknown or deleted, the request's IP is not on the key's whitelist, or the key lacks the permission (READ, TRADE) for this endpoint.",
      'API 密钥不存在或已删除、请求 IP 不在该密钥的白名单中，或该密钥没有此接口所需的权限（READ、TRADE）。',
    ),
    solution: t(
      "Check the key's status, IP whitelist and permissions in the security center.",
      '请在安全中心检查该密钥的状态、IP 白名单和权限。',
    ),
    steps: [
      t('Check that the key still exists in the security center.', '在安全中心确认该密钥仍然存在。'),
      t("Add your server's public IP to the key's whitelist.", '将服务器的公网 IP 加入该密钥的白名单。'),
      t('Give the key the TRADE permission for order endpoints.', '下单类接口需要为密钥开通 TRADE 权限。'),
    ],
    faq: [
      {
        q: t('It worked yesterday.', '昨天还能正常使用。'),
        a: t(
          "Your server's IP may have changed, or the key was deleted. Check the key's whitelist and the key list.",
          '服务器 IP 可能已变更，或密钥已被删除。请检查该密钥的白名单和密钥列表。',
        ),
      },
    ],
    reasons: {},
  },
} satisfies Record<string, CatalogEntry>;
