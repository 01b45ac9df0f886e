/**
 * Signed-API half of the error catalog (the same envelope as every other code): Binance-compatible codes with
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
    solution: t('Query the order or your open orders before retrying, so you do not place it twice.', '重试前请先查询订单或当前挂单，避免重复下单。'),
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
        a: t('Possibly. Check with the order query endpoints before sending it again.', '不确定。请先通过订单查询接口确认，再决定是否重新提交。'),
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
    solution: t('Stop for the number of seconds in Retry-After and spread your requests out.', '请按 Retry-After 指定的秒数暂停请求，并分散请求频率。'),
    steps: [
      t('Pause for the number of seconds in the Retry-After header.', '按 Retry-After 响应头指定的秒数暂停请求。'),
      t('Watch X-MBX-USED-WEIGHT-1M and stay below the limit from exchangeInfo.', '关注 X-MBX-USED-WEIGHT-1M，并保持在 exchangeInfo 给出的限制以下。'),
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
      weight_limit: t('Too much request weight used; current limit exceeded. Please slow down.', '请求权重超出当前限制，请降低请求频率。'),
      ip_banned: t(
        'Way too much request weight used; IP banned until the time given in Retry-After.',
        '请求权重严重超限，该 IP 已被封禁，请在 Retry-After 指定的时间后重试。',
      ),
      order_rate_limit: t(
        'Too many new orders; current limit exceeded. Wait for the number of seconds in Retry-After.',
        '新订单过多，已超出当前限制，请按 Retry-After 指定的秒数等待。',
      ),
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
      t('Use a larger recvWindow (up to 60000) on slow networks.', '网络较慢时可适当增大 recvWindow（最大 60000）。'),
    ],
    faq: [
      {
        q: t('Is the timestamp in seconds or milliseconds?', '时间戳的单位是秒还是毫秒？'),
        a: t('Milliseconds since the Unix epoch.', '自 Unix 纪元起的毫秒数。'),
      },
    ],
    reasons: {
      outside_recv_window: t('Timestamp for this request is outside of the recvWindow.', '该请求的时间戳超出了 recvWindow 范围。'),
      ahead_of_server_time: t("Timestamp for this request was 1000ms ahead of the server's time.", '该请求的时间戳比服务器时间快了 1000 毫秒以上。'),
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
        'Check that the secret belongs to the key in X-MBX-APIKEY and that nothing changes the request after signing.',
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

  BAD_API_KEY_FMT: {
    code: -2014,
    name: 'BAD_API_KEY_FMT',
    httpStatus: 401,
    surface: 'signed-api',
    msg: t('API-key format invalid.', 'API 密钥格式无效。'),
    title: t('Invalid API key format', 'API 密钥格式无效'),
    meaning: t('The X-MBX-APIKEY header is missing or is not in the format of an API key.', 'X-MBX-APIKEY 请求头缺失，或其内容不是有效的 API 密钥格式。'),
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
    solution: t("Check the key's status, IP whitelist and permissions in the security center.", '请在安全中心检查该密钥的状态、IP 白名单和权限。'),
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
