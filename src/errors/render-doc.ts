/**
 * Renders docs/errors.md from the catalog, so the doc can never drift from the code:
 * `npm run docs:generate` writes it and render-doc.test.ts fails when it is stale. Pure: no I/O.
 * English only; every entry also has zh-CN text, served by the API and the help pages.
 */
import type { CatalogEntry } from './catalog-types.js';
import { allEntries, helpPathFor } from './lookup.js';

/** Makes text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * The envelope fields each code carries besides code/msg/help/requestId. Doc-only:
 * the catalog says what a code means, the emitting service decides these values.
 */
const FIELDS_BY_CODE: Readonly<Record<number, string>> = {
  1003: '`retryAfter` (and the `Retry-After` header), always.',
  1100: '`retryAfter` (and `Retry-After`) when an end time is set; `details.until` (ISO time or `null`); `details.message` when the operator gave one.',
  4000: '`details.changedAt` (ISO time of the password change), with reason `old_password` only.',
  4001: '`details.ipCountry` (ISO country of the request IP, `null` when unknown); `details.function` with `function_restricted`; `details.until` (end of the cool-down) with `region_hopping`.',
  4002: '`details.freezeType`: `self`, `risk` or `staff` (same as `reason`); `details.ticketHint` (the support form for an unfreeze ticket).',
  4003: "`details.skewSeconds` (how far the authenticator's clock is off) with reason `clock_skew`; `details.ticketHint` (the support form for a 2FA reset) with `backup_codes_exhausted`.",
  4010: '`details.fields`: `{name: problem}` for each invalid field.',
  4015: '`details.until` (ISO time the hold ends); `details.cause` (the security change that started it); `details.function` (what is held, e.g. `withdraw`).',
  4016: '`details.needs`: a subset of `["password","twoFactor"]`.',
  4017: '`details.asset` (the asset whose available balance is short).',
  4020: '`details.field` (and `details.maxFiles` for one file too many) on support-ticket uploads.',
};

const INTRO = `# Error codes

<!-- Generated from src/errors/catalog.ts by \`npm run docs:generate\`. Do not edit by hand. -->

Every error Gatehouse returns, on every endpoint, is an HTTP status plus one JSON body (the
*envelope*):

\`\`\`json
{
  "code": 1003,
  "msg": "Too many login attempts from this network. Try again later.",
  "reason": "ip_rate_limit",
  "retryAfter": 600,
  "details": {},
  "help": "/help/errors/1003",
  "requestId": "01J..."
}
\`\`\`

| field | always | meaning |
|---|---|---|
| \`code\` | yes | integer error code, the key to this page |
| \`msg\` | yes | short, localized message, safe to show to the user |
| \`reason\` | no | stable snake_case sub-cause where one code has several (see each code's reasons table) |
| \`retryAfter\` | no | whole seconds to wait; present for 1003, for 1100 when an end time is set, and for 418 |
| \`details\` | no | code-specific fields named below; never secrets, stack traces or SQL |
| \`help\` | yes | path of the help page for the code, e.g. \`/help/errors/1003\` |
| \`requestId\` | yes | same value as the \`x-request-id\` response header and the server log line |

- Whenever \`retryAfter\` is present, the \`Retry-After\` response header carries the same number.
- \`msg\` follows the \`Accept-Language\` request header: \`en\` (the default) and \`zh-CN\`
  (\`zh\`, \`zh-CN\`, \`zh-Hans\` and \`zh-SG\` all select it).
- A code never tells whether an account exists: an unknown email and a wrong password give the
  same status and body (apart from \`requestId\`).
- A login error sets \`details.supportSuggested: true\` when the same code has repeated for this
  account and device for over 24 hours: the client should offer the support desk.
- \`GET /api/v1/errors\` lists every code; \`GET /api/v1/errors/{code}\` returns one entry, localized.

## Order of checks on login

This order is normative, so that nothing leaks to a caller who does not know the password:

1. maintenance (1100)
2. rate limits (1003), before any password hash is computed
3. credentials (4000); an unknown account hashes a dummy password, so it looks the same
4. email verified (4019, in the credentials step: an unverified address signs nobody in, and 4019
   answers the password of a registration still waiting for its code)
5. frozen (4002)
6. region (4001)
7. risk (may ask for device confirmation or freeze the account: 4002 \`risk\`)
8. second factor (4003)

Region and freeze state are revealed only to a caller who knows the password.
`;

const SIGNED_API_INTRO = `# Signed API codes

The Binance-compatible signed API (\`/api/v3/...\`) answers with Binance's own codes and bodies,
\`{"code": -1121, "msg": "Invalid symbol."}\`, exactly as existing Binance client libraries expect
(extra fields may be present). Messages that Binance fills with a value, such as
"Parameter 'quantity' has too much precision.", carry the actual parameter name. Maintenance is
answered with 1100 on this surface too.

- Over the request-weight limit: HTTP 429 with -1003 and \`Retry-After\`. Continuing after 429s gets
  the IP banned: HTTP 418, also -1003 with \`Retry-After\`, from 2 minutes up to 3 days.
- \`X-MBX-USED-WEIGHT-1M\` is sent on every response.
`;

function renderEntry(entry: CatalogEntry): string {
  const lines: string[] = [];
  lines.push(`## ${entry.code} ${entry.name}`, '');
  lines.push(`**${entry.title.en}** · HTTP ${entry.httpStatus} · help page \`${helpPathFor(entry.code)}\``, '');
  lines.push(`Message: "${entry.msg.en}"`, '');
  lines.push(`**Meaning.** ${entry.meaning.en}`, '');
  const reasons = Object.entries(entry.reasons);
  if (reasons.length > 0) {
    lines.push('| reason | message |', '|---|---|');
    for (const [reason, msg] of reasons) lines.push(`| \`${reason}\` | ${cell(msg.en)} |`);
    lines.push('');
  }
  const fields = FIELDS_BY_CODE[entry.code];
  if (fields !== undefined) lines.push(`**Fields:** ${fields}`, '');
  lines.push(`**Solution.** ${entry.solution.en}`, '');
  lines.push('**Steps:**', '');
  for (const [i, step] of entry.steps.entries()) lines.push(`${i + 1}. ${step.en}`);
  lines.push('', '**FAQ:**', '');
  for (const { q, a } of entry.faq) lines.push(`- **${q.en}** ${a.en}`);
  lines.push('', '_Also available in zh-CN (Simplified Chinese)._', '');
  return lines.join('\n');
}

function renderIndex(entries: CatalogEntry[]): string {
  const rows = entries.map((e) => `| ${e.code} | ${e.name} | ${e.httpStatus} | ${cell(e.title.en)} |`);
  return ['| code | name | HTTP | title |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** The full text of docs/errors.md. */
export function renderErrorsDoc(): string {
  const entries = allEntries();
  const app = entries.filter((e) => e.surface === 'app');
  const signed = entries.filter((e) => e.surface === 'signed-api');
  const parts = [INTRO, '## All codes\n', renderIndex(entries), '# App codes\n', ...app.map(renderEntry), SIGNED_API_INTRO, ...signed.map(renderEntry)];
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
